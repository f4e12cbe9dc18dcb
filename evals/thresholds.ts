/**
 * Quality floor for evals/sets/corpus.jsonl, so a regression fails `npm test` and `npm run eval`.
 * Every answerable question must be answered correctly (issue 3); the other floors sit a little
 * below what the default answerer reaches (see the README's table).
 */
export interface Thresholds {
  min: Record<string, number>;
  max: Record<string, number>;
}

export const CORPUS_THRESHOLDS: Thresholds = {
  min: { answerContainsGold: 1, anyCitationInGold: 0.95, abstentionRecall: 0.8, 'recall@5': 0.95 },
  max: { wrongfulAbstention: 0.05 },
};

/**
 * Floors for the technical-documents tuning sets (evals/sets/<name>), a question or two below what
 * the default answerer reaches (docs/evaluation.md), so `npm test` catches a regression on documents unlike
 * news articles. The blind set has none: a floor on it would be a target to tune towards.
 * The learned reader (issue 24) lowered three floors: it abstains less on techdocs, -6 and -7 (its
 * no-answer threshold is chosen for at most 0.085 wrongful abstention on SQuAD, not on these sets) and
 * answers two fewer techdocs questions, while answering more on the other tuning sets and the blind ones.
 * The neural reader's span scores (docs/reader.md) lowered techdocs-7's abstention floor again: it declines
 * 1 of its 13 unanswerable questions (3 before) and one answerable question fewer, while F1 rose on all
 * four blind sets (by 0.04 to 0.055).
 * The passage-style features and COVID-QA's graded labels (docs/reader.md) lowered techdocs-5's abstention
 * floor: it declines 6 of its 13 unanswerable questions instead of 7, while every tuning set answers as many
 * or more (F1 up on all seven).
 */
export const DOCUMENT_SET_THRESHOLDS: Record<string, Thresholds> = {
  techdocs: {
    min: { answerContainsGold: 0.76, firstCitationInGold: 0.9, abstentionRecall: 0.5, 'recall@5': 0.95 },
    max: { wrongfulAbstention: 0.08 },
  },
  'techdocs-2': {
    min: { answerContainsGold: 0.69, firstCitationInGold: 0.93, abstentionRecall: 0.45, 'recall@5': 0.95 },
    max: { wrongfulAbstention: 0.07 },
  },
  'techdocs-3': {
    min: { answerContainsGold: 0.76, firstCitationInGold: 0.9, abstentionRecall: 0.38, 'recall@5': 0.95 },
    max: { wrongfulAbstention: 0.06 },
  },
  'techdocs-4': {
    min: { answerContainsGold: 0.6, firstCitationInGold: 0.8, abstentionRecall: 0.69, 'recall@5': 0.95 },
    max: { wrongfulAbstention: 0.08 },
  },
  'techdocs-5': {
    min: { answerContainsGold: 0.6, firstCitationInGold: 0.76, abstentionRecall: 0.38, 'recall@5': 0.95 },
    max: { wrongfulAbstention: 0.1 },
  },
  'techdocs-6': {
    min: { answerContainsGold: 0.68, firstCitationInGold: 0.76, abstentionRecall: 0.53, 'recall@5': 0.95 },
    max: { wrongfulAbstention: 0.12 },
  },
  'techdocs-7': {
    min: { answerContainsGold: 0.56, firstCitationInGold: 0.72, abstentionRecall: 0.07, 'recall@5': 0.95 },
    max: { wrongfulAbstention: 0.12 },
  },
};
