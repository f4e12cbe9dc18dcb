import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSquad } from './squad.js';

describe('importSquad', () => {
  it('writes one file per paragraph and one item per question, unanswerable ones with no answers', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'squad-'));
    try {
      const json = {
        version: 'v2.0',
        data: [
          {
            title: 'Sky (United Kingdom)',
            paragraphs: [
              {
                context: 'Sky is a broadcaster.',
                qas: [
                  {
                    id: 'a',
                    question: 'What is Sky?',
                    answers: [{ text: 'a broadcaster' }, { text: 'a broadcaster' }],
                  },
                ],
              },
              {
                context: 'It launched in 1989.',
                qas: [{ id: 'b', question: 'Who owns the moon?', answers: [], is_impossible: true }],
              },
            ],
          },
        ],
      };
      const { titles, items } = await importSquad(json, dir);
      expect(titles).toEqual(['Sky_United_Kingdom_']);
      expect(items).toEqual([
        {
          id: 'a',
          question: 'What is Sky?',
          answers: ['a broadcaster'],
          sources: ['Sky_United_Kingdom_/p0.txt'],
          tags: ['Sky_United_Kingdom_', 'answerable'],
        },
        {
          id: 'b',
          question: 'Who owns the moon?',
          answers: [],
          sources: ['Sky_United_Kingdom_/p1.txt'],
          tags: ['Sky_United_Kingdom_', 'unanswerable'],
        },
      ]);
      expect(await readFile(path.join(dir, 'Sky_United_Kingdom_/p1.txt'), 'utf8')).toBe('It launched in 1989.');
      await expect(importSquad({ data: [{ title: 'x' }] }, dir)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
