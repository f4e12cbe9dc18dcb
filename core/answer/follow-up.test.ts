import { describe, expect, it } from 'vitest';
import type { Chunk, Passage } from '../types.js';
import { NOT_IN_DOCUMENTS } from './answerer.js';
import { ExtractiveAnswerer } from './extractive.js';
import { EARLIER_TURN_WEIGHT, pointsBack, termsInContext } from './follow-up.js';

const text = [
  'The trade fair opened in Lyon on 2 May 2024.',
  'The committee met in Geneva on Tuesday, 4 March 2025, chaired by Maria Okonkwo.',
  'Later that year Okonkwo wrote about the meeting on the messaging platform Q.',
].join('\n');
const chunk: Chunk = {
  id: 0,
  source: 'notes/meeting.txt',
  startLine: 1,
  endLine: 3,
  startOffset: 0,
  endOffset: text.length,
  text,
};
const passages: Passage[] = [{ chunk, score: 1 }];
const answerer = new ExtractiveAnswerer(() => 1);

describe('follow-up questions in the extractive answerer', () => {
  it('tells a question that points back from one that stands alone', async () => {
    expect(pointsBack('When was that?')).toBe(true);
    expect(pointsBack('Where did he write?')).toBe(true);
    expect(pointsBack('When did the committee meet?')).toBe(false);
  });

  it('adds the last turn, question and short answer, at a lower weight, only to a question that points back', async () => {
    const history = [{ question: 'Who chaired the committee meeting?', answer: 'Maria Okonkwo' }];
    // Any weight but the one for words the corpus never uses (those count a quarter).
    const q = termsInContext('When was that?', history, (s) => (s === '\u0000' ? 9 : 1));
    expect(q.stems).toEqual(expect.arrayContaining(['committe', 'meet', 'maria', 'okonkwo']));
    expect(q.weights.every((w) => w === EARLIER_TURN_WEIGHT)).toBe(true);
    expect(termsInContext('When did the trade fair open?', history, () => 1).stems).not.toContain('committe');
    // An abstention is not a name to look for.
    const abstained = termsInContext(
      'When was that?',
      [{ question: 'Who chaired it?', answer: NOT_IN_DOCUMENTS }],
      () => 1,
    );
    expect(abstained.stems).not.toContain('document');
  });

  it('answers "when was that?" about the meeting the last question asked of, not the first date it finds', async () => {
    expect((await answerer.extract('When was that?', passages)).abstained).toBe(true);
    const history = [{ question: 'Who chaired the committee meeting in Geneva?', answer: 'Maria Okonkwo' }];
    const r = await answerer.extract('When was that?', passages, history);
    expect(r.answer).toContain('4 March 2025');
    expect(r.citations[0]?.quote).toContain('The committee met in Geneva');
  });

  it('finds what "he" did through the last answer', async () => {
    const posts = 'Maria Okonkwo posted from Nairobi on Monday.\nJean Dubois posted from Paris on Tuesday.';
    const at: Passage[] = [{ chunk: { ...chunk, text: posts, endOffset: posts.length }, score: 1 }];
    expect((await answerer.extract('Where did he post from?', at)).answer).toBe('Nairobi');
    const history = [{ question: 'Who chaired the committee?', answer: 'Jean Dubois' }];
    expect((await answerer.extract('Where did he post from?', at, history)).answer).toBe('Paris');
  });
});
