import type { ClientFrame, ServerFrame } from '../../core/protocol.js';
import { parseFrame } from './frames.js';

/** What the connection is doing, for the status line. */
export type Connection =
  | { state: 'connecting'; attempt: number }
  | { state: 'open'; reconnected: boolean }
  | { state: 'waiting'; attempt: number; retryAt: number }
  /** Set by the page, not the socket: the server wants an API key (`refused`: the one sent was wrong). */
  | { state: 'locked'; refused: boolean };

export interface SocketEvents {
  onFrame(frame: ServerFrame): void;
  onConnection(connection: Connection): void;
  /** The socket closed: questions in flight on it will never finish. */
  onDrop(): void;
  /** The frame to send first on every connection (the API key), if any. */
  greeting?(): ClientFrame | undefined;
  /** The server closed with 1008 (policy violation: a missing or wrong API key); the socket is not reopened. */
  onRefused?(): void;
}

/** The close code the server uses for a missing or wrong API key. */
const POLICY_VIOLATION = 1008;

/** Delay before reconnect attempt `n` (1-based): 0.5 s doubling to 10 s, with ±20% jitter. */
export function backoff(attempt: number, random = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** (attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** A WebSocket to /ws that reconnects with backoff after it drops, and validates every frame it receives. */
export class ReconnectingSocket {
  private socket: WebSocket | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private everOpened = false;
  /** Retry at once when the browser comes back online; removed on stop so a dropped socket leaves nothing behind. */
  private readonly onOnline = () => this.retryNow();

  constructor(
    private readonly url: string,
    private readonly events: SocketEvents,
  ) {}

  /** Connect afresh (closing any current connection), as on a first load. */
  start(): void {
    this.stop();
    this.attempt = 0;
    this.everOpened = false;
    window.addEventListener('online', this.onOnline);
    this.connect();
  }

  /** Close without reconnecting; questions in flight are reported dropped. */
  stop(): void {
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.timer);
    this.timer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    socket.close();
    this.events.onDrop();
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  send(frame: ClientFrame): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Skip the rest of the backoff wait. */
  retryNow(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.connect();
  }

  private connect(): void {
    this.events.onConnection({ state: 'connecting', attempt: this.attempt });
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      const greeting = this.events.greeting?.();
      if (greeting) socket.send(JSON.stringify(greeting));
      this.attempt = 0;
      this.events.onConnection({ state: 'open', reconnected: this.everOpened });
      this.everOpened = true;
    };
    socket.onmessage = (message: MessageEvent) => {
      const parsed = parseFrame(message.data);
      if (parsed.ok) this.events.onFrame(parsed.frame);
      else console.warn(`Ignored a server frame: ${parsed.reason}`);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.events.onDrop();
      if (event.code === POLICY_VIOLATION && this.events.onRefused) return this.events.onRefused();
      this.attempt += 1;
      const delay = backoff(this.attempt);
      this.events.onConnection({ state: 'waiting', attempt: this.attempt, retryAt: Date.now() + delay });
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.connect();
      }, delay);
    };
  }
}

export function socketUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
