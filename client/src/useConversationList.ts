import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationSummary } from '../../core/conversations/schemas.js';
import { deleteConversation, listConversations, renameConversation } from './conversations.js';

export interface ConversationListState {
  items: ConversationSummary[];
  /** More conversations than shown: `more()` loads the next page. */
  hasMore: boolean;
  query: string;
  setQuery(query: string): void;
  error: string | undefined;
  more(): void;
  rename(id: string, title: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

/**
 * The stored conversations, newest first, as the server lists them: read when the page connects,
 * whenever `version` changes (an answer was stored), and as the search text changes (after a pause).
 */
export function useConversationList(enabled: boolean, version: unknown): ConversationListState {
  const [items, setItems] = useState<ConversationSummary[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | undefined>();
  const latest = useRef(0);

  const load = useCallback(async (q: string, after?: string) => {
    const call = ++latest.current;
    const result = await listConversations({ q, ...(after ? { cursor: after } : {}) });
    if (call !== latest.current) return; // a newer search has started
    if (!result.ok) return setError(result.message);
    setError(undefined);
    setItems((old) => (after ? [...old, ...result.data.conversations] : result.data.conversations));
    setCursor(result.data.nextCursor);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => void load(query.trim()), query ? 200 : 0);
    return () => clearTimeout(timer);
  }, [enabled, version, query, load]);

  return {
    items,
    hasMore: cursor !== undefined,
    query,
    setQuery,
    error,
    more: () => cursor && void load(query.trim(), cursor),
    async rename(id, title) {
      const result = await renameConversation(id, title);
      if (!result.ok) return (setError(result.message), false);
      setItems((all) => all.map((c) => (c.id === id ? result.data : c)));
      return true;
    },
    async remove(id) {
      const result = await deleteConversation(id);
      if (!result.ok) return (setError(result.message), false);
      setItems((all) => all.filter((c) => c.id !== id));
      return true;
    },
  };
}
