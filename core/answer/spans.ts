import { isStopWord, words, type Token } from '../text/tokenize.js';
import { commandIn } from '../text/fences.js';
import { recordFields } from '../text/records.js';
import { candidates, type Candidate } from './candidates.js';
import { formerValue, otherSubjectValue, replacedValue } from './changes.js';
import { otherEnd, seriesEnd } from './ranges.js';
import { outOfSeason } from './seasons.js';
import { keyUnit } from './units.js';
import { fitFor } from './type-fit.js';
import type { Evidence, QuestionTerms } from './evidence.js';
import type { AnswerType } from './question-type.js';
import { spanScore, type SpanFacts } from './span-features.js';
import { asideFocus, capitalised, trimEcho, UNIT_WORD } from './span-trim.js';
import { besideFocus, closeness, labelledValue } from './span-place.js';

export { asksForSeveral, coordinated } from './list-answers.js';

export interface ScoredSpan {
  candidate: Candidate;
  evidence: Evidence;
  typeFit: number;
  score: number;
}

/**
 * "one" is a pronoun or part of a determiner ("one of them", "the one exception", "no one") far more often
 * than a count; "one wheelchair" is a count, even when the question's "wheelchairs" is trimmed off it.
 */
function pronounOne(sentence: string, raw: Candidate, c: Candidate): boolean {
  return (
    /^one$/i.test(c.text) &&
    (/^one$/i.test(raw.text) ||
      /\b(?:the|no|any|every|each|this|that|which|some)\s+$/i.test(sentence.slice(0, c.start)))
  );
}

/** Among spans of equal fit, a span inside a longer one yields to it ("week" to "Last week"). */
function dropContained(spans: ScoredSpan[]): ScoredSpan[] {
  return spans.filter(
    (a) =>
      !spans.some(
        (b) =>
          b !== a &&
          b.evidence === a.evidence &&
          b.typeFit >= a.typeFit &&
          b.candidate.start <= a.candidate.start &&
          b.candidate.end >= a.candidate.end &&
          b.candidate.text.length > a.candidate.text.length,
      ),
  );
}

/** What the span score needs to know about one trimmed candidate in its sentence. */
function facts(q: QuestionTerms, e: Evidence, c: Candidate, tokens: Token[], fit: number): SpanFacts {
  const questionStems = new Set(q.stems);
  // Answers rarely repeat the question; a span made of question words is the topic, not the answer.
  // Inside a name, a question word is part of the name ("Durand Line" for "which line").
  const spanWords = words(c.text).filter((t) => !isStopWord(t.word));
  const isName = capitalised(c.text);
  // A literal is named after what it is ("/var/log/agent.log" for "the agent log"): no echo.
  const literal = c.types.has('code');
  // The unit of an amount repeats "how many days" without echoing it: "27 days" answers it.
  const amount = /\d/.test(c.text);
  const echoes = spanWords.filter(
    (t) =>
      !literal &&
      questionStems.has(t.stem) &&
      !(isName && capitalised(c.text.slice(t.start))) &&
      !(amount && UNIT_WORD.test(t.word)),
  );
  return {
    fit,
    // A line of code is the whole sentence, so nothing stands near it but the prose introducing it, just before.
    closeness: e.code ? 1 : closeness(tokens, c, q),
    echo: spanWords.length > 0 ? echoes.length / spanWords.length : 0,
    // A literal is as long as it is written; length says nothing of a command.
    words: e.code ? 1 : words(c.text).length,
    evidenceScore: e.score,
    beside: besideFocus(e.text, tokens, c, q, questionStems) ? 1 : 0,
    // Another thing's new value is no more the answer than this thing's old one.
    replaced: replacedValue(e.text, c, q.asksOld === true) || otherSubjectValue(e.text, c, questionStems) ? 1 : 0,
    former: q.asksOld && formerValue(e.text, c) ? 1 : 0,
    seriesEnd: q.asksSeriesEnd && seriesEnd(e.text, c, q.asksSeriesEnd) ? 1 : 0,
    otherEnd: q.asksEnd && otherEnd(e.text, c, q.asksEnd) ? 1 : 0,
    labelled: labelledValue(e.text, c, tokens, questionStems) ? 1 : 0,
  };
}

/** A line of code is one literal, without the prompt before a command; a comment line ("# restart") is none. */
function codeLine(line: string): Candidate[] {
  const command = commandIn(line);
  return command ? [{ text: command.text, start: command.start, end: line.length, types: new Set(['code']) }] : [];
}

/**
 * Every typed candidate of the given evidence sentences, trimmed, with its facts; with `untyped`, also
 * those whose type does not fit the question (the learned reader weighs the fit itself).
 */
export function spanFacts(
  type: AnswerType,
  q: QuestionTerms,
  evidence: Evidence[],
  untyped = false,
): { candidate: Candidate; evidence: Evidence; facts: SpanFacts }[] {
  const questionStems = new Set(q.stems);
  const out: { candidate: Candidate; evidence: Evidence; facts: SpanFacts }[] = [];
  evidence.forEach((e) => {
    // Tokenized once: re-read for each of its hundreds of candidates, a long sentence took hundreds of milliseconds (quadratic in its length).
    const tokens = words(e.text);
    const found = e.code
      ? codeLine(e.text)
      : candidates(e.text).flatMap((c) => asideFocus(e.text, tokens, c, q.focus) ?? [c]);
    const fields = recordFields(e.text);
    const unitOf = (c: Candidate) => {
      const field = fields.find((f) => f.value.start <= c.start && f.value.end >= c.end);
      return field && keyUnit(field.key);
    };
    // Asked about the spring, a date in October is no answer, nor its year alone.
    const season = q.season;
    const outside = season ? found.filter((c) => outOfSeason(c.text, season)) : [];
    for (const raw of found) {
      if (outside.some((o) => raw.start >= o.start && raw.end <= o.end)) continue;
      const unit = unitOf(raw);
      const fit = fitFor(type, q, raw, unit);
      const c = fit > 0 || untyped ? trimEcho(e.text, tokens, raw, questionStems, type === 'person') : undefined;
      if (c)
        out.push({
          candidate: c,
          evidence: e,
          facts: facts(
            q,
            e,
            c,
            tokens,
            pronounOne(e.text, raw, c) ? Math.min(1, fitFor(type, q, c, unit)) : fitFor(type, q, c, unit),
          ),
        });
    }
  });
  return out;
}

/** Score the typed spans of the best evidence sentences; best first. */
export function rankSpans(type: AnswerType, q: QuestionTerms, evidence: Evidence[]): ScoredSpan[] {
  const scored = spanFacts(type, q, evidence).map(({ candidate, evidence: e, facts: f }) => ({
    candidate,
    evidence: e,
    typeFit: f.fit,
    score: spanScore(f),
  }));
  return dropContained(scored).sort((a, b) => b.score - a.score);
}
