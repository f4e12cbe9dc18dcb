import nlp from 'compromise';
import { NOT_A_HEAD } from '../lang/en.js';
import { memoByText } from '../text/memo.js';

/** What kind of phrase would answer the question. */
export type AnswerType =
  | 'person'
  | 'date'
  | 'city'
  | 'country'
  | 'place'
  | 'number'
  | 'money'
  | 'measure'
  | 'frequency'
  | 'code'
  | 'phone'
  | 'entity'
  | 'reason'
  | 'other';

const PATTERNS: [RegExp, AnswerType][] = [
  // A number to ring: "what's the helpline number", "what number do I call?" ("what number of people" counts).
  [
    /\b(?:phone|telephone|contact|helpline|hotline|mobile|fax|emergency) (?:phone )?number\b|\bwhat number (?:do|should|can|would|could|must) (?:i|we|you|they|parents?|tenants?|customers?) (?:call|ring|phone|dial|text|use|contact)\b/i,
    'phone',
  ],
  // A length, duration or weight is said with its unit ("36 months", "4.2 km"): a bare "2" is no answer to "how long".
  // "How soon …" is answered by a delay ("within 3 working days") as often as by a date.
  [
    /\bhow (long|far|tall|high|deep|wide|heavy|warm|cold|hot|cool|soon)\b|\bhow much (?:time|notice|warning|longer|earlier|later)\b/i,
    'measure',
  ],
  // A frequency: "every 12 months", "twice a year", "weekly".
  [/\bhow (?:often|frequently)\b|\b(?:at )?what (?:interval|frequency)\b/i, 'frequency'],
  // A price or a charge: said in a currency ("$299", "299.00" under "price_usd").
  [
    /\b(?:how much (?:is (?:the|a|an|each|one|it)|(?:is|are|was|were|will|would|does|do|did|can|could|should) [^?]*\b(?:cost|costs|costing|charge|charged|charging|pay|paid|paying|earn|earning|spend|spent|spending|owe))|what (?:is|was|are|were|will be|would be) the (?:[\w-]+ ){0,3}?(?:price|cost|fee|charge|salary|rent|fine|budget|revenue)s?|what (?:does|do|did|will|would) [^?]* cost|what (?:do|does|will|would) (?:you|they|we|it|the [\w-]+) charge)\b/i,
    'money',
  ],
  // A rate is a number ("3% above base rate"); "at what rate" asks how fast, in words too ("rapidly").
  [
    /\b(how (many|much|long|old|far|large|big|high|often|tall|deep)|what (percentage|percent|number|amount|proportion|share|size)|what (is|was|are|were) (?:the|our|their|its|your) (\w+ )?(population|height|length|area|distance|weight|speed|temperature|figure|score|total|percentage|ratio)|what(?:'s| (?:is|was|are|were|will|would)(?: be)?)? the (?:[\w-]+ ){0,2}?(?:limit|quota|capacity|maximum|minimum)s?|(?<!\bat )what(?:'s| (?:is|was|are|were|will|would)(?: be)?)?(?: the)? (?:[\w-]+ ){0,3}?rates?)\b/i,
    'number',
  ],
  // "when" asks only when no other question word comes first: "What happens when ...?" wants no date.
  [/^(?:(?!\b(?:what|which|who|whom|whose|where|why|how)\b)[\s\S])*?\bwhen\b/i, 'date'],
  [/\b(what time|(what|which) (\w+ )?(year|date|day|month|century|decade|deadline|era))\b/i, 'date'],
  // A deadline is a date or time of day ("12:00 on Thursday"), however it is called.
  [/\bwhat(?:'s| is| was| are| were) the (?:[\w-]+ ){0,2}?(?:deadline|cut-?off|closing date|due date)s?\b/i, 'date'],
  // Opening hours are said as days and times ("Monday to Friday from 10:00 to 16:00").
  [/\bwhat (?:are the |were the )?(?:opening |office |business )?hours\b/i, 'date'],
  // "What was the name of the Thermo engineer …?" asks who, in other words.
  [
    /\bwhat (?:is|was|'s) the (?:full )?name of (?:the|a|an|their|its|his|her|our|your) (?:[\w-]+ ){0,3}?(?:engineer|technician|manager|officer|director|person|man|woman|doctor|nurse|author|owner|founder|chair(?:man|woman|person)?|president|ceo|contact|supervisor|representative|inspector|auditor|employee|student|teacher|professor|scientist|king|queen|leader|minister|spokesperson|architect|lawyer|judge)\b/i,
    'person',
  ],
  // "who" asks for a person as the question word, not as a relative ("What problem, whose answer is yes, ...?").
  [/^(?:(?!\b(?:what|which|where|when|why|how)\b)[\s\S])*?\b(?:who|whom|whose)\b/i, 'person'],
  [/\b(what|which|in what|in which) (city|town|capital)\b/i, 'city'],
  [/\b(what|which|in what|in which) (country|nation)\b/i, 'country'],
  [
    /\b(where|what (country|city|place|region|town|state|location|province|border|crossings?)|which (country|city|place|region|town|state|location|province))\b/i,
    'place',
  ],
  [
    /\b(why|for what reason|how (did|does|do|was|is|were|are|can|could|would)|what (caused|causes|led to|leads to))\b/i,
    'reason',
  ],
  // Asking what something does or what happens wants the sentence that says it, not a phrase.
  [/\bwhat (happens|happened|will happen|would happen|does .+ (do|mean)|do .+ (do|mean)|is meant by)\b/i, 'other'],
  // A command, flag or setting is written as a literal ("kestrelctl rerun <id>", `CHUNK_SIZE`).
  [
    /\b(?:what|which) (?:[\w-]+ )?(?:commands?|flags?|options?|switch(?:es)?|arguments?|settings?|(?:environment|env) variables?|endpoints?|urls?|links?|web ?address(?:es)?)\b/i,
    'code',
  ],
  [/\b(what|which|name)\b/i, 'entity'],
];

/** A leading clause ("When sorting takes long, ...", "If ..., ...") before the real question word. */
const LEADING_CLAUSE =
  /^\s*(?:when|if|while|although|though|as|once|since|after|before)\b[^,?]*,\s*(?=[^?]*\b(?:what|which|who|whom|whose|where|when|why|how)\b)/i;

/** "How do I …?", asked of a runbook or manual: a method answers it. */
const HOW_TO = /^\W*how (?:do|can|should|would|could) (?:i|we|you|one)\b/i;

export function asksHowTo(question: string): boolean {
  return HOW_TO.test(question);
}

export function answerType(question: string): AnswerType {
  const asked = question.replace(LEADING_CLAUSE, '');
  for (const [pattern, type] of PATTERNS) if (pattern.test(asked)) return type;
  return 'other';
}

const FOCUS =
  /\b(?:which|what)\s+(?:[\p{L}-]+\s+){0,3}?([\p{L}-]+)\s+(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|may|might|must)\b/iu;

/**
 * The noun a "which/what ..." question names as its answer's kind ("platform" in "on which social
 * media platform did she post"): the last word before the verb. The answer often stands beside
 * it in the text ("platform X", "the TAPI gas pipeline"). Lowercased surface form.
 */
export function focusWord(question: string): string | undefined {
  return (
    ofHead(question) ??
    FOCUS.exec(question)?.[1] ??
    COUNTED.exec(question)?.[1] ??
    (taggedFocus(question) || undefined)
  )?.toLowerCase();
}

/**
 * "What part of the NovaSeq had to be replaced?": the noun before "of" is the kind asked for, unless
 * it only says how much or what sort of the next one ("what kind of machine", "what percentage of people").
 */
const OF_HEAD =
  /\b(?:which|what)\s+([\p{L}-]+)\s+of\s+(?:the\s+|a\s+|an\s+)?[\p{L}-]+\s+(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|may|might|must)\b/iu;

function ofHead(question: string): string | undefined {
  const head = OF_HEAD.exec(question)?.[1];
  return head && !NOT_A_HEAD.has(head.toLowerCase()) ? head : undefined;
}

/** What "how many/much" counts ("How many shipments …"): the count stands beside it in the text ("14,300 shipments"). */
const COUNTED =
  /\bhow (?:many|much)\s+(?!(?:is|are|was|were|do|does|did|will|would|can|could|should|has|have|had|of|more|less|longer)\b)([\p{L}-]+)/iu;

/** Words read after "which/what" for a noun followed by its verb. */
const FOCUS_REACH = 5;

/** Tagging a question costs about a millisecond, and the ranker and the answerer both ask for its focus. */
const taggedFocus = memoByText((question) => focusBeforeVerb(question) ?? '', 1_000);

/**
 * "Which plans include SAML?", "Which operating systems support it?": no auxiliary follows the noun,
 * so the tagger says where the verb is; the focus is the noun just before it.
 */
function focusBeforeVerb(question: string): string | undefined {
  const opening = /^\W*(?:which|what)\s+/i.exec(question);
  if (!opening) return undefined;
  const words = nlp(question.slice(opening[0].length)).terms().json() as {
    text: string;
    terms: { tags: string[] }[];
  }[];
  for (let i = 1; i < Math.min(words.length, FOCUS_REACH); i++) {
    const tags = (j: number) => words[j]!.terms[0]?.tags ?? [];
    if (!tags(i).includes('Verb') || !tags(i - 1).includes('Noun')) continue;
    // "Which version of corebook added …": the noun before "of" is the kind asked for.
    const head = i >= 3 && words[i - 2]!.text.trim().toLowerCase() === 'of' ? i - 3 : i - 1;
    return words[head]!.text.replace(/[^\p{L}-]/gu, '') || undefined;
  }
  return undefined;
}
