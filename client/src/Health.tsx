import { useEffect, useState } from 'preact/hooks';
import { HealthResponseSchema } from '../../core/protocol.js';
import { apiFetch } from './api.js';
import { listDocuments } from './documents.js';

interface Summary {
  files: number;
  chunks: number;
  /** Over an empty index only: whether GET /api/documents says the server takes uploads (undefined: it could not be read). */
  uploads?: boolean;
}

/** "2 documents · 14 passages indexed", from GET /api/health; nothing when it is unavailable. */
export function IndexSummary({ refreshKey }: { refreshKey: unknown }) {
  const [summary, setSummary] = useState<Summary | undefined>();
  useEffect(() => {
    let live = true;
    apiFetch('/api/health')
      .then((r) => (r.ok ? r.json() : undefined))
      .then(async (body: unknown): Promise<Summary | undefined> => {
        const parsed = HealthResponseSchema.safeParse(body);
        if (!parsed.success) return undefined;
        const { files, chunks } = parsed.data.index;
        if (files > 0) return { files, chunks };
        // The hint for an empty index depends on whether the Documents panel can add files.
        const documents = await listDocuments();
        return { files, chunks, uploads: documents.ok ? documents.data.uploads : undefined };
      })
      .then((s) => live && setSummary(s))
      .catch(() => live && setSummary(undefined));
    return () => {
      live = false;
    };
  }, [refreshKey]);
  if (!summary) return null;
  if (summary.files === 0) return <p class="muted">{emptyHint(summary.uploads)}</p>;
  return (
    <p class="muted">
      {summary.files} {summary.files === 1 ? 'document' : 'documents'} · {summary.chunks} passages indexed
    </p>
  );
}

function emptyHint(uploads: boolean | undefined): string {
  if (uploads === true)
    return 'No documents are indexed yet: add some under Documents, or put files in the documents folder.';
  // UPLOADS=0: the panel has no add control, so name what the operator does instead (README, Upload and delete).
  if (uploads === false)
    return 'No documents are indexed yet. This server does not take uploads: whoever runs it puts files in its documents folder and runs npm run ingest.';
  return 'No documents are indexed yet.';
}
