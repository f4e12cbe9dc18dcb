import type { Response } from 'express';

/**
 * A server-sent-events response. Nothing is sent until the first event, so an error met before
 * any output can still be an HTTP error with its status (see `opened`); then proxies are asked not
 * to buffer, and a comment line every 15 s keeps idle connections from being cut during long answers.
 */
export class SseStream {
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly res: Response) {
    res.on('close', () => clearInterval(this.heartbeat));
  }

  /** Whether the 200 and its headers have gone out: after that, errors can only be events. */
  get opened(): boolean {
    return this.res.headersSent;
  }

  /** One event; `event` omitted gives an unnamed (`message`) event, as OpenAI streams use. */
  send(data: unknown, event?: string): void {
    const payload = typeof data === 'string' ? data : JSON.stringify(data);
    this.write(`${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`);
  }

  end(): void {
    clearInterval(this.heartbeat);
    if (!this.res.writableEnded) this.res.end();
  }

  private open(): void {
    this.res.status(200);
    this.res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.res.setHeader('Cache-Control', 'no-cache, no-transform');
    this.res.setHeader('X-Accel-Buffering', 'no');
    this.res.flushHeaders();
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), 15_000);
    this.heartbeat.unref();
  }

  private write(chunk: string): void {
    if (this.res.writableEnded || this.res.destroyed) return;
    if (!this.opened) this.open();
    this.res.write(chunk);
  }
}
