/** The official SQuAD answer normalisation: lowercase, no punctuation, no articles, single spaces. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `text` contains any accepted answer, after normalisation on both sides. */
export function containsAnswer(text: string, answers: string[]): boolean {
  const haystack = ` ${normalizeAnswer(text)} `;
  return answers.some((a) => {
    const needle = normalizeAnswer(a);
    return needle.length > 0 && haystack.includes(` ${needle} `);
  });
}
