import type { ClientFrame } from '../../core/protocol.js';
import { askFrame } from './conversation.js';
import type { Message } from './model.js';

/** A question on its way: the message it answers into, the turns before it, and the stored turn it replaces. */
export interface Outgoing {
  id: string;
  question: string;
  earlier: readonly Message[];
  replaceTurnId?: string | undefined;
}

/**
 * Sends the page's questions into the open stored conversation. A new conversation gets its id from
 * the server with its first answer's first frame; a question asked before then waits here, so both
 * land in the same conversation, and goes out as soon as the id is known (or the first answer ends without one).
 */
export class Outbox {
  /** The open stored conversation; undefined until the server names it. */
  conversationId: string | undefined;
  /** The message whose answer will name the new conversation. */
  private starting: string | undefined;
  private waiting: Outgoing[] = [];

  constructor(private readonly send: (frame: ClientFrame) => boolean) {}

  /** Send (or hold) a question; false when there is no connection to send it on. */
  ask(outgoing: Outgoing): boolean {
    if (!this.conversationId && this.starting) {
      this.waiting.push(outgoing);
      return true;
    }
    const sent = this.send(
      askFrame(outgoing.id, outgoing.question, outgoing.earlier, {
        conversationId: this.conversationId,
        replaceTurnId: outgoing.replaceTurnId,
      }),
    );
    if (sent && !this.conversationId) this.starting = outgoing.id;
    return sent;
  }

  /** A frame of message `id` named its conversation: the first names the new conversation. */
  named(id: string, conversationId: string): void {
    if (this.conversationId || this.starting !== id) return;
    this.conversationId = conversationId;
    this.flush();
  }

  /** Message `id` ended (done, error, stopped, dropped): if it was to name the conversation and did not, the next one will. */
  ended(id: string): void {
    this.waiting = this.waiting.filter((o) => o.id !== id);
    if (this.starting !== id) return;
    this.starting = undefined;
    this.flush();
  }

  /** Whether message `id` is held here, not yet sent. */
  holds(id: string): boolean {
    return this.waiting.some((o) => o.id === id);
  }

  /** Switch to another stored conversation (undefined: a new one); questions held are dropped. */
  switchTo(conversationId: string | undefined): void {
    this.conversationId = conversationId;
    this.starting = undefined;
    this.waiting = [];
  }

  private flush(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const outgoing of waiting) this.ask(outgoing);
  }
}
