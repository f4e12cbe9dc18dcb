import { ASKS_ACCOUNT } from '../lang/en.js';
import { asksWhy } from './causes.js';
import { asksHowTo } from './question-type.js';

/**
 * Whether the question is answered by a whole sentence rather than a phrase: a reason ("why"), a procedure
 * ("how do I"), a summary or a description. A phrase alone answers these badly ("Afghan" for "What did
 * Dar pledge?"); the sentence it stands in says the rest. Who, when, how many and which want the phrase.
 */
export function wantsSentence(question: string): boolean {
  return asksWhy(question) || asksHowTo(question) || ASKS_ACCOUNT.test(question);
}
