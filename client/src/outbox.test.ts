import { describe, expect, it } from 'vitest';
import type { ClientFrame } from '../../core/protocol.js';
import { Outbox } from './outbox.js';

function outbox(open = true) {
  const sent: ClientFrame[] = [];
  const box = new Outbox((frame) => (open ? (sent.push(frame), true) : false));
  return { box, sent };
}

describe('Outbox', () => {
  it('holds a second question of a new conversation until the first answer names it', () => {
    const { box, sent } = outbox();
    expect(box.ask({ id: 'a', question: 'one?', earlier: [] })).toBe(true);
    expect(box.ask({ id: 'b', question: 'two?', earlier: [] })).toBe(true);
    expect(sent).toEqual([{ type: 'ask', id: 'a', question: 'one?' }]);
    expect(box.holds('b')).toBe(true);
    box.named('a', 'c1');
    expect(sent[1]).toEqual({ type: 'ask', id: 'b', question: 'two?', conversationId: 'c1' });
    box.ask({ id: 'c', question: 'three?', earlier: [], replaceTurnId: 't1' });
    expect(sent[2]).toMatchObject({ conversationId: 'c1', replaceTurnId: 't1' });
  });

  it('sends what it held when the first answer ends without naming one, and drops it on a switch', () => {
    const { box, sent } = outbox();
    box.ask({ id: 'a', question: 'one?', earlier: [] });
    box.ask({ id: 'b', question: 'two?', earlier: [] });
    box.ended('a');
    expect(sent.map((f) => 'id' in f && f.id)).toEqual(['a', 'b']);
    box.ask({ id: 'c', question: 'three?', earlier: [] });
    box.switchTo('c9');
    expect(box.holds('c')).toBe(false);
    box.ask({ id: 'd', question: 'four?', earlier: [] });
    expect(sent.at(-1)).toMatchObject({ id: 'd', conversationId: 'c9' });
  });

  it('says when there is no connection to send on', () => {
    const { box } = outbox(false);
    expect(box.ask({ id: 'a', question: 'one?', earlier: [] })).toBe(false);
    expect(box.ask({ id: 'b', question: 'two?', earlier: [] })).toBe(false);
  });
});
