import { describe, expect, it } from 'vitest';
import { aggregate, percentile } from './aggregate.js';
import { exactMatch, goldRank, scoreItem, tokenF1 } from './metrics.js';
import { normalizeAnswer } from './normalize.js';
import { buildReport, failedThresholds, terminalTable } from './report.js';
import { reportHtml } from './report-html.js';
import { parseEvalSet } from './set.js';

describe('SQuAD normalisation and scores', () => {
  it('normalises like the official script: case, punctuation, articles, spaces', () => {
    expect(normalizeAnswer('The  Duchy of Normandy!')).toBe('duchy of normandy');
    expect(exactMatch('the Normans', ['Normans'])).toBe(1);
    expect(exactMatch('Normans in France', ['Normans'])).toBe(0);
  });

  it('computes token F1 as the best overlap over accepted answers', () => {
    expect(tokenF1('Duchy of Normandy', ['Normandy'])).toBeCloseTo(0.5);
    expect(tokenF1('Rollo', ['Rollo', 'the Norse leader Rollo'])).toBe(1);
    expect(tokenF1('nothing alike', ['Rollo'])).toBe(0);
  });
});

describe('gold sources', () => {
  it('match a file, or a file and overlapping lines', () => {
    const spans = [
      { source: 'a.txt', startLine: 1, endLine: 3 },
      { source: 'b.txt', startLine: 10, endLine: 12 },
    ];
    expect(goldRank(['b.txt'], spans)).toBe(2);
    expect(goldRank([{ file: 'b.txt', startLine: 12, endLine: 20 }], spans)).toBe(2);
    expect(goldRank([{ file: 'b.txt', startLine: 13 }], spans)).toBeNull();
  });
});

describe('evaluation sets', () => {
  it('report the first bad line with its number', () => {
    const good = JSON.stringify({ question: 'q', answers: ['a'], sources: ['f.txt'] });
    expect(parseEvalSet(`${good}\n\n${good}`)).toHaveLength(2);
    expect(() => parseEvalSet(`${good}\n{"question": 1, "answers": [], "sources": []}`, 'set.jsonl')).toThrow(
      /^set\.jsonl:2: question/,
    );
    expect(() => parseEvalSet(`${good}\nnot json`, 'set.jsonl')).toThrow('set.jsonl:2: not valid JSON');
  });

  it('refuse a set that would measure nothing or mislead: empty, repeated ids, backwards line ranges', () => {
    const item = (extra: object) => JSON.stringify({ question: 'q', answers: ['a'], sources: ['f.txt'], ...extra });
    expect(() => parseEvalSet('\n  \n', 'set.jsonl')).toThrow('set.jsonl: no questions');
    expect(() => parseEvalSet(`${item({ id: 'x' })}\n${item({ id: 'x' })}`, 'set.jsonl')).toThrow(
      'set.jsonl:2: id "x" is already used on line 1',
    );
    expect(() => parseEvalSet(item({ sources: [{ file: 'f.txt', startLine: 5, endLine: 2 }] }), 'set.jsonl')).toThrow(
      /set\.jsonl:1: .*startLine is after endLine/,
    );
  });
});

describe('aggregate and reports', () => {
  const answerable = { question: 'Who led them?', answers: ['Rollo'], sources: ['n.txt'], id: '1', tags: ['who'] };
  const unanswerable = { question: 'Who won?', answers: [], sources: ['n.txt'], id: '2', tags: ['trap'] };
  const citation = { source: 'n.txt', startLine: 2, endLine: 2, quote: 'Their leader was Rollo.', score: 1 };
  const passage = { source: 'n.txt', startLine: 1, endLine: 4, text: 'Their leader was Rollo.', score: 1 };
  const timing = { retrievalMs: 1, answerMs: 2, baselineMs: 3, baselineRank: null, bm25Rank: 1 };
  const results = [
    scoreItem(answerable, { answer: 'Rollo', abstained: false, citations: [citation], passages: [passage] }, timing),
    scoreItem(unanswerable, { answer: 'n/a', abstained: true, citations: [], passages: [passage] }, timing),
  ];

  it('scores answers, citations, abstention and both baselines', () => {
    const m = aggregate(results);
    expect(m).toMatchObject({
      f1: 1,
      exactMatch: 1,
      firstCitationInGold: 1,
      abstentionRecall: 1,
      abstentionPrecision: 1,
      wrongfulAbstention: 0,
    });
    expect(m['recall@1']).toBe(1);
    expect(m['baseline.recall@10']).toBe(0);
    expect(m['bm25.recall@1']).toBe(1);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
  });

  it('leaves out the numbers of a baseline that was not run, rather than scoring it zero', () => {
    const { baselineMs: _ms, baselineRank: _rank, bm25Rank: _bm25, ...alone } = timing;
    const only = [
      scoreItem(answerable, { answer: 'Rollo', abstained: false, citations: [citation], passages: [passage] }, alone),
    ];
    const m = aggregate(only);
    expect(m['recall@1']).toBe(1);
    expect(Object.keys(m).filter((k) => k.startsWith('baseline') || k.startsWith('bm25'))).toEqual([]);
    const row = terminalTable(buildReport('set', 'http://x', 10, only))
      .split('\n')
      .find((l) => l.startsWith('retrieval recall@1'))!;
    expect(row.split(/\s{2,}/)).toEqual(['retrieval recall@1', '1']);
  });

  it('names the thresholds a run misses, unknown metrics included', () => {
    const m = aggregate(results);
    expect(failedThresholds(m, { f1: 0.5, 'recall@5': 1 })).toEqual([]);
    expect(failedThresholds(m, { 'baseline.recall@5': 0.5, nonsense: 1 })).toEqual([
      'baseline.recall@5 = 0 < 0.5',
      'unknown metric nonsense',
    ]);
    expect(failedThresholds(m, { wrongfulAbstention: 0.1 }, 'max')).toEqual([]);
  });

  it('renders a terminal table with the comparison and an HTML report with escaped text', () => {
    const report = buildReport('set', 'in process', 10, [
      ...results,
      scoreItem(
        { ...answerable, id: '3', question: '<script>alert(1)</script>?' },
        { answer: 'x', abstained: false, citations: [], passages: [] },
        timing,
      ),
    ]);
    const table = terminalTable(report, { overall: { f1: 0.4 } });
    expect(table).toMatch(/short answer F1\s+0\.500\s+\+0\.100/);
    const html = reportHtml(report);
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });
});
