import { useState } from 'preact/hooks';
import type { DocumentsResponse } from '../../core/protocol.js';
import { documentTarget, type SourceTarget } from './target.js';

interface ListProps {
  data: DocumentsResponse;
  disabled: boolean;
  onOpen(target: SourceTarget, from: HTMLElement): void;
  onDelete(source: string): void;
}

/** Past this many documents the list gets a filter: Tab through hundreds of names is no way to find one. */
const FILTER_FROM = 12;

/**
 * The indexed documents (each opens whole in the viewer, and may be deleted) and the files that were
 * not indexed, with why: those whose conversion failed and those skipped before converting (too
 * large, a type never read), in one list by name, since to the reader both are files left out.
 */
export function DocumentList({ data, disabled, onOpen, onDelete }: ListProps) {
  const [filter, setFilter] = useState('');
  const all = [...data.documents].sort((a, b) => a.source.localeCompare(b.source));
  const notIndexed = [...data.failed, ...data.skipped].sort((a, b) => a.source.localeCompare(b.source));
  const wanted = filter.trim().toLowerCase();
  const documents = wanted ? all.filter((d) => d.source.toLowerCase().includes(wanted)) : all;
  return (
    <>
      {all.length === 0 && <p class="muted">No documents are indexed yet.</p>}
      {all.length >= FILTER_FROM && (
        <label class="doc-filter">
          <span class="visually-hidden">Filter documents by name</span>
          <input
            type="search"
            placeholder={`Filter ${all.length} documents`}
            value={filter}
            onInput={(e) => setFilter(e.currentTarget.value)}
          />
          {wanted && (
            <span class="muted small" role="status">
              {documents.length} of {all.length}
            </span>
          )}
        </label>
      )}
      <ul class="doc-list" aria-label="Indexed documents">
        {documents.map((d) => (
          <li key={d.source}>
            <button
              type="button"
              class="link-button doc-name"
              onClick={(e) => onOpen(documentTarget(d.source), e.currentTarget)}
            >
              {d.source}
            </button>
            <span class="muted small">
              {d.chunks} {d.chunks === 1 ? 'passage' : 'passages'}
            </span>
            {data.uploads && (
              <button
                type="button"
                class="button small"
                disabled={disabled}
                aria-label={`Delete ${d.source}`}
                onClick={() =>
                  window.confirm(`Delete ${d.source} from the documents folder? This cannot be undone.`) &&
                  onDelete(d.source)
                }
              >
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
      {notIndexed.length > 0 && (
        <>
          <h3 class="doc-failed-title">Not indexed</h3>
          <ul class="doc-list failed" aria-label="Files that could not be indexed">
            {notIndexed.map((f) => (
              <li key={f.source}>
                <span class="doc-name">{f.source}</span>
                <span class="muted small">{f.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
