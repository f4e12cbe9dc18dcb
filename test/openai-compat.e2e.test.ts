import { ChatOpenAI } from '@langchain/openai';
import OpenAI from 'openai-v6';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatCompletionSchema, LIMITS } from '../core/protocol.js';
import { formatBytes } from '../server/byte-size.js';
import type { RunningServer } from '../server/start.js';
import { ingestInto, QUESTION, start, tempDir } from './api-harness.js';

/** The official openai client against the real server: what users' programs will do. */
describe('OpenAI-compatible API (/v1)', () => {
  let server: RunningServer;
  let client: OpenAI;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempDir('docqa-openai-');
    cleanup = temp.cleanup;
    await ingestInto(temp.dir);
    server = await start(temp.dir);
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'x', maxRetries: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  it('lists the docqa model', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['docqa']);
  });

  it('retrieves the model by id, echoing any name as the list route does', async () => {
    const [listed] = (await client.models.list()).data;
    expect(await client.models.retrieve('docqa')).toEqual(listed);
    expect(await client.models.retrieve('gpt-4o')).toEqual({ ...listed, id: 'gpt-4o' });
    const post = await fetch(`${server.url}/v1/models/docqa`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    // Labelled by the route's pattern, not the asked id (clients must not mint label values).
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('docqa_http_requests_total{method="POST",route="/v1/models/:id",status="405"} 1');
  });

  it('answers with [n] markers, a sources list and machine-readable citations', async () => {
    const completion = await client.chat.completions.create({
      model: 'docqa',
      messages: [{ role: 'user', content: QUESTION }],
    });
    const content = completion.choices[0]?.message.content ?? '';
    expect(content).toMatch(/^Zabihullah Mujahid \[1\]/);
    expect(content).toContain('\n\nSources:\n[1] 003_c449010215894527.txt, line 9');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    const extras = completion as unknown as { citations: { source: string; quote: string }[]; abstained: boolean };
    expect(extras.abstained).toBe(false);
    expect(extras.citations[0]?.source).toBe('003_c449010215894527.txt');
    expect(extras.citations[0]?.quote).toContain('Zabihullah Mujahid');
  });

  it('streams chunks whose concatenation is the same answer, citations on the final chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'docqa',
      stream: true,
      messages: [{ role: 'user', content: QUESTION }],
    });
    let content = '';
    let chunks = 0;
    let final: unknown;
    for await (const chunk of stream) {
      chunks++;
      content += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]?.finish_reason === 'stop') final = chunk;
    }
    expect(chunks).toBeGreaterThan(2);
    expect(content).toMatch(/^Zabihullah Mujahid \[1\]\n\nSources:\n\[1\] 003_c449010215894527\.txt/);
    expect((final as { citations: { source: string }[] }).citations[0]?.source).toBe('003_c449010215894527.txt');
  });

  it('ends the stream with a usage chunk when stream_options.include_usage asks for one, as LangChain does', async () => {
    const stream = await client.chat.completions.create({
      model: 'docqa',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: QUESTION }],
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage?.completion_tokens).toBeGreaterThan(0);
    expect(last.usage?.total_tokens).toBe(last.usage!.prompt_tokens + last.usage!.completion_tokens);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');

    const chat = new ChatOpenAI({
      model: 'docqa',
      apiKey: 'x',
      maxRetries: 0,
      configuration: { baseURL: `${server.url}/v1` },
    });
    let usage: unknown;
    for await (const chunk of await chat.stream(QUESTION)) usage ??= chunk.usage_metadata;
    expect(usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number) });
  });

  // Which turns become history is unit-tested (server/openai-translate.test.ts); here a whole
  // conversation, our own earlier reply with its sources block included, goes through the client.
  it('accepts a conversation with system and earlier turns', async () => {
    const first = await client.chat.completions.create({
      model: 'docqa',
      messages: [{ role: 'user', content: QUESTION }],
    });
    const followUp = await client.chat.completions.create({
      model: 'docqa',
      messages: [
        { role: 'system', content: 'Answer from the documents.' },
        { role: 'user', content: QUESTION },
        { role: 'assistant', content: first.choices[0]?.message.content ?? '' },
        { role: 'user', content: 'What did he emphasize?' },
      ],
    });
    const citations = (followUp as unknown as { citations: { source: string }[] }).citations;
    expect(citations.map((c) => c.source)).toContain('003_c449010215894527.txt');
  });

  it('takes a long conversation with a long system prompt, as chat clients send them', async () => {
    const turns = Array.from({ length: 40 }, (_, i) => [
      { role: 'user' as const, content: `Earlier question ${i}?` },
      { role: 'assistant' as const, content: `Earlier answer ${i}.` },
    ]).flat();
    const completion = await client.chat.completions.create({
      model: 'docqa',
      messages: [
        { role: 'system', content: 'Be brief. '.repeat(8_000) },
        ...turns,
        { role: 'user', content: QUESTION },
      ],
    });
    expect(completion.choices[0]?.message.content).toMatch(/^Zabihullah Mujahid/);
  });

  it('takes the largest valid ask as a chat completion: over 1 MiB, within the body limit', async () => {
    // Only 3-byte characters make a valid ask this large: in ASCII the longest history is 440 KB.
    const turns = Array.from({ length: LIMITS.historyTurns }, (_, i) => [
      { role: 'user', content: `Earlier question ${i}?` },
      { role: 'assistant', content: '€'.repeat(LIMITS.historyAnswerChars) },
    ]).flat();
    const body = JSON.stringify({ model: 'docqa', messages: [...turns, { role: 'user', content: QUESTION }] });
    expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(LIMITS.bodyBytes);
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    expect(ChatCompletionSchema.parse(await res.json()).choices[0]?.message.content).toMatch(/^Zabihullah Mujahid/);
  });

  it('refuses a body over the limit with 413, an API error the client raises with the limit', async () => {
    const error = await client.chat.completions
      .create({
        model: 'docqa',
        messages: [
          { role: 'system', content: 'p'.repeat(LIMITS.bodyBytes) },
          { role: 'user', content: QUESTION },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toContain(
      `The request body is over the ${formatBytes(LIMITS.bodyBytes)} limit.`,
    );
  });

  it('says plainly when the documents do not answer, without inventing sources', async () => {
    const completion = await client.chat.completions.create({
      model: 'docqa',
      messages: [{ role: 'user', content: 'What is the boiling point of tungsten on Mars?' }],
    });
    const extras = completion as unknown as { abstained: boolean; citations: unknown[] };
    expect(extras.abstained).toBe(true);
    expect(completion.choices[0]?.message.content).not.toContain('Sources:');
  });

  it('tells a client that forgot the JSON content type (curl -d sends a form type) to set it', async () => {
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({ messages: [{ role: 'user', content: QUESTION }] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'invalid_request', message: expect.stringContaining('Content-Type: application/json') },
    });
  });

  it('reports bad requests as API errors the client understands', async () => {
    const error = await client.chat.completions
      .create({ model: 'docqa', messages: [{ role: 'assistant', content: 'no question here' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toContain(
      'last message must be a user message',
    );
  });
});
