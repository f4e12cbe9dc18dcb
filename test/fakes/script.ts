import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat message as the fake received it on the wire. */
export interface WireMessage {
  role: string;
  content: string;
}

export interface ChatRequest {
  messages: WireMessage[];
  stream: boolean;
  model: string;
}

/**
 * What the fake model does with one chat request: stream tokens (each after `before(i)` resolves,
 * so a test can hold a token back until it saw the previous one arrive), fail with a status,
 * or stall (after `tokens`, if any) until the client gives up.
 */
export type Reply =
  | { tokens: string[]; before?: (index: number) => Promise<void>; stall?: boolean }
  | { status: number; message: string }
  | { stall: true };

export type Script = (request: ChatRequest) => Reply;

/** A chat request the fake saw, and how it ended for the client's socket. */
export interface Seen extends ChatRequest {
  /** Resolves when the client closed the connection before the fake finished its reply. */
  abandoned: Promise<void>;
}

export interface FakeModelServer {
  url: string;
  chats: Seen[];
  embedded: string[][];
  script: Script;
  close(): Promise<void>;
}

/** Deterministic bag-of-words vectors, so a fake embedding model still retrieves by word overlap. */
export function fakeVector(text: string, dimensions = 64): number[] {
  const v = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let h = 7;
    for (const ch of word) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    v[h % dimensions]! += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x, i) => (norm === 1 && x === 0 && i === 0 ? 1 : x / norm));
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>;
}

export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p: { text?: string }) => p.text ?? '').join('');
  return '';
}

/** Resolves when the response is closed before it was ended: the client aborted. */
export function abandonment(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => res.on('close', () => !res.writableEnded && resolve()));
}

export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { server, port: (server.address() as AddressInfo).port, close };
}

/** Stream a reply's tokens through `write`; returns false when it must stall (the caller then never ends). */
export async function play(
  reply: Extract<Reply, { tokens: string[] }>,
  write: (token: string) => void,
): Promise<boolean> {
  for (const [i, token] of reply.tokens.entries()) {
    await reply.before?.(i);
    write(token);
  }
  return !reply.stall;
}

/** The documents' indices in a grounded prompt whose text contains `needle` (1-based, as the prompt numbers them). */
export function documentsContaining(messages: WireMessage[], needle: string): number[] {
  const user = messages.at(-1)?.content ?? '';
  return [...user.matchAll(/<document index="(\d+)"[^>]*>\n([\s\S]*?)\n<\/document>/g)]
    .filter((m) => m[2]!.includes(needle))
    .map((m) => Number(m[1]));
}
