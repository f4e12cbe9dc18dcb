/**
 * Quality floor for evals/sets/corpus.jsonl, set a little below what the default answerer reaches
 * (see the README's table), so a regression fails `npm test` and `npm run eval`.
 */
export const CORPUS_THRESHOLDS = {
  min: { answerContainsGold: 0.9, anyCitationInGold: 0.95, abstentionRecall: 0.8, 'recall@5': 0.95 } as Record<string, number>,
  max: { wrongfulAbstention: 0.05 } as Record<string, number>,
};
