import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { applyFrame, askFrame, newMessage } from './conversation.js';
import type { ServerFrame } from '../../core/protocol.js';
import { newId } from './ids.js';
import { spokenText } from './markdown.js';
import { isPending, type Message } from './model.js';
import type { Connection } from './socket.js';
import { clearConversation, loadConversation, saveConversation } from './storage.js';
import { useConnection } from './useConnection.js';

export interface Chat {
  messages: Message[];
  connection: Connection;
  /** A problem not tied to one question (a frame the server could not read). */
  notice: string | undefined;
  /** The latest text for screen readers. */
  announcement: string;
  ask(question: string): boolean;
  stop(id: string): void;
  retry(id: string): void;
  reset(): void;
  retryNow(): void;
  dismissNotice(): void;
  /** An API key is stored in this browser. */
  hasKey: boolean;
  submitKey(key: string): void;
  forgetKey(): void;
}

/** The conversation: sends questions, folds frames into messages, persists them (the socket and API key: useConnection). */
export function useChat(): Chat {
  const [messages, setMessages] = useState<Message[]>(loadConversation);
  const [notice, setNotice] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const messagesRef = useRef(messages);
  messagesRef.current = messages;

  const update = useCallback((id: string, change: (m: Message) => Message) => {
    setMessages((all) => all.map((m) => (m.id === id ? change(m) : m)));
  }, []);

  const onFrame = useCallback(
    (frame: ServerFrame) => {
      if (frame.id === undefined) {
        if (frame.type === 'error') setNotice(`The server could not read a message from this page: ${frame.message}`);
        return;
      }
      const target = messagesRef.current.find((m) => m.id === frame.id);
      if (!target || !isPending(target)) return;
      if (frame.type === 'done')
        setAnnouncement(
          frame.abstained
            ? `Not found in the documents. ${spokenText(frame.answer)}`
            : `Answer: ${spokenText(frame.answer)}`,
        );
      if (frame.type === 'error') setAnnouncement(`Error: ${frame.message}`);
      update(frame.id, (m) => applyFrame(m, frame));
    },
    [update],
  );
  const onDrop = useCallback(
    () =>
      setMessages((all) =>
        all.map((m) =>
          isPending(m) ? { ...m, status: 'error', error: { code: 'connection_lost', message: 'connection lost' } } : m,
        ),
      ),
    [],
  );
  const link = useConnection({ onFrame, onDrop });
  const linkRef = useRef(link);
  linkRef.current = link;

  useEffect(() => saveConversation(messages), [messages]);

  const send = useCallback((id: string, question: string, earlier: Message[]) => {
    return linkRef.current.send(askFrame(id, question, earlier));
  }, []);

  const ask = useCallback(
    (question: string) => {
      const id = newId();
      if (!send(id, question, messagesRef.current)) return false;
      setAnnouncement('');
      setMessages((all) => [...all, newMessage(id, question)]);
      return true;
    },
    [send],
  );

  const stop = useCallback(
    (id: string) => {
      linkRef.current.send({ type: 'cancel', id });
      update(id, (m) => (isPending(m) ? { ...m, status: 'stopped' } : m));
      setAnnouncement('Stopped.');
    },
    [update],
  );

  /** Ask the same question again in place, with the turns before it as history. */
  const retry = useCallback(
    (id: string) => {
      const all = messagesRef.current;
      const at = all.findIndex((m) => m.id === id);
      const old = all[at];
      if (!old) return;
      const fresh = newId();
      if (!send(fresh, old.question, all.slice(0, at))) return;
      setMessages((ms) => ms.map((m) => (m.id === id ? newMessage(fresh, old.question) : m)));
    },
    [send],
  );

  const reset = useCallback(() => {
    for (const m of messagesRef.current) if (isPending(m)) linkRef.current.send({ type: 'cancel', id: m.id });
    clearConversation();
    setMessages([]);
    setAnnouncement('New conversation started.');
  }, []);

  return {
    messages,
    connection: link.connection,
    notice,
    announcement,
    ask,
    stop,
    retry,
    reset,
    retryNow: link.retryNow,
    dismissNotice: () => setNotice(undefined),
    hasKey: link.hasKey,
    submitKey: link.submitKey,
    forgetKey: link.forgetKey,
  };
}
