/** English words the reader's features name: question words, prepositions, auxiliaries, negations. */

/** Question words, longest first: the first that a question starts with (after a leading clause) is its kind. */
export const QUESTION_WORDS = [
  'how many',
  'how much',
  'how long',
  'how far',
  'how old',
  'how often',
  'what',
  'which',
  'who',
  'whom',
  'whose',
  'when',
  'where',
  'why',
  'how',
] as const;
export type QuestionWord = (typeof QUESTION_WORDS)[number] | 'none';

/** Prepositions whose presence just before a phrase says what kind of thing it is ("in 1066", "by Rollo"). */
export const PREPOSITIONS = [
  'in',
  'on',
  'at',
  'by',
  'of',
  'from',
  'to',
  'for',
  'with',
  'as',
  'than',
  'during',
  'after',
  'before',
  'about',
] as const;

/** Words a list or a sentence answer joins its parts with. */
export const CONJUNCTIONS = new Set(['and', 'or', 'but', 'nor']);

/** Words that make a clause negative. */
export const NEGATIONS = new Set(['not', 'no', 'never', "n't", 'none', 'neither', 'nor', 'without']);

/** Auxiliary verbs: after a question word they mean the question asks for an object ("What did they find?"). */
export const AUXILIARIES = new Set([
  'did',
  'does',
  'do',
  'was',
  'is',
  'were',
  'are',
  'has',
  'have',
  'had',
  'can',
  'could',
  'will',
  'would',
  'should',
  'may',
  'might',
  'must',
  'shall',
]);

/** Questions asking for an account rather than a phrase: a summary, a description, an explanation, what happens, the steps. */
export const ASKS_ACCOUNT =
  /\b(?:summari[sz]e|give (?:me )?(?:a )?summary|describe|explain|what happens|what will happen|what are the steps|what should i do)\b/i;

/** Words by which a text says that something is not so without a negation ("lacks", "failed", "only"). */
export const SAYS_NOT: ReadonlySet<string> = new Set([]);

/** Words by which a question points back at an earlier turn ("when was that?", "where did he write?"). */
export const POINTING_BACK: ReadonlySet<string> = new Set([
  'he',
  'she',
  'it',
  'they',
  'him',
  'her',
  'them',
  'his',
  'its',
  'their',
  'that',
  'this',
  'those',
  'these',
  'there',
  'then',
]);

/** Nouns that say how much or what sort of the next noun, not what is asked ("what kind of machine"). */
export const NOT_A_HEAD: ReadonlySet<string> = new Set([
  'kind',
  'kinds',
  'type',
  'types',
  'sort',
  'sorts',
  'form',
  'forms',
  'class',
  'classes',
  'variety',
  'percentage',
  'percent',
  'number',
  'amount',
  'proportion',
  'share',
  'fraction',
  'majority',
  'most',
  'much',
  'many',
  'name',
  'one',
  'some',
  'all',
  'each',
  'any',
]);

/**
 * Words no sentence or title ends on ("… issued only by the", "… a method of"): a line ending on one
 * runs on into the next when text is soft-wrapped.
 */
export const DANGLING_WORDS = [
  'a',
  'an',
  'the',
  'of',
  'by',
  'to',
  'and',
  'or',
  'nor',
  'with',
  'for',
  'from',
  'into',
  'onto',
  'than',
  'at',
  'in',
  'on',
  'via',
  'per',
  'its',
  'their',
  'our',
  'your',
  'his',
  'her',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
] as const;
