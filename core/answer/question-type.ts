/** What kind of phrase would answer the question. */
export type AnswerType = 'person' | 'date' | 'city' | 'country' | 'place' | 'number' | 'entity' | 'reason' | 'other';

const PATTERNS: [RegExp, AnswerType][] = [
  [/\b(how (many|much|long|old|far|large|big|high|often|tall|deep)|what (percentage|percent|number|amount|proportion|share|size))\b/i, 'number'],
  [/\b(when|how soon|what time|(what|which) (\w+ )?(year|date|day|month|century|decade|deadline|era))\b/i, 'date'],
  [/\b(who|whom|whose)\b/i, 'person'],
  [/\b(what|which|in what|in which) (city|town|capital)\b/i, 'city'],
  [/\b(what|which|in what|in which) (country|nation)\b/i, 'country'],
  [/\b(where|what (country|city|place|region|town|state|location|province|border|crossings?)|which (country|city|place|region|town|state|location|province))\b/i, 'place'],
  [/\b(why|for what reason|how (did|does|do|was|is|were|are|can|could|would))\b/i, 'reason'],
  [/\b(what|which|name)\b/i, 'entity'],
];

export function answerType(question: string): AnswerType {
  for (const [pattern, type] of PATTERNS) if (pattern.test(question)) return type;
  return 'other';
}
