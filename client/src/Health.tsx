import { useEffect, useState } from 'preact/hooks';
import { HealthResponseSchema } from '../../core/protocol.js';
import { apiFetch } from './api.js';

/** "2 documents · 14 passages indexed", from GET /api/health; nothing when it is unavailable. */
export function IndexSummary({ refreshKey }: { refreshKey: unknown }) {
  const [counts, setCounts] = useState<{ files: number; chunks: number } | undefined>();
  useEffect(() => {
    let live = true;
    apiFetch('/api/health')
      .then((r) => (r.ok ? r.json() : undefined))
      .then((body: unknown) => {
        const parsed = HealthResponseSchema.safeParse(body);
        if (live) setCounts(parsed.success ? parsed.data.index : undefined);
      })
      .catch(() => live && setCounts(undefined));
    return () => {
      live = false;
    };
  }, [refreshKey]);
  if (!counts) return null;
  if (counts.files === 0) return <p class="muted">No documents are indexed yet: add some under Documents, or put files in the documents folder.</p>;
  return (
    <p class="muted">
      {counts.files} {counts.files === 1 ? 'document' : 'documents'} · {counts.chunks} passages indexed
    </p>
  );
}
