import { describe, expect, it, vi } from 'vitest';
import type { Chunk } from '../types.js';
import { questionTerms, rankEvidence } from './evidence.js';
import { ExtractiveAnswerer } from './extractive.js';
import { spanFacts } from './spans.js';
import { words } from '../text/tokenize.js';

// Spied on, not replaced: to count how often a sentence is tokenized.
vi.mock('../text/tokenize.js', { spy: true });

const sentence = 'The plan includes the Harbour Line tram project, CX-40, and the Quay Road bus lane.';
const chunk: Chunk = {
  id: 0,
  source: 'plan.txt',
  startLine: 1,
  endLine: 1,
  startOffset: 0,
  endOffset: sentence.length,
  text: sentence,
};

// These pin the hand-written rules' verdict (ExtractiveAnswerer.rulesVerdict), which the learned reader
// weighs as a feature and READER=rules answers with; the learned reader is tested in reader/reader.test.ts.
describe('spanFacts', () => {
  it('counts a name as beside the noun asked about only when no comma parts them', async () => {
    const q = questionTerms('Which tram project does the plan include?', () => 1);
    const facts = spanFacts('entity', q, rankEvidence(q, [{ chunk, score: 1 }]));
    const beside = (text: string) => facts.find((f) => f.candidate.text === text)?.facts.beside;
    expect(beside('Harbour Line')).toBe(1);
    expect(beside('CX-40')).toBe(0);
  });

  it('tokenizes a sentence once, not once per phrase: a long one of hundreds of phrases took hundreds of milliseconds', async () => {
    // A line with no full stop, cut at ~2,000 characters by the sentence splitter: ~500 candidate phrases. Re-read
    // for each phrase, the sentence was tokenized ~500 times (150-400 ms here; up to four sentences are searched per question).
    const text = 'x 9 '.repeat(497).trim();
    const long: Chunk = { ...chunk, text, endOffset: text.length };
    const q = questionTerms('How many are there?', () => 1);
    const evidence = rankEvidence(q, [{ chunk: long, score: 1 }]);
    vi.mocked(words).mockClear();
    expect(spanFacts('number', q, evidence).length).toBeGreaterThan(400);
    expect(vi.mocked(words).mock.calls.filter(([t]) => t === text)).toHaveLength(1);
  });
});

describe('a value set out after its label', () => {
  const answerer = new ExtractiveAnswerer(() => 1, undefined, null);
  const passageOf = (text: string) => [{ chunk: { ...chunk, text, endOffset: text.length }, score: 1 }];

  it('is the value the label introduces, not a number inside the label', async () => {
    const minutes =
      '## Performance in April\n\n- Punctuality (departing between 1 minute early and 5 minutes late): **87.4%**, up from 85.9% in March.';
    const q = questionTerms('What was our punctuality figure for April?', () => 1);
    const facts = spanFacts('number', q, rankEvidence(q, passageOf(minutes)));
    const labelled = (text: string) => facts.find((f) => f.candidate.text === text)?.facts.labelled;
    expect([labelled('87.4%'), labelled('1 minute'), labelled('85.9%')]).toEqual([1, 0, 0]);
    expect((await answerer.extract('What was our punctuality figure for April?', passageOf(minutes))).answer).toBe(
      '87.4%',
    );
  });

  it("answers a cost from the line labelled with the question's thing, before another cost near the word 'cost'", async () => {
    const report =
      'Compressor replacement and call-out: £2,960 (not covered by warranty). A replacement unit has been requested at an estimated cost of £11,800.';
    expect((await answerer.extract('How much did the compressor repair cost?', passageOf(report))).answer).toBe(
      '£2,960',
    );
  });
});

describe('how many', () => {
  const answerer = new ExtractiveAnswerer(() => 1, undefined, null);
  const passageOf = (text: string) => [{ chunk: { ...chunk, text, endOffset: text.length }, score: 1 }];
  const log = 'Depot staff log every item handed in to lost property on the LostTrack system within 24 hours.';

  it('is not answered by a duration when it counts other things', async () => {
    expect((await answerer.extract('How many items were handed in to lost property?', passageOf(log))).abstained).toBe(
      true,
    );
    expect(
      (
        await answerer.extract(
          'Within how many hours must depot staff log an item handed in to lost property?',
          passageOf(log),
        )
      ).answer,
    ).toBe('24 hours');
  });
});

describe('how much of a quantity', () => {
  const answerer = new ExtractiveAnswerer(() => 1, undefined, null);
  const passageOf = (text: string) => [{ chunk: { ...chunk, text, endOffset: text.length }, score: 1 }];

  it('is answered by an amount with its unit, not by a count of something else', async () => {
    const outage =
      'Four of the six Kestrel workers ran out of disk space because container logs were no longer pruned.';
    expect(
      (await answerer.extract('How much disk space does each Kestrel worker have?', passageOf(outage))).abstained,
    ).toBe(true);
    const install = 'The Kestrel installer needs about 120 MB of disk space on each worker.';
    expect(
      (await answerer.extract('How much disk space does the Kestrel installer need?', passageOf(install))).answer,
    ).toBe('120 MB');
  });
});
