import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { AppError, toAppError } from '../core/errors.js';
import { ClientFrameSchema, describeIssues, LIMITS, type ClientFrame, type ServerFrame } from '../core/protocol.js';
import type { AnswerService } from './answers.js';
import { keyMatches, upgradeAuth } from './auth.js';
import type { Metrics } from './metrics.js';
import { rateLimitError, type RateLimiter } from './rate-limit.js';
import { originAllowed } from './security.js';
import { clientAddress, type TrustProxy } from './client-address.js';
import { closeWhenIdle } from './ws-idle.js';

export interface WsDeps {
  /** The answer service, or the conversation recorder around it. */
  answers: Pick<AnswerService, 'ask'>;
  metrics: Metrics;
  limiter: RateLimiter;
  apiKey?: string;
  corsOrigins: readonly string[];
  maxQuestions: number;
  /** Which proxies' X-Forwarded-For to believe for the client's address (TRUST_PROXY). */
  trust: TrustProxy;
  /** Whether the upgrade's Host is one this server answers for (undefined: any); see host-check.ts. */
  allowedHost?: (req: IncomingMessage) => boolean;
  /** A connection with no whole frame and no pong for this long is closed (WS_IDLE_TIMEOUT_S). */
  idleTimeoutMs: number;
}

/** How long a connection that must authenticate by frame may stay silent. */
const AUTH_FRAME_MS = 10_000;
const POLICY_VIOLATION = 1008;
const MESSAGE_TOO_BIG = 1009;

/**
 * ws closes a connection whose frame is over maxPayload itself, with 1009 and no reason, and only
 * then emits 'error': too late for a handler to say why. The server's sockets are made from this
 * class (ws's `WebSocket` option), so that close carries the reason README promises. Echoes of a
 * peer's own close pass its reason (a Buffer), so they are left as they are.
 */
class ServerSocket extends WebSocket {
  override close(code?: number, reason?: string | Buffer): void {
    super.close(code, code === MESSAGE_TOO_BIG && reason === undefined ? 'message too big' : reason);
  }
}

/**
 * WebSocket at /ws: `ask` frames start questions (several may run at once, told apart by id, up to
 * `maxQuestions`), `cancel` stops one. A bad frame gets an error frame; the connection stays open.
 * The upgrade is refused for a foreign Host, for foreign browser origins, over the rate limit, or with a wrong key.
 */
export function attachWebSocket(server: Server, deps: WsDeps): WebSocketServer {
  const needsAuthFrame = new WeakSet<IncomingMessage>();
  const wss = new WebSocketServer({
    server,
    path: '/ws',
    maxPayload: LIMITS.frameBytes,
    WebSocket: ServerSocket,
    verifyClient: ({ req }, done) => {
      // Before the Origin check, which trusts the Host to say what this server's own origin is.
      if (deps.allowedHost && !deps.allowedHost(req)) return done(false, 421, 'Host not allowed');
      if (!originAllowed(req, deps.corsOrigins)) return done(false, 403, 'Origin not allowed');
      const retryAfter = deps.limiter.take(clientAddress(req, deps.trust));
      if (retryAfter > 0) return done(false, 429, 'Too Many Requests', { 'Retry-After': String(retryAfter) });
      const auth = upgradeAuth(deps.apiKey, req);
      if (auth === 'denied') return done(false, 401, 'Unauthorized');
      if (auth === 'pending') needsAuthFrame.add(req);
      done(true);
    },
  });
  wss.on('connection', (socket, req) => {
    deps.metrics.websockets.inc();
    socket.on('close', () => deps.metrics.websockets.dec());
    // ws reports protocol violations (e.g. a frame over maxPayload) as 'error' after closing the
    // socket itself; unheard, that event would crash the process.
    socket.on('error', () => undefined);
    closeWhenIdle(socket, deps.idleTimeoutMs);
    handleConnection(socket, clientAddress(req, deps.trust), needsAuthFrame.has(req), deps);
  });
  return wss;
}

function handleConnection(socket: WebSocket, client: string, mustAuth: boolean, deps: WsDeps): void {
  const inFlight = new Map<string, AbortController>();
  let authenticated = !mustAuth;
  const send = (frame: ServerFrame) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  };
  const fail = (error: AppError, id?: string) =>
    send({ type: 'error', code: error.code, message: error.message, ...(id ? { id } : {}) });
  const refuse = (message: string) => {
    fail(new AppError('unauthorized', message));
    socket.close(POLICY_VIOLATION, 'unauthorized');
  };
  const authTimer = mustAuth ? setTimeout(() => refuse('No auth frame was sent.'), AUTH_FRAME_MS) : undefined;
  authTimer?.unref();

  socket.on('message', (data: RawData, isBinary: boolean) => {
    const frame = parseFrame(data, isBinary);
    // Stopping a question never waits on the allowance: it only ends work (as a closed HTTP stream does).
    const retryAfter = !(frame instanceof AppError) && frame.type === 'cancel' ? 0 : deps.limiter.take(client);
    if (retryAfter > 0) return fail(rateLimitError(retryAfter), frame instanceof AppError ? frame.id : frameId(frame));
    if (!authenticated) {
      clearTimeout(authTimer);
      if (!(frame instanceof AppError) && frame.type === 'auth' && keyMatches(deps.apiKey ?? '', frame.apiKey))
        return void (authenticated = true);
      return refuse('The first frame must be { "type": "auth", "apiKey": "…" } with a valid key.');
    }
    if (frame instanceof AppError) return fail(frame, frame.id);
    if (frame.type === 'auth') return;
    if (frame.type === 'cancel') return void inFlight.get(frame.id)?.abort();
    if (inFlight.has(frame.id))
      return fail(new AppError('invalid_request', `A question with id "${frame.id}" is already running.`), frame.id);
    if (inFlight.size >= deps.maxQuestions) {
      return fail(
        new AppError('too_many_questions', `At most ${deps.maxQuestions} questions may run at once on a connection.`),
        frame.id,
      );
    }
    const controller = new AbortController();
    inFlight.set(frame.id, controller);
    void (async () => {
      try {
        for await (const event of deps.answers.ask(frame, controller.signal)) send({ ...event, id: frame.id });
      } catch (err) {
        fail(toAppError(err), frame.id);
      } finally {
        inFlight.delete(frame.id);
      }
    })();
  });
  socket.on('close', () => {
    clearTimeout(authTimer);
    for (const controller of inFlight.values()) controller.abort();
  });
}

function frameId(frame: ClientFrame): string | undefined {
  return 'id' in frame ? frame.id : undefined;
}

type FrameError = AppError & { id?: string };

function parseFrame(data: RawData, isBinary: boolean): ClientFrame | FrameError {
  if (isBinary)
    return new AppError('invalid_request', 'Binary frames are not supported; send JSON text.') as FrameError;
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
