/**
 * A candidate cut down to the answer it holds: the question's words and stop words trimmed from its ends,
 * or the name beside the question's focus noun split off it; with the test of what each span type looks like.
 */
import { isStopWord, words, type Token } from '../text/tokenize.js';
import { balanced, type Candidate, type SpanType } from './candidates.js';

/** Words for what an amount measures: time, distance, weight, volume, size. */
export const UNIT_WORD =
  /^(?:years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|ms|km|kilomet(?:er|re)s?|met(?:er|re)s?|miles?|kg|kilograms?|grams?|tonnes?|tons?|lit(?:er|re)s?|[kmgtp]b|bytes?|percent)$/;

/** Drop question words and stop words from both ends of a span ("4300 Afghan" asked about Afghans is "4300"). `tokens` are the sentence's words. */
export function trimEcho(
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

export const capitalised = (text: string) => /^\p{Lu}/u.test(text);
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

/**
 * A phrase that holds the question's focus noun ("social media platform X" for "which platform")
 * names its answer beside that noun: the words after it ("X") and before it ("the TAPI" of "the
 * TAPI pipeline") when they are a name, offered as candidates of their own, with the types they still look like.
 */
export function asideFocus(
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
