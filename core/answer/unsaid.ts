import { memoByText } from '../text/memo.js';
import { isoDateMonths, monthNumber, MONTH_NAMES, NEGATIONS, SAYS_NOT } from '../lang/en.js';
import { dayTerms, isStopWord, stem, words } from '../text/tokenize.js';
import { asksWhy } from './causes.js';
import { asksHowTo } from './question-type.js';

/**
 * Edit distance counting a swap of two neighbouring letters as one edit ("Carslbad" for "Carlsbad",
 * the commonest slip in typing), stopping early once it exceeds `max`.
 */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, before[j - 2]! + 1);
    }
    if (Math.min(...row) > max) return false;
    before = prev;
    prev = row;
  }
  return prev[b.length]! <= max;
}

/** The pieces a word is compared by: its hyphen-separated parts, with dots dropped. */
function comparable(word: string): string[] {
  return word
    .split('-')
    .map((p) => p.replace(/\./g, ''))
    .filter(Boolean);
}

/**
 * A passage's words, compared as the question's are: hyphenated words by their parts
 * ("NP-complete"), abbreviations without their dots ("U.S." is "US"). Every question checks up to
 * five passages, and the same passages come back for related questions, so each is read once.
 */
const vocabulary = memoByText((passage) => {
  const tokens = words(passage);
  const passageWords = [...new Set([...tokens.flatMap((t) => comparable(wholeAmount(t.word))), ...isoMonths(passage)])];
  const times = new Set(timesOfDay(passage).map((t) => t.clock));
  // "Sat" says Saturday, "Mon-Fri" each weekday.
  return {
    passageWords,
    passageStems: new Set([...passageWords.map(stem), ...dayTerms(passage)]),
    identifiers: new Set(tokens.filter((t) => isIdentifier(t.word)).map((t) => t.word)),
    times,
    numberedRanges: numberedRanges(passage),
  };
}, 2_000);

/** Times of day, in 12-hour or 24-hour writing ("5 pm", "5:30 p.m.", "17:00"), with their offsets. */
const TIME = /\b(\d{1,2})(?::([0-5]\d))?\s?([ap])\.?m\b\.?|\b([01]?\d|2[0-3]):([0-5]\d)\b/gi;

/** Each time of day the text gives, as "HH:MM" on a 24-hour clock, with where it is written. */
export function timesOfDay(text: string): { clock: string; start: number; end: number }[] {
  return [...text.matchAll(TIME)].flatMap((m) => {
    let hour = Number(m[1] ?? m[4]);
    const minutes = m[2] ?? m[5] ?? '00';
    if (m[3]) {
      if (hour < 1 || hour > 12) return [];
      hour = (hour % 12) + (m[3].toLowerCase() === 'p' ? 12 : 0);
    }
    return [{ clock: `${String(hour).padStart(2, '0')}:${minutes}`, start: m.index, end: m.index + m[0].length }];
  });
}

/** "Years 3 to 6", "rooms 101-104", "Levels 2–4": a run of numbered things, by the stem of their noun. */
const NUMBERED_RANGE = /\b(\p{L}+)\s+(\d{1,4})\s*(?:to|-|–|—|through)\s*(\d{1,4})\b/giu;

/** The runs of numbered things a text names: "Years 3 to 6" says Year 4 (stem "year": [3, 6]). */
function numberedRanges(text: string): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  for (const m of text.matchAll(NUMBERED_RANGE)) {
    const [from, to] = [Number(m[2]), Number(m[3])];
    // A date range ("June 3-6") or a score ("won 3-1") is no run of numbered things.
    if (to <= from || to - from > 100 || isStopWord(m[1]!.toLowerCase()) || monthNumber(m[1]!) !== undefined) continue;
    const key = stem(m[1]!.toLowerCase());
    out.set(key, [...(out.get(key) ?? []), [from, to]]);
  }
  return out;
}

/** A code joining letters and digits with a hyphen ("F-09", "INC-2291", "kw-02"): said only whole, F-07 is not F-09. */
const isIdentifier = (word: string) => /\p{L}-\d|\d-\p{L}/u.test(word);

/** The months an ISO date names ("2025-07-14" says July, as records and logs write dates). */
const isoMonths = (passage: string) => [
  ...new Set(isoDateMonths(passage).map((n) => MONTH_NAMES[n - 1]!.toLowerCase())),
];

/** An amount with zero pence or cents is the whole amount: "£15.00" says "£15" (a version "2.0" is not "2"). */
const wholeAmount = (word: string) => word.replace(/^(\d+)\.00$/, '$1');

/** Whether a word of a question is said in a text: a code only whole, any other word by its parts (see `said`). */
function wordSaid(word: string, vocab: ReturnType<typeof vocabulary>): boolean {
  if (isIdentifier(word)) return vocab.identifiers.has(word);
  return comparable(wholeAmount(word)).every((p) => said(p, vocab.passageWords, vocab.passageStems));
}

/** A name is said when the passage has it, a derived form ("Californian" for "California"), or a near spelling. */
function said(word: string, passageWords: string[], passageStems: Set<string>): boolean {
  if (passageStems.has(stem(word))) return true;
  if (word.length < 5) return false;
  const prefix = word.slice(0, Math.max(5, word.length - 2));
  return passageWords.some(
    (w) =>
      w.startsWith(prefix) ||
      (w.length >= 5 && prefix.startsWith(w.slice(0, Math.max(5, w.length - 2)))) ||
      withinEdits(w, word, 1),
  );
}

/** "1. ", "- ", "• " before a question pasted from a list: not part of what is asked. */
const LIST_MARKER = /^\s*(?:\d{1,3}[.)]|[-*•])\s+/u;

/**
 * Capital letters say nothing about names in a question typed in capitals ("WHO IS THE
 * SPOKESPERSON?") or in title case ("Who Is The Spokesperson Of The Party?": its small words are
 * capitalised too).
 */
function caseSaysNothing(question: string): boolean {
  const letters = question.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 4 && letters === letters.toUpperCase()) return true;
  const inner = words(question)
    .slice(1)
    .filter((t) => isStopWord(t.word));
  return inner.length >= 2 && inner.every((t) => /^\p{Lu}/u.test(question.slice(t.start, t.end)));
}

/**
 * Names and numbers the question mentions (capitalised words not opening a sentence, and digits)
 * that the passage never says. A passage about Pakistan's prime minister does not answer a
 * question about India's; this is how the answerer tells.
 */
export function missingNames(question: string, passage: string): string[] {
  const vocab = vocabulary(passage);
  const asked = question.replace(LIST_MARKER, '');
  const caseless = caseSaysNothing(asked);
  // "before 5 pm" is said by "before 17:00": the digits of a time the passage gives in its own writing are said.
  const saidTimes = timesOfDay(asked).filter((t) => vocab.times.has(t.clock));
  const out: string[] = [];
  const tokens = words(asked);
  for (const [i, token] of tokens.entries()) {
    if (saidTimes.some((t) => token.start >= t.start && token.end <= t.end)) continue;
    // "Year 4" is said by "Years 3 to 6": the number after the noun of a run the passage names.
    const noun = tokens[i - 1]?.word;
    if (noun !== undefined && inRuns(token.word, vocab.numberedRanges.get(stem(noun)) ?? [])) continue;
    const surface = asked.slice(token.start, token.end);
    // Only symbols, digits or spaces since the last sentence end: "🙂 Who", "(Who".
    const opensSentence = /(?:^|[.?!:;"“])[^\p{L}]*$/u.test(asked.slice(0, token.start));
    // A small word is no name ("Tell me, Who is"), unless in capitals ("the WHO", "T(n)"); "I" is the person asking.
    const smallWord = isStopWord(token.word) && (surface === 'I' || !/^\p{Lu}+$/u.test(surface));
    const name = !caseless && !opensSentence && !smallWord && /^\p{Lu}/u.test(surface);
    const number = /\d/.test(surface);
    if (!name && !number) continue;
    if (!wordSaid(token.word, vocab)) out.push(surface);
  }
  return out;
}

/** Whether a number lies in one of the runs ("4" in Years 3 to 6). */
function inRuns(word: string, runs: [number, number][]): boolean {
  if (!/^\d+$/.test(word)) return false;
  const n = Number(word);
  return runs.some(([from, to]) => n >= from && n <= to);
}

/** Whether the text says a name `missingNames` found missing elsewhere (as it compares them: by parts, stems, near spellings). */
export function saysName(text: string, name: string): boolean {
  const vocab = vocabulary(text);
  // A number missingNames let a run cover ("4" of "Year 4") is said by a run of any noun: the caller no longer knows the noun.
  const runs = [...vocab.numberedRanges.values()].flat();
  return words(name).every((t) => wordSaid(t.word, vocab) || inRuns(t.word, runs));
}

/** Words that negate a question ("what is not used for ..."); "cannot" is one word. */
const NEGATION = new Set([...NEGATIONS, 'cannot']);
/** Words by which a text can say that something is not so, in so many words or not. */
const NEGATIVE = new Set([...NEGATION, ...SAYS_NOT]);

const negates = (word: string) => NEGATION.has(word) || word.endsWith("n't");

/**
 * The question asks what is *not* so, and the text only says what is. A sentence saying that
 * probabilistic decisions often help cannot say what does not help; answering from it would
 * state the opposite of the text.
 */
export function unsaidNegation(question: string, text: string): boolean {
  // "Why did the certificate not get renewed?" is answered by the cause ("the token was revoked"), which need not say "not".
  if (asksWhy(question)) return false;
  // Nor is "How can I check the files aren't corrupted?": a method answers it ("run md5sum -c").
  if (asksHowTo(question)) return false;
  // "whether or not", "may or may not" ask both ways; a negation in a condition ("What happens if I don't
  // reply?") says when, not what is not so.
  const asked = words(question.replace(/\bor (?:\w+ )?not\b/gi, '').replace(/\b(?:if|unless|in case)\b[^,;?]*/gi, ''));
  if (!asked.some((t) => negates(t.word))) return false;
  return !words(text).some((t) => negates(t.word) || NEGATIVE.has(t.word));
}

/** A compound of two words joined by a hyphen ("part-time", "short-term", "off-site"). */
const COMPOUND = /\b(\p{L}+)-(\p{L}+)\b/gu;

/**
 * The question asks about one kind ("part-time drivers") and the sentence speaks of another kind of the
 * same thing ("Full-time drivers get 28 days' leave"): the compound's second word is shared, its first is
 * not, and the question's compound is not said. Answering would state the other kind's value.
 */
export function otherKind(question: string, sentence: string): boolean {
  const said = sentence.toLowerCase();
  for (const [whole, first, second] of question.toLowerCase().matchAll(COMPOUND)) {
    if (said.includes(whole!) || said.includes(`${first} ${second}`) || said.includes(`${first}${second}`)) continue;
    for (const [, other, head] of said.matchAll(COMPOUND)) if (head === second && other !== first) return true;
  }
  return false;
}
