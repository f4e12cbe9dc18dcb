import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ClientFrame, ServerFrame } from '../../core/protocol.js';
import { keyRequired, onUnauthorized } from './api.js';
import { authFrame, forgetApiKey, loadApiKey, saveApiKey } from './apiKey.js';
import { ReconnectingSocket, socketUrl, type Connection } from './socket.js';

export interface ConnectionControl {
  connection: Connection;
  /** An API key is stored in this browser. */
  hasKey: boolean;
  send(frame: ClientFrame): boolean;
  retryNow(): void;
  /** Store a key and connect with it. */
  submitKey(key: string): void;
  /** Remove the stored key and connect without one (the server then asks again, if it needs one). */
  forgetKey(): void;
}

interface Handlers {
  onFrame(frame: ServerFrame): void;
  onDrop(): void;
}

/**
 * The page's WebSocket and its API key. Without a key, the page connects only if the server does not
 * want one; a 1008 close or a 401 from /api locks the page (the key prompt) instead of reconnecting.
 */
export function useConnection(handlers: Handlers): ConnectionControl {
  const [connection, setConnection] = useState<Connection>({ state: 'connecting', attempt: 0 });
  const [hasKey, setHasKey] = useState(() => loadApiKey() !== undefined);
  const socketRef = useRef<ReconnectingSocket>();
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  /** Stop connecting and ask for a key; a key that was sent and refused is not kept. */
  const lock = useCallback((refused: boolean) => {
    if (refused) {
      forgetApiKey();
      setHasKey(false);
    }
    socketRef.current?.stop();
    // A refused key is often reported twice, by an /api call's 401 and by the socket's 1008 close, in
    // either order; the second report finds the key already forgotten and must not turn "refused" into "asked".
    setConnection((prev) => ({ state: 'locked', refused: refused || (prev.state === 'locked' && prev.refused) }));
  }, []);

  const begin = useCallback(async () => {
    if (!loadApiKey() && (await keyRequired())) return lock(false);
    socketRef.current?.start();
  }, [lock]);

  useEffect(() => {
    socketRef.current = new ReconnectingSocket(socketUrl(location), {
      onFrame: (frame) => !isRefusal(frame) && handlersRef.current.onFrame(frame),
      onDrop: () => handlersRef.current.onDrop(),
      onConnection: setConnection,
      greeting: authFrame,
      onRefused: () => lock(loadApiKey() !== undefined),
    });
    const unsubscribe = onUnauthorized(lock);
    void begin();
    return () => {
      unsubscribe();
      socketRef.current?.stop();
    };
  }, [lock, begin]);

  const submitKey = useCallback((key: string) => {
    saveApiKey(key);
    setHasKey(true);
    socketRef.current?.start();
  }, []);

  const forgetKey = useCallback(() => {
    forgetApiKey();
    setHasKey(false);
    socketRef.current?.stop();
    void begin();
  }, [begin]);

  return {
    connection,
    hasKey,
    send: (frame) => socketRef.current?.send(frame) ?? false,
    retryNow: () => socketRef.current?.retryNow(),
    submitKey,
    forgetKey,
  };
}

/** The error frame the server sends just before its 1008 close; the close itself is what the page acts on. */
function isRefusal(frame: ServerFrame): boolean {
  return frame.type === 'error' && frame.id === undefined && frame.code === 'unauthorized';
}
