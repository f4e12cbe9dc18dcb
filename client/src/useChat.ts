import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ServerFrame } from '../../core/protocol.js';
import { applyFrame, newMessage } from './conversation.js';
import { getConversation, messageFromTurn } from './conversations.js';
import { newId } from './ids.js';
import { spokenText } from './markdown.js';
import { isPending, type Message } from './model.js';
import { Outbox } from './outbox.js';
import type { Connection } from './socket.js';
import { clearConversation, loadConversation, saveConversation } from './storage.js';
import { useConnection, type ConnectionControl } from './useConnection.js';

export interface Chat {
  messages: Message[];
  /** The open stored conversation (undefined: a new one, until its first answer is stored). */
  conversationId: string | undefined;
  /** Changes whenever the stored list may have changed (an answer stored in a conversation). */
  storedVersion: number;
  connection: Connection;
  /** A problem not tied to one question (a frame the server could not read). */
  notice: string | undefined;
  /** The latest text for screen readers. */
  announcement: string;
  ask(question: string): boolean;
  stop(id: string): void;
  /** Ask a stopped or failed question again in place. */
  retry(id: string): void;
  /** Answer a stored question anew (the turns after it are set aside, here and on the server). */
  regenerate(id: string): void;
  /** Ask an edited question in place of `id` (the turns after it are set aside). */
  edit(id: string, question: string): boolean;
  /** Open a stored conversation. */
  open(conversationId: string): Promise<void>;
  reset(): void;
  /** Record feedback given on a message (already saved on the server). */
  noteFeedback(id: string, feedback: Message['feedback']): void;
  retryNow(): void;
  dismissNotice(): void;
  /** An API key is stored in this browser. */
  hasKey: boolean;
  submitKey(key: string): void;
  forgetKey(): void;
}

/** The conversation: sends questions, folds frames into messages, keeps them (the socket and API key: useConnection). */
export function useChat(): Chat {
  const [saved] = useState(loadConversation);
  const [messages, setMessages] = useState<Message[]>(saved.messages);
  const [conversationId, setConversationId] = useState(saved.conversationId);
  const [storedVersion, setStoredVersion] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const linkRef = useRef<ConnectionControl>();
  const outbox = useRef<Outbox>();
  if (!outbox.current) {
    outbox.current = new Outbox((frame) => linkRef.current?.send(frame) ?? false);
    outbox.current.switchTo(saved.conversationId);
  }
  const box = outbox.current;

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
      if ((frame.type === 'passages' || frame.type === 'done') && frame.conversationId) {
        box.named(frame.id, frame.conversationId);
        if (box.conversationId === frame.conversationId) setConversationId(frame.conversationId);
      }
      if (frame.type === 'done') {
        setAnnouncement(
          frame.abstained
            ? `Not found in the documents. ${spokenText(frame.answer)}`
            : `Answer: ${spokenText(frame.answer)}`,
        );
        if (frame.turnId) setStoredVersion((n) => n + 1);
      }
      if (frame.type === 'error') setAnnouncement(`Error: ${frame.message}`);
      if (frame.type === 'done' || frame.type === 'error') box.ended(frame.id);
      update(frame.id, (m) => applyFrame(m, frame));
    },
    [update, box],
  );
  const onDrop = useCallback(() => {
    for (const m of messagesRef.current) if (isPending(m)) box.ended(m.id);
    setMessages((all) =>
      all.map((m) =>
        isPending(m) ? { ...m, status: 'error', error: { code: 'connection_lost', message: 'connection lost' } } : m,
      ),
    );
  }, [box]);
  const link = useConnection({ onFrame, onDrop });
  linkRef.current = link;

  useEffect(() => saveConversation(messages, conversationId), [messages, conversationId]);

  /** Show a stored conversation; messages of this page not stored (stopped, failed) stay after its turns. */
  const show = useCallback(
    async (id: string, keepLocal: boolean): Promise<void> => {
      const found = await getConversation(id);
      if (!found.ok) {
        // Read back after a reload and gone (deleted in another tab): start afresh rather than ask into it.
        if (keepLocal) {
          box.switchTo(undefined);
          setConversationId(undefined);
          setMessages([]);
        }
        return setNotice(found.message);
      }
      const local = keepLocal ? messagesRef.current.filter((m) => !m.turnId && !isPending(m)) : [];
      box.switchTo(id);
      setConversationId(id);
      setMessages([...found.data.turns.map(messageFromTurn), ...local]);
    },
    [box],
  );

  // Once connected, the open conversation is read again from the server: another tab or device may have added to it.
  const connected = link.connection.state === 'open';
  const refreshed = useRef(false);
  useEffect(() => {
    if (!connected || refreshed.current) return;
    refreshed.current = true;
    if (saved.conversationId) void show(saved.conversationId, true);
  }, [connected, saved, show]);

  const cancelPending = useCallback(() => {
    for (const m of messagesRef.current) if (isPending(m)) link.send({ type: 'cancel', id: m.id });
  }, []);

  const ask = useCallback(
    (question: string) => {
      const id = newId();
      if (!box.ask({ id, question, earlier: messagesRef.current })) return false;
      setAnnouncement('');
      setMessages((all) => [...all, newMessage(id, question)]);
      return true;
    },
    [box],
  );

  const stop = useCallback(
    (id: string) => {
      if (!box.holds(id)) link.send({ type: 'cancel', id });
      box.ended(id);
      update(id, (m) => (isPending(m) ? { ...m, status: 'stopped' } : m));
      setAnnouncement('Stopped.');
    },
    [update, box, link],
  );

  /** Ask `question` in place of message `id`: `replace` also drops the messages after it (as the server sets their turns aside). */
  const askInPlace = useCallback(
    (id: string, question: string, replace: boolean): boolean => {
      const all = messagesRef.current;
      const at = all.findIndex((m) => m.id === id);
      if (at < 0) return false;
      const fresh = newId();
      const replaceTurnId = replace ? all.slice(at).find((m) => m.turnId)?.turnId : undefined;
      if (!box.ask({ id: fresh, question, earlier: all.slice(0, at), replaceTurnId })) return false;
      setMessages((ms) => [...ms.slice(0, at), newMessage(fresh, question), ...(replace ? [] : ms.slice(at + 1))]);
      return true;
    },
    [box],
  );

  const reset = useCallback(() => {
    cancelPending();
    box.switchTo(undefined);
    clearConversation();
    setConversationId(undefined);
    setMessages([]);
    setAnnouncement('New conversation started.');
  }, [cancelPending, box]);

  const open = useCallback(
    async (id: string) => {
      cancelPending();
      await show(id, false);
    },
    [cancelPending, show],
  );

  return {
    messages,
    conversationId,
    storedVersion,
    connection: link.connection,
    notice,
    announcement,
    ask,
    stop,
    retry: (id) => void askInPlace(id, messagesRef.current.find((m) => m.id === id)?.question ?? '', false),
    regenerate: (id) => void askInPlace(id, messagesRef.current.find((m) => m.id === id)?.question ?? '', true),
    edit: (id, question) => askInPlace(id, question, true),
    open,
    reset,
    noteFeedback: (id, feedback) => update(id, (m) => ({ ...m, ...(feedback ? { feedback } : {}) })),
    retryNow: link.retryNow,
    dismissNotice: () => setNotice(undefined),
    hasKey: link.hasKey,
    submitKey: link.submitKey,
    forgetKey: link.forgetKey,
  };
}
