import { useEffect, useRef, useState } from 'preact/hooks';
import type { DocumentsResponse } from '../../core/protocol.js';
import type { ApiResult } from './api.js';
import { deleteDocument, listDocuments, uploadDocument } from './documents.js';
import { SidePanel } from './SidePanel.js';
import type { SourceTarget } from './target.js';
import { DocumentList } from './DocumentList.js';

interface Props {
  /** Hidden, not unmounted, while a document opened from the list is shown. */
  hidden: boolean;
  /** The page's connection is open: the list is read again each time it reopens (a restarted server may have re-indexed). */
  connected: boolean;
  onOpen(target: SourceTarget, from: HTMLElement): void;
  onClose(): void;
  /** Told after an upload or deletion changed the index, so counts elsewhere refresh. */
  onChanged(): void;
}

/** One line of what the panel did: "Added notes.md", or why it could not. */
interface Outcome {
  text: string;
  failed: boolean;
}

/** An upload or a deletion waiting its turn. */
interface Job {
  /** Shown while it runs. */
  what: string;
  run(): Promise<Outcome>;
}

/**
 * The side panel listing the indexed documents (each opens in the source viewer), the files that
 * were not indexed (failed to convert, or skipped before converting) and why, and, when the server manages its folder, upload and delete.
 */
export function DocumentsPanel({ hidden, connected, onOpen, onClose, onChanged }: Props) {
  const [list, setList] = useState<ApiResult<DocumentsResponse> | undefined>();
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [working, setWorking] = useState<string | undefined>();
  /** Bumped to put focus back on the panel's title (SidePanel's focusKey). */
  const [refocus, setRefocus] = useState(0);
  const refresh = () => listDocuments().then(setList);

  // Read at once (the HTTP API may answer before the socket opens) and again on every reconnect, which
  // also replaces "could not be reached" once the server is back.
  useEffect(() => void refresh(), []);
  useEffect(() => void (connected && list && refresh()), [connected]);

  // One change at a time: the server indexes each before answering, and the list is re-read after each.
  // Files chosen or dropped while others are being added wait their turn instead of being ignored.
  const queue = useRef<Job[]>([]);
  const running = useRef(false);
  const enqueue = async (jobs: Job[]) => {
    queue.current.push(...jobs);
    if (running.current) return;
    running.current = true;
    // Every outcome of a batch stays listed (a failure among many files must not scroll out); the next batch starts afresh.
    setOutcomes([]);
    for (let job = queue.current.shift(); job; job = queue.current.shift()) {
      const waiting = queue.current.length;
      setWorking(waiting ? `${job.what} (${waiting} more waiting)` : job.what);
      const outcome = await job.run();
      // Said once the list shows it: "Deleted x" while x is still listed reads as a failure.
      await refresh();
      setOutcomes((o) => [outcome, ...o]);
      onChanged();
    }
    setWorking(undefined);
    running.current = false;
  };
  const add = (files: File[]) =>
    enqueue(
      files.map((file) => ({
        what: `Adding ${file.name}… (converted and indexed before it is listed)`,
        run: async () => {
          const r = await uploadDocument(file);
          return r.ok
            ? { text: `${r.data.replaced ? 'Replaced' : 'Added'} ${r.data.source}.`, failed: false }
            : { text: r.message, failed: true };
        },
      })),
    );
  const remove = (source: string) =>
    enqueue([
      {
        what: `Deleting ${source}…`,
        run: async () => {
          const r = await deleteDocument(source);
          // The Delete button was disabled while it ran and is gone with its row: keyboard focus fell to
          // the page, so it comes back to the panel's title rather than the top of the page.
          if (document.activeElement === document.body) setRefocus((n) => n + 1);
          return r.ok ? { text: `Deleted ${r.data.source}.`, failed: false } : { text: r.message, failed: true };
        },
      },
    ]);

  const data = list?.ok ? list.data : undefined;
  return (
    <SidePanel
      titleId="documents-title"
      title="Documents"
      meta={data && <p class="panel-meta">{summary(data)}</p>}
      closeLabel="Close documents panel"
      class="documents-panel"
      hidden={hidden}
      focusKey={refocus}
      onClose={onClose}
    >
      {!list && <p class="muted">Loading the documents…</p>}
      {list && !list.ok && (
        <p class="error" role="alert">
          {list.message}
        </p>
      )}
      {data?.uploads && <AddFiles onFiles={(files) => void add(files)} />}
      <div role="status" aria-live="polite" class="doc-outcomes">
        {working && <p class="muted">{working}</p>}
        {outcomes.map((o, i) => (
          <p key={i} class={o.failed ? 'error' : 'ok'}>
            {o.text}
          </p>
        ))}
      </div>
      {data && (
        <DocumentList data={data} disabled={working !== undefined} onOpen={onOpen} onDelete={(s) => void remove(s)} />
      )}
    </SidePanel>
  );
}

function summary({ documents }: DocumentsResponse): string {
  const passages = documents.reduce((n, d) => n + d.chunks, 0);
  return `${documents.length} indexed ${documents.length === 1 ? 'document' : 'documents'} · ${passages} passages`;
}

/**
 * A file picker that also takes files dropped on it. Never disabled: files added during an upload are
 * queued, and a focused picker that became disabled would drop keyboard focus to the page.
 */
function AddFiles({ onFiles }: { onFiles(files: File[]): void }) {
  const [over, setOver] = useState(false);
  return (
    <label
      class={over ? 'dropzone over' : 'dropzone'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (e.dataTransfer?.files.length) onFiles(Array.from(e.dataTransfer.files));
      }}
    >
      <input
        type="file"
        multiple
        class="visually-hidden"
        onChange={(e) => {
          const input = e.currentTarget;
          if (input.files?.length) onFiles(Array.from(input.files));
          input.value = '';
        }}
      />
      <span>
        Drop files here or <span class="link-like">choose files</span> to add them
      </span>
      <span class="muted small">Text, Markdown, PDF, Word, HTML, CSV and JSON</span>
    </label>
  );
}
