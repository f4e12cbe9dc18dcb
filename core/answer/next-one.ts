import { isStopWord, words } from '../text/tokenize.js';

/**
 * "When is the next meeting?" asks about one occasion of a recurring thing: minutes give their own
 * meeting's date at the top (worded most like the question) and the next one's under "Next meeting:"
 * or "Date of next meeting". The answer stands where the text says the same qualifier before the same noun.
 */
export interface NextOne {
  /** "next" or "previous" (synonyms read as these). */
  qualifier: 'next' | 'previous';
  /** Stem of the head noun the qualifier governs ("meet" of "the next governing board meeting"). */
  noun: string;
}

const QUALIFIER: Record<string, NextOne['qualifier']> = {
  next: 'next',
  upcoming: 'next',
  following: 'next',
  previous: 'previous',
  preceding: 'previous',
  prior: 'previous',
};

/** Words that end the noun phrase as a small word would ("the next service due"). */
const PHRASE_END = new Set(['due', 'scheduled', 'planned', 'held', 'expected', 'booked']);

/** The qualified noun of the question, when it asks about the next or previous occasion of something. */
export function askedNextOne(question: string): NextOne | undefined {
  const tokens = words(question);
  const at = tokens.findIndex((t) => QUALIFIER[t.word] !== undefined);
  if (at < 0) return undefined;
  // The noun phrase after the qualifier runs to the first small word or the end: its last word is the head.
  let head: string | undefined;
  for (const t of tokens.slice(at + 1, at + 5)) {
    if (isStopWord(t.word) || PHRASE_END.has(t.word) || /^\d/.test(t.word)) break;
    head = t.stem;
  }
  return head ? { qualifier: QUALIFIER[tokens[at]!.word]!, noun: head } : undefined;
}

/** Whether the text says the qualifier shortly before (within three words of) the noun ("Next meeting:", "Date of next meeting"). */
export function saysNextOne(text: string, asked: NextOne): boolean {
  const tokens = words(text);
  return tokens.some(
    (t, i) => QUALIFIER[t.word] === asked.qualifier && tokens.slice(i + 1, i + 4).some((n) => n.stem === asked.noun),
  );
}
