/**
 * The benchmark discipline in one place: the first three articles tune, the rest test. Every
 * tuning script and every reported number uses this split.
 */
export function splitArticles(titles: string[]): { tuning: Set<string>; test: Set<string> } {
  const cut = Math.min(3, Math.max(1, titles.length - 1));
  return { tuning: new Set(titles.slice(0, cut)), test: new Set(titles.slice(cut)) };
}
