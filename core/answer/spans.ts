import { isStopWord, words, type Token } from '../text/tokenize.js';
import { commandIn } from '../text/fences.js';
import { recordFields } from '../text/records.js';
import { balanced, candidates, type Candidate, type SpanType } from './candidates.js';
import { formerValue, otherSubjectValue, replacedValue } from './changes.js';
import { otherEnd, seriesEnd } from './ranges.js';
import { outOfSeason } from './seasons.js';
import { keyUnit } from './units.js';
import { fitFor, typeFit } from './type-fit.js';
import { questionStemSaidBy, type Evidence, type QuestionTerms } from './evidence.js';
import { focusWord, type AnswerType } from './question-type.js';
import { spanScore, type SpanFacts } from './span-features.js';

export interface ScoredSpan {
  candidate: Candidate;
  evidence: Evidence;
  typeFit: number;
  score: number;
}

/**
 * "one" is a pronoun or part of a determiner ("one of them", "the one exception", "no one") far more often
 * than a count; "one wheelchair" is a count, even when the question's "wheelchairs" is trimmed off it.
 */
function pronounOne(sentence: string, raw: Candidate, c: Candidate): boolean {
  return (
    /^one$/i.test(c.text) &&
    (/^one$/i.test(raw.text) ||
      /\b(?:the|no|any|every|each|this|that|which|some)\s+$/i.test(sentence.slice(0, c.start)))
  );
}

/** Indices of the first and last sentence tokens the candidate overlaps. */
function tokenRange(tokens: Token[], c: Candidate): [number, number] {
  return [tokens.findIndex((t) => t.end > c.start), tokens.findLastIndex((t) => t.start < c.end)];
}

/**
 * How close the span sits to the question's terms in the sentence, each term weighted by its
 * IDF: an answer tends to stand next to the rare words the question names (0..1).
 */
function closeness(tokens: Token[], c: Candidate, q: QuestionTerms): number {
  const weightOf = new Map(q.stems.map((s, i) => [s, q.weights[i]!]));
  // "the driver" stands for "driving" in the question.
  const asked = questionStemSaidBy(q);
  const [first, last] = tokenRange(tokens, c);
  const best = new Map<string, number>();
  tokens.forEach((t, i) => {
    const stem = asked.get(t.stem);
    if (!stem || (i >= first && i <= last)) return;
    const d = i < first ? first - i : i - last;
    best.set(stem, Math.max(best.get(stem) ?? 0, 1 / (1 + d / 3)));
  });
  let total = 0;
  let sum = 0;
  for (const [stem, near] of best) {
    sum += weightOf.get(stem)! * near;
    total += weightOf.get(stem)!;
  }
  return total > 0 ? sum / total : 0;
}

/**
 * Whether the span stands beside the question's focus noun, with only question words between
 * ("platform X", "the TAPI gas pipeline" for "which gas pipeline"): the text naming the thing asked about.
 */
function besideFocus(
  sentence: string,
  tokens: Token[],
  c: Candidate,
  q: QuestionTerms,
  stems: ReadonlySet<string>,
): boolean {
  const { focus } = q;
  if (!focus) return false;
  const [first, last] = tokenRange(tokens, c);
  if (first < 0 || last < first) return false;
  // A comma between them makes the next item of a list ("the fibre-optic project, CASA-1000"), not the noun's name.
  const apart = (i: number) =>
    /[,;]/.test(i > last ? sentence.slice(c.end, tokens[i]!.start) : sentence.slice(tokens[i]!.end, c.start));
  const reaches = (from: number, step: number): boolean => {
    for (let i = from; i >= 0 && i < tokens.length && Math.abs(i - from) < 4; i += step) {
      if (tokens[i]!.stem === focus) return !apart(i);
      if (!stems.has(tokens[i]!.stem)) return false;
    }
    return false;
  };
  // Before the noun, a name or a literal names it ("the TAPI gas pipeline", "kw-02 workers"); a common word
  // says what kind it is ("travel insurer"), which answers only a question asking what kind.
  // A number before it counts the noun ("38 customers"): the answer to "how many customers", not to "which customers".
  const counted = c.types.has('number') && !c.types.has('id');
  const named =
    q.asksKind ||
    capitalised(c.text) ||
    ['code', 'id', 'date'].some((t) => c.types.has(t as SpanType)) ||
    (counted && q.counts === true);
  return reaches(first - 1, -1) || (named && reaches(last + 1, 1));
}

/** Words for what an amount measures: time, distance, weight, volume, size. */
const UNIT_WORD =
  /^(?:years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|ms|km|kilomet(?:er|re)s?|met(?:er|re)s?|miles?|kg|kilograms?|grams?|tonnes?|tons?|lit(?:er|re)s?|[kmgtp]b|bytes?|percent)$/;

/** Drop question words and stop words from both ends of a span ("4300 Afghan" asked about Afghans is "4300"). `tokens` are the sentence's words. */
function trimEcho(
  sentence: string,
  tokens: Token[],
  c: Candidate,
  questionStems: Set<string>,
  asksWho = false,
): Candidate | undefined {
  // Code is a literal: "/var/log/agent.log" less its "log" is no path.
  if (c.types.has('code')) return c;
  const inside = tokens.filter((t) => t.start >= c.start && t.end <= c.end);
  const echo = (t: Token) => questionStems.has(t.stem) || isStopWord(t.word);
  const count = inside.length;
  while (inside.length > 0 && echo(inside[0]!)) inside.shift();
  const trimmedFront = inside.length < count;
  // A capitalised last word belongs to a name ("Durand Line" asked about "which line"), so it stays.
  const inName = (t: Token) =>
    inside.length > 1 && capitalised(sentence.slice(t.start, t.end)) && capitalised(sentence.slice(inside[0]!.start));
  // "am" after a number is the time of day ("9 am"), not the verb a stop list drops.
  const timeOfDay = (t: Token) =>
    /^[ap]m$/.test(t.word) && inside.length > 1 && /\d$/.test(inside[inside.length - 2]!.word);
  // A unit after its amount is part of the amount ("30 days" asked about "the 60-day period" is not "30").
  const unit = (t: Token) =>
    inside.length > 1 && /^\d[\d,.]*$/.test(inside[inside.length - 2]!.word) && UNIT_WORD.test(t.word);
  const stays = (t: Token) => inName(t) || timeOfDay(t) || unit(t);
  while (inside.length > 0 && echo(inside[inside.length - 1]!) && !stays(inside[inside.length - 1]!)) inside.pop();
  if (inside.length === 0) return undefined;
  // Untrimmed, the span keeps any leading symbol ("$5") that is not a word. Trimming can split a
  // bracket pair ("Arg (Presidential Palace), Akhund" less "Arg"), so it is balanced again.
  // A unit symbol is no word but belongs to its number ("6%", "21°").
  const lastEnd = inside[inside.length - 1]!.end;
  const symbol = /^[%°‰]*/.exec(sentence.slice(lastEnd, c.end))![0].length;
  const kept = balanced(sentence, trimmedFront ? inside[0]!.start : c.start, lastEnd + symbol);
  if (!kept) return undefined;
  const { start, end } = kept;
  const text = sentence.slice(start, end);
  if (text === c.text) return c;
  // What remains of a trimmed name must still look like one ("Taliban government spokesperson" is not a person once cut to "government").
  // Asked who, the last word of a name whose first words the question says ("Form" of "Pet Request Form" asked
  // about a pet request) is the thing the question names, not someone: no name of its own. (Asked which team,
  // "Trojans" of "USC Trojans" is the answer.)
  const remnant = asksWho && trimmedFront && capitalised(c.text) && words(text).length === 1;
  const types = new Set([...c.types].filter((t) => LOOKS_LIKE[t](text) && !(remnant && NAME_TYPES.has(t))));
  return types.size > 0 ? { start, end, text, types } : undefined;
}

const NAME_TYPES = new Set<SpanType>(['person', 'org', 'proper']);

const capitalised = (text: string) => /^\p{Lu}/u.test(text);
const LOOKS_LIKE: Record<SpanType, (text: string) => boolean> = {
  person: capitalised,
  org: capitalised,
  place: capitalised,
  city: capitalised,
  country: capitalised,
  proper: capitalised,
  date: (text) =>
    /\d|day|week|month|year|century|decade|January|February|March|April|May|June|July|August|September|October|November|December/i.test(
      text,
    ),
  number: (text) =>
    /\d|half|quarter|dozen|hundred|thousand|million|billion|single|pair|couple|one|two|three|four|five|six|seven|eight|nine|ten/i.test(
      text,
    ),
  noun: () => true,
  code: () => true,
  path: () => true,
  id: (text) => /\d/.test(text),
  role: () => true,
  phone: (text) => /\d/.test(text),
};

/** A label is short: "Compressor replacement and call-out", "Punctuality (departing between 1 minute early and 5 minutes late)". */
const LABEL_WORDS = 12;

/**
 * Whether the span is the value right after a label that says some of the question's words
 * ("Compressor replacement and call-out: £2,960" for "what did the compressor repair cost"): reports and
 * minutes set out their figures so, and a number inside the label ("1 minute early") is not the value.
 */
function labelledValue(sentence: string, c: Candidate, tokens: Token[], questionStems: ReadonlySet<string>): boolean {
  const colon = sentence.indexOf(': ');
  if (colon < 0 || c.start <= colon || !/^[\s*_`"'“]*$/.test(sentence.slice(colon + 1, c.start))) return false;
  const label = tokens.filter((t) => t.end <= colon);
  return label.length > 0 && label.length <= LABEL_WORDS && label.some((t) => questionStems.has(t.stem));
}

/** Among spans of equal fit, a span inside a longer one yields to it ("week" to "Last week"). */
function dropContained(spans: ScoredSpan[]): ScoredSpan[] {
  return spans.filter(
    (a) =>
      !spans.some(
        (b) =>
          b !== a &&
          b.evidence === a.evidence &&
          b.typeFit >= a.typeFit &&
          b.candidate.start <= a.candidate.start &&
          b.candidate.end >= a.candidate.end &&
          b.candidate.text.length > a.candidate.text.length,
      ),
  );
}

/** What the span score needs to know about one trimmed candidate in its sentence. */
function facts(q: QuestionTerms, e: Evidence, c: Candidate, tokens: Token[], fit: number): SpanFacts {
  const questionStems = new Set(q.stems);
  // Answers rarely repeat the question; a span made of question words is the topic, not the answer.
  // Inside a name, a question word is part of the name ("Durand Line" for "which line").
  const spanWords = words(c.text).filter((t) => !isStopWord(t.word));
  const isName = capitalised(c.text);
  // A literal is named after what it is ("/var/log/agent.log" for "the agent log"): no echo.
  const literal = c.types.has('code');
  // The unit of an amount repeats "how many days" without echoing it: "27 days" answers it.
  const amount = /\d/.test(c.text);
  const echoes = spanWords.filter(
    (t) =>
      !literal &&
      questionStems.has(t.stem) &&
      !(isName && capitalised(c.text.slice(t.start))) &&
      !(amount && UNIT_WORD.test(t.word)),
  );
  return {
    fit,
    // A line of code is the whole sentence, so nothing stands near it but the prose introducing it, just before.
    closeness: e.code ? 1 : closeness(tokens, c, q),
    echo: spanWords.length > 0 ? echoes.length / spanWords.length : 0,
    // A literal is as long as it is written; length says nothing of a command.
    words: e.code ? 1 : words(c.text).length,
    evidenceScore: e.score,
    beside: besideFocus(e.text, tokens, c, q, questionStems) ? 1 : 0,
    // Another thing's new value is no more the answer than this thing's old one.
    replaced: replacedValue(e.text, c, q.asksOld === true) || otherSubjectValue(e.text, c, questionStems) ? 1 : 0,
    former: q.asksOld && formerValue(e.text, c) ? 1 : 0,
    seriesEnd: q.asksSeriesEnd && seriesEnd(e.text, c, q.asksSeriesEnd) ? 1 : 0,
    otherEnd: q.asksEnd && otherEnd(e.text, c, q.asksEnd) ? 1 : 0,
    labelled: labelledValue(e.text, c, tokens, questionStems) ? 1 : 0,
  };
}

/**
 * A phrase that holds the question's focus noun ("social media platform X" for "which platform")
 * names its answer beside that noun: the words after it ("X") and before it ("the TAPI" of "the
 * TAPI pipeline") when they are a name, offered as candidates of their own, with the types they still look like.
 */
function asideFocus(
  sentence: string,
  tokens: Token[],
  c: Candidate,
  focus: string | undefined,
): Candidate[] | undefined {
  if (!focus) return undefined;
  const inside = tokens.filter((t) => t.start >= c.start && t.end <= c.end);
  const at = inside.findIndex((t) => t.stem === focus);
  // A capitalised noun is part of the name ("the Durand Line" for "which line"): nothing to split off.
  if (at < 0 || capitalised(sentence.slice(inside[at]!.start))) return undefined;
  const pieces: [number, number][] = [];
  if (at + 1 < inside.length) pieces.push([inside[at + 1]!.start, c.end]);
  if (at > 0) pieces.push([c.start, inside[at - 1]!.end]);
  const named = pieces.flatMap(([start, end]) => {
    const text = sentence.slice(start, end);
    // Only a name stands for the thing itself; "social media" before "platform" says what kind it is.
    const first = words(text).find((t) => !isStopWord(t.word));
    if (!first || !capitalised(text.slice(first.start))) return [];
    const types = new Set([...c.types].filter((t) => LOOKS_LIKE[t](text)));
    return types.size > 0 ? [{ start, end, text, types }] : [];
  });
  // The whole phrase stays when nothing beside the noun is a name; otherwise it would outrank its own part.
  return named.length > 0 ? named : undefined;
}

/** A line of code is one literal, without the prompt before a command; a comment line ("# restart") is none. */
function codeLine(line: string): Candidate[] {
  const command = commandIn(line);
  return command ? [{ text: command.text, start: command.start, end: line.length, types: new Set(['code']) }] : [];
}

/**
 * Every typed candidate of the given evidence sentences, trimmed, with its facts; with `untyped`, also
 * those whose type does not fit the question (the learned reader weighs the fit itself).
 */
export function spanFacts(
  type: AnswerType,
  q: QuestionTerms,
  evidence: Evidence[],
  untyped = false,
): { candidate: Candidate; evidence: Evidence; facts: SpanFacts }[] {
  const questionStems = new Set(q.stems);
  const out: { candidate: Candidate; evidence: Evidence; facts: SpanFacts }[] = [];
  evidence.forEach((e) => {
    // Tokenized once: re-read for each of its hundreds of candidates, a long sentence took hundreds of milliseconds (quadratic in its length).
    const tokens = words(e.text);
    const found = e.code
      ? codeLine(e.text)
      : candidates(e.text).flatMap((c) => asideFocus(e.text, tokens, c, q.focus) ?? [c]);
    const fields = recordFields(e.text);
    const unitOf = (c: Candidate) => {
      const field = fields.find((f) => f.value.start <= c.start && f.value.end >= c.end);
      return field && keyUnit(field.key);
    };
    // Asked about the spring, a date in October is no answer, nor its year alone.
    const season = q.season;
    const outside = season ? found.filter((c) => outOfSeason(c.text, season)) : [];
    for (const raw of found) {
      if (outside.some((o) => raw.start >= o.start && raw.end <= o.end)) continue;
      const unit = unitOf(raw);
      const fit = fitFor(type, q, raw, unit);
      const c = fit > 0 || untyped ? trimEcho(e.text, tokens, raw, questionStems, type === 'person') : undefined;
      if (c)
        out.push({
          candidate: c,
          evidence: e,
          facts: facts(
            q,
            e,
            c,
            tokens,
            pronounOne(e.text, raw, c) ? Math.min(1, fitFor(type, q, c, unit)) : fitFor(type, q, c, unit),
          ),
        });
    }
  });
  return out;
}

/** Score the typed spans of the best evidence sentences; best first. */
export function rankSpans(type: AnswerType, q: QuestionTerms, evidence: Evidence[]): ScoredSpan[] {
  const scored = spanFacts(type, q, evidence).map(({ candidate, evidence: e, facts: f }) => ({
    candidate,
    evidence: e,
    typeFit: f.fit,
    score: spanScore(f),
  }));
  return dropContained(scored).sort((a, b) => b.score - a.score);
}

/** A plural noun ("systems", "methods"), not a singular ending in s ("status", "process", "analysis"). */
const PLURAL = /[^su]s$|ies$/;

/** Whether the question asks for several things of a kind ("Which operating systems ...", "What are the ..."). */
export function asksForSeveral(question: string): boolean {
  if (/\b(?:what|which) (?:are|were)\b/i.test(question)) return true;
  // The focus as written: its stem has lost the plural ending.
  const word = focusWord(question);
  return word !== undefined && word.length > 3 && PLURAL.test(word);
}

/**
 * The span widened to the list it stands in ("Linux" of "Linux, macOS and Windows Server 2019"):
 * neighbouring candidates joined to it by a comma, "and" or "or", for a question asking for several.
 */
export function coordinated(
  type: AnswerType,
  sentence: string,
  span: Candidate,
  questionStems: ReadonlySet<string>,
): Candidate {
  // A list item says something of its own: not a pronoun or small word ("it"), not the question's words ("two major cities").
  const ownWords = (c: Candidate) => {
    const content = words(c.text).filter((t) => !isStopWord(t.word));
    return content.length > 0 && !content.some((t) => questionStems.has(t.stem));
  };
  const others = candidates(sentence).filter((c) => typeFit(type, c) > 0 && ownWords(c));
  let { start, end } = span;
  for (let grew = true; grew;) {
    grew = false;
    const after = /^(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)/.exec(sentence.slice(end));
    const next = after && others.filter((c) => c.start === end + after[0].length).sort((a, b) => b.end - a.end)[0];
    if (next) ((end = next.end), (grew = true));
    const before = /(?:,\s*|\s+(?:and|or)\s+)$/.exec(sentence.slice(0, start));
    const previous =
      before && others.filter((c) => c.end === start - before[0].length).sort((a, b) => a.start - b.start)[0];
    if (previous) ((start = previous.start), (grew = true));
  }
  if (start === span.start && end === span.end) return span;
  const kept = balanced(sentence, start, end);
  return kept ? { ...kept, text: sentence.slice(kept.start, kept.end), types: span.types } : span;
}
