import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationSummary } from '../../core/conversations/schemas.js';
import { Trash } from './icons.js';
import type { ConversationListState } from './useConversationList.js';

interface Props {
  list: ConversationListState;
  currentId: string | undefined;
  /** Folded away (on a phone, until the header's Conversations button opens it). */
  open: boolean;
  onOpen(id: string): void;
  /** The open conversation was deleted. */
  onDeletedCurrent(): void;
  onClose(): void;
}

/** The side bar: the stored conversations, newest first, searchable by title, each renamable and deletable. */
export function ConversationList({ list, currentId, open, onOpen, onDeletedCurrent, onClose }: Props) {
  return (
    <nav
      id="conversations"
      class={open ? 'sidebar open' : 'sidebar'}
      aria-label="Conversations"
      onKeyDown={(e) => e.key === 'Escape' && open && onClose()}
    >
      <div class="sidebar-head">
        <h2>Conversations</h2>
        <button type="button" class="icon-button sidebar-close" aria-label="Close conversations" onClick={onClose}>
          ✕
        </button>
        <label for="conversation-search" class="visually-hidden">
          Search conversations
        </label>
        <input
          id="conversation-search"
          type="search"
          placeholder="Search by title"
          value={list.query}
          onInput={(e) => list.setQuery(e.currentTarget.value)}
        />
      </div>
      {list.error && (
        <p class="sidebar-error" role="alert">
          {list.error}
        </p>
      )}
      {list.items.length === 0 ? (
        <p class="sidebar-empty">{list.query ? 'No conversation has that in its title.' : 'No conversations yet.'}</p>
      ) : (
        <ul class="conversation-list">
          {list.items.map((c) => (
            <ConversationItem
              key={c.id}
              conversation={c}
              current={c.id === currentId}
              onOpen={() => onOpen(c.id)}
              onRename={(title) => list.rename(c.id, title)}
              onDelete={async () => {
                if ((await list.remove(c.id)) && c.id === currentId) onDeletedCurrent();
              }}
            />
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" class="link-button more-conversations" onClick={list.more}>
          Show older conversations
        </button>
      )}
    </nav>
  );
}

interface ItemProps {
  conversation: ConversationSummary;
  current: boolean;
  onOpen(): void;
  onRename(title: string): Promise<boolean>;
  onDelete(): Promise<void>;
}

function ConversationItem({ conversation, current, onOpen, onRename, onDelete }: ItemProps) {
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm'>('view');
  const [title, setTitle] = useState(conversation.title);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (mode === 'rename') input.current?.select();
  }, [mode]);

  if (mode === 'rename')
    return (
      <li class="conversation renaming">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const next = title.trim();
            if (!next || next === conversation.title) return setMode('view');
            void onRename(next).then((ok) => ok && setMode('view'));
          }}
        >
          <label class="visually-hidden" for={`rename-${conversation.id}`}>
            New title
          </label>
          <input
            id={`rename-${conversation.id}`}
            ref={input}
            value={title}
            maxLength={200}
            onInput={(e) => setTitle(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return;
              e.stopPropagation();
              setTitle(conversation.title);
              setMode('view');
            }}
          />
          <button type="submit" class="button small">
            Save
          </button>
        </form>
      </li>
    );
  return (
    <li class={current ? 'conversation current' : 'conversation'}>
      <button
        type="button"
        class="conversation-open"
        aria-current={current ? 'true' : undefined}
        title={conversation.title}
        onClick={onOpen}
      >
        {conversation.title}
      </button>
      {mode === 'confirm' ? (
        <span class="conversation-confirm" role="group" aria-label={`Delete “${conversation.title}”?`}>
          <button type="button" class="button small danger" onClick={() => void onDelete()}>
            Delete
          </button>
          <button type="button" class="button small" onClick={() => setMode('view')}>
            Keep
          </button>
        </span>
      ) : (
        <span class="conversation-actions">
          <button
            type="button"
            class="icon-button"
            aria-label={`Rename “${conversation.title}”`}
            title="Rename"
            onClick={() => {
              setTitle(conversation.title);
              setMode('rename');
            }}
          >
            ✎
          </button>
          <button
            type="button"
            class="icon-button"
            aria-label={`Delete “${conversation.title}”`}
            title="Delete"
            onClick={() => setMode('confirm')}
          >
            <Trash />
          </button>
        </span>
      )}
    </li>
  );
}
