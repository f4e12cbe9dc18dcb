/**
 * The conversation store's contract, run against SQLite and against a real PostgreSQL cluster
 * (test/postgres.ts starts one; under CI a missing PostgreSQL fails the run rather than skipping).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBin, startPostgres, type TestPostgres } from '../../test/postgres.js';
import { openPostgres } from './postgres.js';
import type { Sql } from './sql.js';
import { openSqlite } from './sqlite.js';
import { ConversationStore, titleFrom, type NewTurn } from './store.js';

const havePostgres = postgresBin() !== undefined;
if (!havePostgres && process.env.CI) throw new Error('PostgreSQL is not installed; .ci/run installs it');

const citation = { source: 'a.md', startLine: 3, endLine: 4, score: 1.5, quote: 'The fee is 12 EUR.' };
const passage = { source: 'a.md', startLine: 1, endLine: 6, score: 7.25, text: '# Fees\n\nThe fee is 12 EUR.' };

let turnNo = 0;
function turn(conversationId: string, question: string, extra: Partial<NewTurn> = {}): NewTurn {
  return {
    id: `turn-${++turnNo}`,
    conversationId,
    question,
    answer: `answer to ${question}`,
    abstained: false,
    citations: [citation],
    passages: [passage],
    answerMode: 'extractive',
    timings: { retrievalMs: 2, generationMs: 3, totalMs: 5 },
    ...extra,
  };
}

interface Backend {
  name: string;
  /** A fresh, empty database (the same one each time `reopen` is true). */
  open(reopen?: boolean): Promise<Sql>;
  done(): Promise<void>;
}

async function sqliteBackend(): Promise<Backend> {
  const dirs: string[] = [];
  return {
    name: 'SQLite',
    async open(reopen = false) {
      if (!reopen || dirs.length === 0) dirs.push(await mkdtemp(path.join(os.tmpdir(), 'docqa-store-')));
      return openSqlite(dirs.at(-1)!);
    },
    done: async () => void (await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))),
  };
}

async function postgresBackend(cluster: TestPostgres): Promise<Backend> {
  let url: string | undefined;
  return {
    name: 'PostgreSQL',
    async open(reopen = false) {
      if (!reopen || !url) url = await cluster.createDatabase();
      return openPostgres(url);
    },
    done: () => Promise.resolve(),
  };
}

let cluster: TestPostgres | undefined;
beforeAll(async () => {
  if (havePostgres) cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

const backends: [string, () => Promise<Backend>][] = [
  ['SQLite', sqliteBackend],
  ['PostgreSQL', () => postgresBackend(cluster!)],
];

describe.each(backends)('conversation store on %s', (name, make) => {
  const skip = name === 'PostgreSQL' && !havePostgres;
  let backend: Backend;
  const opened: ConversationStore[] = [];
  let clock = 1_700_000_000_000;
  const open = async (reopen = false) => {
    const store = await ConversationStore.open(await backend.open(reopen), () => (clock += 1000));
    opened.push(store);
    return store;
  };
  beforeAll(async () => {
    if (!skip) backend = await make();
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await backend?.done();
  });

  it.skipIf(skip)('migrates at open, once, and keeps what was stored across a reopen', async () => {
    const store = await open();
    await store.addTurn(turn('c1', 'What is the fee?'));
    const again = await open(true);
    expect((await again.get('c1'))?.turns.map((t) => t.question)).toEqual(['What is the fee?']);
  });

  it.skipIf(skip)('stores a turn whole and titles a new conversation by its first question', async () => {
    const store = await open();
    const stored = await store.addTurn(turn('c1', 'What is the fee?', { unsupported: ['x'], fallback: true }));
    expect(stored).toMatchObject({
      question: 'What is the fee?',
      answer: 'answer to What is the fee?',
      abstained: false,
      citations: [citation],
      passages: [passage],
      unsupported: ['x'],
      fallback: true,
      answerMode: 'extractive',
      timings: { retrievalMs: 2, generationMs: 3, totalMs: 5 },
    });
    await store.addTurn(turn('c1', 'And the second?', { abstained: true, citations: [] }));
    await store.addTurn(turn('c1', 'And the third?', { abstained: true, closest: true }));
    const conversation = await store.get('c1');
    expect(conversation?.turns.map((t) => t.closest)).toEqual([undefined, undefined, true]);
    expect(conversation).toMatchObject({ id: 'c1', title: 'What is the fee?', turns: expect.any(Array) as unknown });
    expect(conversation?.turns.map((t) => [t.question, t.abstained])).toEqual([
      ['What is the fee?', false],
      ['And the second?', true],
      ['And the third?', true],
    ]);
    expect(await store.get('nope')).toBeUndefined();
    expect(await store.history('c1')).toEqual([
      { question: 'What is the fee?', answer: 'answer to What is the fee?' },
      { question: 'And the second?', answer: 'answer to And the second?' },
      { question: 'And the third?', answer: 'answer to And the third?' },
    ]);
  });

  it.skipIf(skip)('lists newest first a page at a time, and finds by title in any case', async () => {
    const store = await open();
    for (const q of ['Alpha fees', 'Beta 100% sure', 'Gamma fees', 'delta']) await store.addTurn(turn(q, q));
    await store.addTurn(turn('Alpha fees', 'more')); // activity moves it to the top
    const first = await store.list({ limit: 3 });
    expect(first.conversations.map((c) => c.id)).toEqual(['Alpha fees', 'delta', 'Gamma fees']);
    expect(first.conversations[0]?.turns).toBe(2);
    const second = await store.list({ limit: 3, cursor: first.nextCursor! });
    expect(second.conversations.map((c) => c.id)).toEqual(['Beta 100% sure']);
    expect(second.nextCursor).toBeUndefined();
    expect((await store.list({ q: 'FEES' })).conversations.map((c) => c.id)).toEqual(['Alpha fees', 'Gamma fees']);
    // LIKE's wildcards in the search are only characters.
    expect((await store.list({ q: '100%' })).conversations.map((c) => c.id)).toEqual(['Beta 100% sure']);
    expect((await store.list({ q: '_' })).conversations).toEqual([]);
    await expect(store.list({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it.skipIf(skip)('renames and deletes, with the turns and their feedback', async () => {
    const store = await open();
    const t = await store.addTurn(turn('c1', 'Q?'));
    await store.setFeedback({ turnId: t.id, rating: 'up' });
    expect(await store.rename('c1', 'Fees')).toMatchObject({ id: 'c1', title: 'Fees' });
    expect(await store.rename('nope', 'x')).toBeUndefined();
    expect(await store.delete('c1')).toBe(true);
    expect(await store.delete('c1')).toBe(false);
    expect(await store.get('c1')).toBeUndefined();
    expect(await store.turn(t.id)).toBeUndefined();
    expect(await store.feedback()).toEqual([]);
  });

  it.skipIf(skip)('sets a regenerated or edited turn and those after it aside, keeping their feedback', async () => {
    const store = await open();
    const a = await store.addTurn(turn('c1', 'one'));
    const b = await store.addTurn(turn('c1', 'two'));
    await store.addTurn(turn('c1', 'three'));
    await store.setFeedback({ turnId: b.id, rating: 'down', correction: 'Two is 2.' });
    expect(await store.history('c1', b.id)).toEqual([{ question: 'one', answer: 'answer to one' }]);
    await store.addTurn(turn('c1', 'two, edited', { replaces: b.id }));
    const conversation = await store.get('c1');
    expect(conversation?.turns.map((t) => t.question)).toEqual(['one', 'two, edited']);
    expect((await store.summary('c1'))?.turns).toBe(2);
    expect((await store.feedback()).map((f) => f.turn.question)).toEqual(['two']);
    expect(a.id).not.toBe(b.id);
  });

  it.skipIf(skip)('keeps one feedback per turn (the latest), and filters it by date', async () => {
    const store = await open();
    const a = await store.addTurn(turn('c1', 'one'));
    const b = await store.addTurn(turn('c1', 'two'));
    expect(await store.setFeedback({ turnId: 'nope', rating: 'up' })).toBeUndefined();
    await store.setFeedback({ turnId: a.id, rating: 'up', note: 'good' });
    const cut = new Date(clock + 1);
    await store.setFeedback({ turnId: b.id, rating: 'up' });
    const changed = await store.setFeedback({ turnId: b.id, rating: 'down', correction: 'Not in the documents' });
    expect(changed).toMatchObject({ turnId: b.id, rating: 'down', correction: 'Not in the documents' });
    expect((await store.feedback()).map((f) => [f.turn.question, f.feedback.rating])).toEqual([
      ['one', 'up'],
      ['two', 'down'],
    ]);
    expect((await store.feedback(cut)).map((f) => f.turn.question)).toEqual(['two']);
    expect((await store.get('c1'))?.turns[0]?.feedback).toMatchObject({ rating: 'up', note: 'good' });
  });

  it.skipIf(skip)('numbers turns stored at once in one conversation without a clash', async () => {
    const store = await open();
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((q) => store.addTurn(turn('c1', q))));
    expect((await store.get('c1'))?.turns).toHaveLength(5);
  });

  it.skipIf(skip)('refuses a schema newer than this build knows', async () => {
    const store = await open();
    const sql = await backend.open(true);
    await sql.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [99, 'future', 0]);
    await expect(ConversationStore.open(sql)).rejects.toThrow(/version 99, newer than this build/);
    await sql.close();
    expect(store.dialect).toBe(name === 'SQLite' ? 'sqlite' : 'postgres');
  });
});

describe('titleFrom', () => {
  it('keeps a short question whole and cuts a long one at a word', () => {
    expect(titleFrom('  What   is the fee? ')).toBe('What is the fee?');
    const long = titleFrom(`${'word '.repeat(40)}end`);
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('word…')).toBe(true);
  });
});
