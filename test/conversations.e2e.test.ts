/**
 * Issue 21's API against a real server: asks recorded in conversations over JSON, SSE and the
 * WebSocket; listing, reading, renaming and deleting them; feedback and its export as an eval set;
 * the key and same-origin rules; suggested questions and titles drawn from the documents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  ConversationListSchema,
  ConversationSchema,
  FeedbackSchema,
  SuggestionsResponseSchema,
  TitlesResponseSchema,
} from '../core/conversations/schemas.js';
import { parseEvalSet } from '../evals/set.js';
import { AnswerEventSchema, AskResponseSchema, type ServerFrame } from '../core/protocol.js';
import type { RunningServer } from '../server/start.js';
import { ingestInto, parseSse, QUESTION, start, tempDir } from './api-harness.js';
import { postgresBin, startPostgres, type TestPostgres } from './postgres.js';

const KEY = 'conversation-test-key';
let server: RunningServer;
let keyed: RunningServer;
let cleanup: () => Promise<void>;
let indexDir: string;

beforeAll(async () => {
  const temp = await tempDir('docqa-conversations-');
  cleanup = temp.cleanup;
  indexDir = `${temp.dir}/index`;
  await ingestInto(`${temp.dir}/index`);
  [server, keyed] = await Promise.all([
    start(`${temp.dir}/index`, { DATA_DIR: `${temp.dir}/data` }),
    start(`${temp.dir}/index`, { DATA_DIR: `${temp.dir}/keyed`, API_KEY: KEY }),
  ]);
});
afterAll(async () => {
  await Promise.all([server?.close(), keyed?.close()]);
  await cleanup?.();
});

const call = (route: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  fetch(server.url + route, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
const ask = async (body: Record<string, unknown>) =>
  AskResponseSchema.parse(await (await call('/api/ask', { body })).json());
const conversation = async (id: string) =>
  ConversationSchema.parse(await (await call(`/api/conversations/${id}`)).json());

function askOverSocket(frame: Record<string, unknown>): Promise<ServerFrame[]> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws`);
    const frames: ServerFrame[] = [];
    socket.on('open', () => socket.send(JSON.stringify({ type: 'ask', id: 'q1', ...frame })));
    socket.on('message', (data: Buffer) => {
      const parsed = JSON.parse(data.toString()) as ServerFrame;
      frames.push(parsed);
      if (parsed.type === 'done' || parsed.type === 'error') {
        socket.close();
        resolve(frames);
      }
    });
    socket.on('error', reject);
  });
}

describe('asks kept in conversations', () => {
  it('starts a conversation, continues it with its own history, and stores every turn whole', async () => {
    const first = await ask({ question: QUESTION });
    expect(first.answer).toBe('Zabihullah Mujahid');
    expect(first.conversationId).toBeTruthy();
    expect(first.turnId).toBeTruthy();
    const second = await ask({ question: 'What did he emphasize?', conversationId: first.conversationId });
    expect(second.conversationId).toBe(first.conversationId);

    const stored = await conversation(first.conversationId!);
    expect(stored.title).toBe(QUESTION);
    expect(stored.turns.map((t) => t.id)).toEqual([first.turnId, second.turnId]);
    const turn = stored.turns[0]!;
    expect(turn).toMatchObject({
      question: QUESTION,
      answer: first.answer,
      abstained: false,
      answerMode: 'extractive',
    });
    expect(turn.citations).toEqual(first.citations);
    expect(turn.passages).toEqual(first.passages);
    expect(turn.timings.totalMs).toBeGreaterThanOrEqual(0);

    const list = ConversationListSchema.parse(await (await call('/api/conversations')).json());
    expect(list.conversations[0]).toMatchObject({ id: first.conversationId, title: QUESTION, turns: 2 });
  });

  it('gives the ids on the passages and done events of a stream, and on WebSocket frames', async () => {
    const { conversationId } = await ask({ question: QUESTION });
    const res = await call('/api/ask', {
      body: { question: 'Who is the Prime Minister?', conversationId, stream: true },
    });
    const events = parseSse(await res.text()).map((e) => AnswerEventSchema.parse(JSON.parse(e.data)));
    const done = events.at(-1)!;
    expect(events[0]).toMatchObject({ type: 'passages', conversationId });
    expect(done).toMatchObject({ type: 'done', conversationId, turnId: expect.any(String) as unknown });

    const frames = await askOverSocket({ question: 'Who urged Pakistan?', conversationId });
    expect(frames.at(-1)).toMatchObject({ type: 'done', id: 'q1', conversationId });
    expect((await conversation(conversationId!)).turns).toHaveLength(3);
  });

  it('answers a turn anew in place (regenerate, or an edited question), setting the later ones aside', async () => {
    const a = await ask({ question: QUESTION });
    const b = await ask({ question: 'Who is the Prime Minister?', conversationId: a.conversationId });
    await ask({ question: 'And the foreign minister?', conversationId: a.conversationId });
    const edited = await ask({
      question: "Who is the Taliban's Prime Minister?",
      conversationId: a.conversationId,
      replaceTurnId: b.turnId,
    });
    const turns = (await conversation(a.conversationId!)).turns;
    expect(turns.map((t) => t.question)).toEqual([QUESTION, "Who is the Taliban's Prime Minister?"]);
    expect(turns[1]?.id).toBe(edited.turnId);
    expect(edited.answer).toBe('Mullah Mohammad Hassan Akhund');
  });

  it('keeps nothing when asked with store: false, as an evaluation over HTTP does', async () => {
    const before = ConversationListSchema.parse(await (await call('/api/conversations?limit=100')).json());
    const answer = await ask({ question: QUESTION, store: false });
    expect(answer.answer).toBe('Zabihullah Mujahid');
    expect(answer.conversationId).toBeUndefined();
    const after = ConversationListSchema.parse(await (await call('/api/conversations?limit=100')).json());
    expect(after.conversations).toEqual(before.conversations);
    const both = await call('/api/ask', { body: { question: QUESTION, store: false, conversationId: 'x' } });
    expect(both.status).toBe(400);
  });

  it('refuses an unknown conversation or turn with 404 before answering, in JSON, SSE and on the socket', async () => {
    const json = await call('/api/ask', { body: { question: QUESTION, conversationId: 'nope' } });
    expect(json.status).toBe(404);
    expect((await json.json()).error.code).toBe('not_found');
    const sse = await call('/api/ask', { body: { question: QUESTION, conversationId: 'nope', stream: true } });
    expect(sse.status).toBe(404);
    const { conversationId } = await ask({ question: QUESTION });
    const wrongTurn = await call('/api/ask', { body: { question: QUESTION, conversationId, replaceTurnId: 'nope' } });
    expect(wrongTurn.status).toBe(404);
    expect((await askOverSocket({ question: QUESTION, conversationId: 'nope' })).at(-1)).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
  });
});

describe('the conversation routes', () => {
  it('pages newest first and finds by title', async () => {
    const ids: string[] = [];
    for (const q of ['Paging one?', 'Paging two?', 'Paging three?'])
      ids.push((await ask({ question: q })).conversationId!);
    const page = ConversationListSchema.parse(await (await call('/api/conversations?limit=2')).json());
    expect(page.conversations.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    const next = ConversationListSchema.parse(
      await (await call(`/api/conversations?limit=2&cursor=${page.nextCursor}`)).json(),
    );
    expect(next.conversations[0]?.id).toBe(ids[0]);
    const found = ConversationListSchema.parse(await (await call('/api/conversations?q=PAGING%20T')).json());
    expect(found.conversations.map((c) => c.title)).toEqual(['Paging three?', 'Paging two?']);
    expect((await call('/api/conversations?limit=0')).status).toBe(400);
  });

  it('renames and deletes', async () => {
    const { conversationId } = await ask({ question: QUESTION });
    const renamed = await call(`/api/conversations/${conversationId}`, {
      method: 'PATCH',
      body: { title: ' Spokesman ' },
    });
    expect(await renamed.json()).toMatchObject({ id: conversationId, title: 'Spokesman' });
    const empty = await call(`/api/conversations/${conversationId}`, { method: 'PATCH', body: { title: '' } });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.code).toBe('invalid_request');
    expect((await call(`/api/conversations/${conversationId}`, { method: 'DELETE' })).status).toBe(200);
    expect((await call(`/api/conversations/${conversationId}`)).status).toBe(404);
    expect((await call(`/api/conversations/${conversationId}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call('/api/conversations/x', { method: 'PUT' })).headers.get('allow')).toBe('GET, PATCH, DELETE');
  });

  it('refuses a cross-site rename or delete, and everything without the key when API_KEY is set', async () => {
    const { conversationId } = await ask({ question: QUESTION });
    const crossSite = await call(`/api/conversations/${conversationId}`, {
      method: 'DELETE',
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.code).toBe('forbidden_origin');
    for (const route of ['/api/conversations', '/api/feedback/export', '/api/suggestions', '/api/titles'])
      expect((await fetch(keyed.url + route)).status).toBe(401);
    const withKey = await fetch(`${keyed.url}/api/conversations`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(withKey.status).toBe(200);
  });
});

describe('feedback', () => {
  it('is stored on a turn and exported as an evaluation set', async () => {
    const up = await ask({ question: QUESTION });
    const down = await ask({ question: 'Who is the Prime Minister?', conversationId: up.conversationId });
    const none = await ask({ question: 'Who won the 2022 FIFA World Cup?', conversationId: up.conversationId });
    const give = (body: unknown) => call('/api/feedback', { body });
    const given = await give({ turnId: up.turnId, rating: 'up' });
    expect(given.status).toBe(201);
    expect(FeedbackSchema.parse(await given.json())).toMatchObject({ turnId: up.turnId, rating: 'up' });
    await give({ turnId: down.turnId, rating: 'down', correction: 'Mullah Mohammad Hassan Akhund', note: 'cut short' });
    await give({ turnId: none.turnId, rating: 'down', correction: 'Not in the documents' });
    expect((await give({ turnId: 'nope', rating: 'up' })).status).toBe(404);
    expect((await give({ turnId: up.turnId, rating: 'meh' })).status).toBe(400);

    const stored = await conversation(up.conversationId!);
    expect(stored.turns[1]?.feedback).toMatchObject({ rating: 'down', correction: 'Mullah Mohammad Hassan Akhund' });

    const res = await call('/api/feedback/export');
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const items = parseEvalSet(await res.text());
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(`feedback-${up.turnId}`)).toMatchObject({
      question: QUESTION,
      answers: ['Zabihullah Mujahid'],
      sources: [up.citations[0]?.source],
    });
    expect(byId.get(`feedback-${down.turnId}`)?.answers).toEqual(['Mullah Mohammad Hassan Akhund']);
    expect(byId.get(`feedback-${none.turnId}`)).toMatchObject({ answers: [], sources: [] });
    const later = await call(`/api/feedback/export?since=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(await later.text()).toBe('');
    expect((await call('/api/feedback/export?since=yesterday')).status).toBe(400);
  });
});

describe('drawn from the documents', () => {
  it('suggests three questions and names each document by its first line', async () => {
    const { questions } = SuggestionsResponseSchema.parse(await (await call('/api/suggestions')).json());
    expect(questions).toHaveLength(3);
    expect(new Set(questions).size).toBe(3);
    for (const q of questions) expect(q).toMatch(/Taliban|Pakistan|Afghan|Minister/);
    const { titles } = TitlesResponseSchema.parse(await (await call('/api/titles')).json());
    expect(titles['000_60de2d17179a020e.txt']).toBe(
      'Taliban Prime Minister Urges Pakistan To Halt Deportation Of Afghan Migrants',
    );
  });

  it('lists every new route in the OpenAPI document', async () => {
    const doc = (await (await call('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/conversations/{id}'] ?? {})).toEqual(['get', 'patch', 'delete']);
    for (const path of [
      '/api/conversations',
      '/api/feedback',
      '/api/feedback/export',
      '/api/suggestions',
      '/api/titles',
    ])
      expect(doc.paths[path]).toBeDefined();
  });
});

describe.skipIf(!postgresBin() && !process.env.CI)('on PostgreSQL (DATABASE_URL), shared by two replicas', () => {
  let cluster: TestPostgres;
  let replicas: RunningServer[] = [];
  beforeAll(async () => {
    cluster = await startPostgres();
    const url = await cluster.createDatabase();
    // Started together: the migrations run once, under the advisory lock.
    replicas = await Promise.all([start(indexDir, { DATABASE_URL: url }), start(indexDir, { DATABASE_URL: url })]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await cluster?.stop();
  });

  it('keeps an answer asked of one replica where the other lists it, and feedback given to either', async () => {
    const [a, b] = replicas as [RunningServer, RunningServer];
    const post = (server: RunningServer, route: string, body: unknown) =>
      fetch(server.url + route, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const answer = AskResponseSchema.parse(await (await post(a, '/api/ask', { question: QUESTION })).json());
    const listed = ConversationListSchema.parse(await (await fetch(`${b.url}/api/conversations`)).json());
    expect(listed.conversations.map((c) => c.id)).toContain(answer.conversationId);
    expect((await post(b, '/api/feedback', { turnId: answer.turnId, rating: 'up' })).status).toBe(201);
    const stored = ConversationSchema.parse(
      await (await fetch(`${a.url}/api/conversations/${answer.conversationId}`)).json(),
    );
    expect(stored.turns[0]).toMatchObject({ id: answer.turnId, feedback: { rating: 'up' } });
    const exported = parseEvalSet(await (await fetch(`${a.url}/api/feedback/export`)).text());
    expect(exported.map((i) => i.id)).toEqual([`feedback-${answer.turnId}`]);
  });
});
