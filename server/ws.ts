import type { Server } from 'node:http';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { AppError, toAppError } from '../core/errors.js';
import { ClientFrameSchema, describeIssues, LIMITS, type ServerFrame } from '../core/protocol.js';
import type { EngineHolder } from './engine-holder.js';

/**
 * WebSocket at /ws: `ask` frames start questions (several may run at once, told apart by id),
 * `cancel` stops one. A bad frame gets an error frame; the connection stays open.
 */
export function attachWebSocket(server: Server, holder: EngineHolder): WebSocketServer {
  const wss = new WebSocketServer({ server, path: '/ws', maxPayload: LIMITS.frameBytes });
  wss.on('connection', (socket) => {
    const inFlight = new Map<string, AbortController>();
    const send = (frame: ServerFrame) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    };
    const fail = (error: AppError, id?: string) => send({ type: 'error', code: error.code, message: error.message, ...(id ? { id } : {}) });

    socket.on('message', (data: RawData, isBinary: boolean) => {
      const frame = parseFrame(data, isBinary);
      if (frame instanceof AppError) return fail(frame, frame.id);
      if (frame.type === 'cancel') {
        inFlight.get(frame.id)?.abort();
        return;
      }
      if (inFlight.has(frame.id)) return fail(new AppError('invalid_request', `A question with id "${frame.id}" is already running.`), frame.id);
      const controller = new AbortController();
      inFlight.set(frame.id, controller);
      void (async () => {
        try {
          const engine = holder.require();
          for await (const event of engine.ask(frame, controller.signal)) send({ ...event, id: frame.id });
        } catch (err) {
          fail(toAppError(err), frame.id);
        } finally {
          inFlight.delete(frame.id);
        }
      })();
    });
    socket.on('close', () => {
      for (const controller of inFlight.values()) controller.abort();
    });
  });
  return wss;
}

type FrameError = AppError & { id?: string };

function parseFrame(data: RawData, isBinary: boolean) {
  if (isBinary) return new AppError('invalid_request', 'Binary frames are not supported; send JSON text.') as FrameError;
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return new AppError('invalid_json', 'The frame is not valid JSON.') as FrameError;
  }
  const parsed = ClientFrameSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const error: FrameError = new AppError('invalid_request', describeIssues(parsed.error));
  const id = (json as { id?: unknown } | null)?.id;
  if (typeof id === 'string' && id.length <= LIMITS.idChars) error.id = id;
  return error;
}
