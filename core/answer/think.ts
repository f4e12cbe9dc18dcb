/**
 * Reasoning models (deepseek-r1 and qwen3 on Ollama, some OpenAI-compatible servers) stream their
 * thinking as ordinary text, `<think>…</think>`, before the answer. That block is not the answer: it
 * must not be shown, cited or checked. Only a block at the very start (after whitespace) counts; a
 * `<think>` later on is the model's own text. A block never closed leaves no answer at all (the model
 * stopped while still thinking), which the caller treats as an empty answer.
 */
const OPEN = '<think>';
const CLOSE = '</think>';

export class ThinkFilter {
  private state: 'start' | 'thinking' | 'answer' = 'start';
  /** At the start: what may still turn out to open a block. While thinking: a tail that may be the start of `</think>`. */
  private held = '';

  /** Feed streamed text; returns the answer text that can be passed on now. */
  push(text: string): string {
    if (this.state === 'answer') return text;
    this.held += text;
    if (this.state === 'start') {
      const lead = this.held.trimStart();
      if (!lead.startsWith(OPEN)) {
        // Whitespace, or a tag split across chunks ("<thi"), may still open a block.
        return OPEN.startsWith(lead) ? '' : this.answerFrom(this.held);
      }
      this.state = 'thinking';
      this.held = lead.slice(OPEN.length);
    }
    const end = this.held.indexOf(CLOSE);
    if (end < 0) {
      this.held = this.held.slice(-(CLOSE.length - 1));
      return '';
    }
    return this.answerFrom(this.held.slice(end + CLOSE.length));
  }

  /** The end of the stream: a held start that never became a tag is answer text; an unclosed block is dropped. */
  flush(): string {
    const rest = this.state === 'start' ? this.held : '';
    this.held = '';
    return rest;
  }

  private answerFrom(text: string): string {
    this.state = 'answer';
    this.held = '';
    return text;
  }
}

/** A whole reply without its leading think block (non-streamed calls, tests). */
export function withoutThinking(text: string): string {
  const filter = new ThinkFilter();
  return filter.push(text) + filter.flush();
}
