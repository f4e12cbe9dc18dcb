import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Composer } from './Composer.js';
import { ConversationList } from './ConversationList.js';
import { fetchTitles } from './conversations.js';
import type { Titles } from './Evidence.js';
import { DocumentsPanel } from './DocumentsPanel.js';
import { IndexSummary } from './Health.js';
import { KeyForm } from './KeyForm.js';
import { MessageView } from './MessageView.js';
import { isPending } from './model.js';
import { SourcePanel } from './SourcePanel.js';
import { Status } from './Status.js';
import { Suggestions } from './Suggestions.js';
import type { SourceTarget } from './target.js';
import { useChat } from './useChat.js';
import { useConversationList } from './useConversationList.js';

/** Wide enough for the conversation list beside the conversation; narrower, it folds away over it. */
const WIDE = '(min-width: 48.01rem)';
const isWide = () => typeof matchMedia === 'function' && matchMedia(WIDE).matches;

/** The documents' titles (for citation chips), read once connected and again when the index changes. */
function useTitles(enabled: boolean, refreshKey: unknown): Titles {
  const [titles, setTitles] = useState<Titles>({});
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void fetchTitles().then((r) => live && r.ok && setTitles(r.data.titles));
    return () => {
      live = false;
    };
  }, [enabled, refreshKey]);
  return titles;
}

/** The chat page: header with connection status, the conversation, the message box, the source panel. */
export function App() {
  const chat = useChat();
  const [panel, setPanel] = useState<SourceTarget | undefined>();
  // The documents list stays open under a document opened from it; closing that returns to the list.
  const [documents, setDocuments] = useState(false);
  const [indexChanges, setIndexChanges] = useState(0);
  const opener = useRef<HTMLElement | null>(null);
  const documentsButton = useRef<HTMLButtonElement>(null);
  /** Where focus goes once the source panel is gone (its opener may sit in the documents list, hidden until then). */
  const refocus = useRef<HTMLElement | null>(null);
  const log = useRef<HTMLElement>(null);
  const stick = useRef(true);
  const pending = [...chat.messages].reverse().find(isPending);
  const connected = chat.connection.state === 'open';
  const locked = chat.connection.state === 'locked' ? chat.connection : undefined;
  const [sidebar, setSidebar] = useState(isWide);
  const list = useConversationList(connected, `${chat.storedVersion}:${chat.conversationId}`);
  const titles = useTitles(connected, indexChanges);
  const last = chat.messages.at(-1);

  useLayoutEffect(() => {
    if (stick.current && log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [chat.messages]);

  const open = (target: SourceTarget, from: HTMLElement) => {
    opener.current = from;
    setPanel(target);
  };
  const close = () => {
    refocus.current = opener.current;
    setPanel(undefined);
  };
  useLayoutEffect(() => {
    if (panel || !refocus.current) return;
    refocus.current.focus();
    refocus.current = null;
  }, [panel]);
  const closeDocuments = () => {
    setDocuments(false);
    documentsButton.current?.focus();
  };

  const side = locked ? undefined : panel ? 'source' : documents ? 'documents' : undefined;
  const showSidebar = sidebar && !locked;
  const newConversation = () => {
    chat.reset();
    setPanel(undefined);
    document.getElementById('question')?.focus();
  };
  return (
    <div class={`app${side ? ' with-panel' : ''}${showSidebar ? ' with-sidebar' : ''}`}>
      <header class="topbar">
        <button
          type="button"
          class="icon-button sidebar-toggle"
          aria-label="Conversations"
          aria-expanded={showSidebar}
          aria-controls="conversations"
          disabled={locked !== undefined}
          onClick={() => setSidebar(!sidebar)}
        >
          ☰
        </button>
        <h1>Ask the documents</h1>
        <Status connection={chat.connection} onRetry={chat.retryNow} />
        <button
          type="button"
          class="button small"
          aria-label="New conversation"
          disabled={chat.messages.length === 0 && !chat.conversationId}
          onClick={newConversation}
        >
          <span class="label-long">New conversation</span>
          <span class="label-short" aria-hidden="true">
            New
          </span>
        </button>
        <button
          type="button"
          class="button small"
          ref={documentsButton}
          // Locked, the list cannot be read; a click would only open a panel that shows after the key.
          disabled={locked !== undefined}
          aria-pressed={side === 'documents'}
          onClick={() => {
            // With a document open over the list, the button brings the list back rather than closing both.
            setDocuments(side !== 'documents');
            setPanel(undefined);
          }}
        >
          Documents
        </button>
        {chat.hasKey && (
          <button type="button" class="button small" onClick={chat.forgetKey}>
            Forget key
          </button>
        )}
      </header>
      {showSidebar && (
        <ConversationList
          list={list}
          currentId={chat.conversationId}
          open={showSidebar}
          onOpen={(id) => {
            setPanel(undefined);
            if (!isWide()) setSidebar(false);
            void chat.open(id);
          }}
          onDeletedCurrent={newConversation}
          onClose={() => setSidebar(false)}
        />
      )}
      <div class="chat">
        <main
          class="log"
          ref={log}
          tabIndex={-1}
          aria-label="Conversation"
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
          }}
        >
          {chat.notice && (
            <div class="notice" role="alert">
              <span>{chat.notice}</span>
              <button type="button" class="link-button" onClick={chat.dismissNotice}>
                Dismiss
              </button>
            </div>
          )}
          {locked ? (
            <KeyForm refused={locked.refused} onSubmit={chat.submitKey} />
          ) : chat.messages.length === 0 ? (
            <div class="empty">
              <h2>Ask a question about the documents</h2>
              <p>Every answer cites the lines it rests on; click a citation to read it in its file.</p>
              <IndexSummary refreshKey={`${connected}:${indexChanges}`} />
              <Suggestions enabled={connected} refreshKey={indexChanges} onAsk={chat.ask} />
            </div>
          ) : (
            <ol class="turns">
              {chat.messages.map((m) => (
                <MessageView
                  key={m.id}
                  message={m}
                  titles={titles}
                  last={m === last}
                  onOpen={open}
                  onRetry={chat.retry}
                  onStop={chat.stop}
                  onRegenerate={chat.regenerate}
                  onEdit={chat.edit}
                  onFeedback={chat.noteFeedback}
                />
              ))}
            </ol>
          )}
        </main>
        <Composer connected={connected} pendingId={pending?.id} onAsk={chat.ask} onStop={chat.stop} />
      </div>
      {side === 'source' && panel && <SourcePanel target={panel} onClose={close} />}
      {/* Kept mounted under a document opened from it: its scroll position, the button that opened the
          document (focus returns there) and any uploads still running survive the visit. */}
      {documents && !locked && (
        <DocumentsPanel
          hidden={side !== 'documents'}
          connected={connected}
          onOpen={open}
          onClose={closeDocuments}
          onChanged={() => setIndexChanges((n) => n + 1)}
        />
      )}
      <div class="visually-hidden" aria-live="polite" aria-atomic="true" id="announcer">
        {chat.announcement}
      </div>
    </div>
  );
}
