import type { ClientFrame } from '../../core/protocol.js';
import { parseFrame, type IncomingFrame } from './frames.js';

/** What the connection is doing, for the status line. */
export type Connection =
  | { state: 'connecting'; attempt: number }
  | { state: 'open'; reconnected: boolean }
  | { state: 'waiting'; attempt: number; retryAt: number };

export interface SocketEvents {
  onFrame(frame: IncomingFrame): void;
  onConnection(connection: Connection): void;
  /** The socket closed: questions in flight on it will never finish. */
  onDrop(): void;
}

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

  constructor(
    private readonly url: string,
    private readonly events: SocketEvents,
  ) {}

  start(): void {
    this.connect();
    window.addEventListener('online', () => this.retryNow());
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
      this.attempt = 0;
      this.events.onConnection({ state: 'open', reconnected: this.everOpened });
      this.everOpened = true;
    };
    socket.onmessage = (message: MessageEvent) => {
      const parsed = parseFrame(message.data);
      if (parsed.ok) this.events.onFrame(parsed.frame);
      else console.warn(`Ignored a server frame: ${parsed.reason}`);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.events.onDrop();
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
