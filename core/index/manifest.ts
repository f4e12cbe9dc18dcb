import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { z } from 'zod/v4';

/**
 * 3: as 2, but a generation's chunks may be an earlier generation's chunks.bin and chunks-added.bin
 * beside it (core/index/chunk-delta.ts); a format-2 reader would read the base file alone, so the
 * number changed and such a reader refuses the index instead. 2: binary chunks (chunks.bin), postings
 * (lexical.bin) and a vector label table (vectors/labels.bin) instead of JSON; 1: JSON throughout.
 * All three load.
 */
export const INDEX_FORMAT = 3;

const FileEntrySchema = z.object({
  hash: z.string(),
  chunks: z.number(),
  /**
   * The file's stat when its bytes were hashed, kept only when its last change was well before
   * that run began: the next run takes the same size, times and inode for the same bytes and
   * does not read the file again (ingest/read-files.ts). Absent: the file is read and hashed.
   */
  stat: z.object({ size: z.number(), mtimeMs: z.number(), ctimeMs: z.number(), ino: z.number() }).optional(),
});

export const ManifestSchema = z.object({
  format: z.union([z.literal(1), z.literal(2), z.literal(INDEX_FORMAT)]),
  createdAt: z.string(),
  embedder: z.object({ provider: z.string(), model: z.string(), settings: z.record(z.string(), z.unknown()) }),
  chunking: z.object({ chunkSize: z.number(), chunkOverlap: z.number() }),
  /** Version of the text extraction and chunking rules; an index built by older rules is rebuilt, not reused. */
  extraction: z.number().optional(),
  files: z.record(z.string(), FileEntrySchema),
  /**
   * Files whose conversion failed, with the bytes' hash and the limits it failed under: the same
   * bytes under the same limits are not converted again (a file that timed out would cost its
   * whole time budget on every run).
   */
  failed: z.record(z.string(), z.object({ hash: z.string(), reason: z.string(), limits: z.string() })).optional(),
  /**
   * Files skipped without a conversion failure to remember, with the reason: over the size limit,
   * of an unsupported type, a name or link the walk refuses, unreadable, or a converter that
   * crashed (tried again next run). With `failed`, every file the ingest saw and did not index, so
   * the server can say why without running an ingest. Absent in indexes written before it existed.
   */
  skipped: z.record(z.string(), z.object({ reason: z.string() })).optional(),
  counts: z.object({ files: z.number(), chunks: z.number(), dimensions: z.number() }),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** File entries checked per step of parseManifestInSteps (a thousand took 5 ms of CPU at 100k). */
const FILES_PER_STEP = 500;

/**
 * ManifestSchema.parse for a caller whose event loop must stay free (a server loading a generation):
 * the file entries, one per document (7,587 at 100k synthetic chunks, 30-50 ms of zod in one go),
 * are checked a thousand at a time with a turn of the event loop between. The same object results.
 */
export async function parseManifestInSteps(json: unknown): Promise<Manifest> {
  // Not in the turn that parsed the JSON (8-10 ms at 100k), nor the head in the first files' turn.
  await yieldToLoop();
  const head = ManifestSchema.extend({ files: z.record(z.string(), z.unknown()) }).parse(json);
  await yieldToLoop();
  const files: Manifest['files'] = {};
  let checked = 0;
  for (const [source, entry] of Object.entries(head.files)) {
    files[source] = FileEntrySchema.parse(entry);
    if (++checked % FILES_PER_STEP === 0) await yieldToLoop();
  }
  return { ...head, files };
}
