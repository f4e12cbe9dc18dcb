import { once } from 'node:events';
import WebSocket from 'ws';
import type { ServerFrame } from '../../core/protocol.js';

export const FRAME_TIMEOUT_MS = 10_000;

export async function openSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + '/ws');
  await once(ws, 'open');
  return ws;
}

/**
 * Collect the frames that `match` accepts until `isLast` says the sequence ended; `onFrame` sees each
 * as it arrives (to react mid-stream). Rejects if the socket closes first or after a bounded wait, so
 * a hung server fails the test instead of hanging it.
 */
export function collectFrames(
  ws: WebSocket,
  match: (f: ServerFrame) => boolean,
  isLast: (f: ServerFrame) => boolean,
  onFrame?: (f: ServerFrame) => void,
): Promise<ServerFrame[]> {
  return new Promise((resolve, reject) => {
    const frames: ServerFrame[] = [];
    const end = (err?: Error) => {
      clearTimeout(timer);
      ws.off('message', onMessage);
      ws.off('close', onClose);
      if (err) reject(err);
      else resolve(frames);
    };
    const onMessage = (data: WebSocket.RawData) => {
      const f = JSON.parse(data.toString()) as ServerFrame;
      if (!match(f)) return;
      frames.push(f);
      onFrame?.(f);
      if (isLast(f)) end();
    };
    const onClose = (code: number) => end(new Error(`socket closed (${code}) after ${JSON.stringify(frames)}`));
    const timer = setTimeout(
      () => end(new Error(`no last frame within ${FRAME_TIMEOUT_MS} ms: ${JSON.stringify(frames)}`)),
      FRAME_TIMEOUT_MS,
    );
    ws.on('message', onMessage);
    ws.on('close', onClose);
  });
}

export const isFinal = (f: ServerFrame) => f.type === 'done' || f.type === 'error';

/** Send an ask frame and gather its frames up to `done` or `error`. */
export function askOnSocket(
  ws: WebSocket,
  frame: { id: string; question: string; k?: number; history?: { question: string; answer: string }[] },
  onFrame?: (f: ServerFrame) => void,
): Promise<ServerFrame[]> {
  const frames = collectFrames(ws, (f) => f.id === frame.id, isFinal, onFrame);
  ws.send(JSON.stringify({ type: 'ask', ...frame }));
  return frames;
}

/**
 * How long a test waits for something that should happen at once (a request closed, a frame sent) before
 * calling it a hang: generous, so that a busy machine never fails a test. Not a latency target.
 */
export const HANG_MS = 20_000;

/** Rejects if `promise` does not settle within `ms`: every wait in these tests is bounded. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const limit = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
  );
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** A promise with its resolver, for holding a fake's token back until the test saw the previous one. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
