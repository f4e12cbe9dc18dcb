import { ConversationSchema, isPending, type Message } from './model.js';

const KEY = 'docqa.conversation.v1';

export interface SavedConversation {
  conversationId?: string | undefined;
  messages: Message[];
}

/** The saved conversation; anything unreadable counts as none. Answers cut off by the reload are marked so. */
export function loadConversation(): SavedConversation {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return { messages: [] };
    const parsed = ConversationSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return { messages: [] };
    return {
      conversationId: parsed.data.conversationId,
      messages: parsed.data.messages.map((m) => (isPending(m) ? { ...m, status: 'interrupted' as const } : m)),
    };
  } catch {
    return { messages: [] };
  }
}

/** Save, dropping the oldest turns if the browser's quota is exceeded. */
export function saveConversation(messages: readonly Message[], conversationId?: string): void {
  let keep = [...messages];
  while (true) {
    try {
      if (keep.length === 0 && !conversationId) localStorage.removeItem(KEY);
      else
        localStorage.setItem(
          KEY,
          JSON.stringify({ version: 1, ...(conversationId ? { conversationId } : {}), messages: keep }),
        );
      return;
    } catch {
      if (keep.length === 0) return;
      keep = keep.slice(1);
    }
  }
}

export function clearConversation(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* storage unavailable: nothing to clear */
  }
}
