import { readFile } from 'node:fs/promises';
import { z } from 'zod/v4';
import { describeIssues } from '../core/protocol.js';

/** A gold source: a file relative to the docs folder, optionally narrowed to a line range. */
export const GoldSourceSchema = z
  .union([
    z.string().min(1),
    z.object({
      file: z.string().min(1),
      startLine: z.number().int().positive().optional(),
      endLine: z.number().int().positive().optional(),
    }),
  ])
  .refine(
    (s) => typeof s === 'string' || s.startLine === undefined || s.endLine === undefined || s.startLine <= s.endLine,
    { message: 'startLine is after endLine' },
  );

/** One line of an evaluation set. An empty `answers` list means the documents cannot answer it. */
export const EvalItemSchema = z.object({
  id: z.string().optional(),
  question: z.string().min(1),
  answers: z.array(z.string()),
  sources: z.array(GoldSourceSchema),
  tags: z.array(z.string()).optional(),
});
export type EvalItem = z.infer<typeof EvalItemSchema>;

export function goldFile(source: z.infer<typeof GoldSourceSchema>): string {
  return typeof source === 'string' ? source : source.file;
}

export class EvalSetError extends Error {}

/**
 * Parse a JSONL evaluation set; the first bad line is reported with its number. A set with no
 * questions, or two with one id, is refused: either would make a report that measures nothing.
 */
export function parseEvalSet(text: string, name = 'set'): EvalItem[] {
  const items: EvalItem[] = [];
  const lineOfId = new Map<string, number>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new EvalSetError(`${name}:${i + 1}: not valid JSON`);
    }
    const parsed = EvalItemSchema.safeParse(json);
    if (!parsed.success) throw new EvalSetError(`${name}:${i + 1}: ${describeIssues(parsed.error)}`);
    const id = parsed.data.id ?? String(i + 1);
    if (lineOfId.has(id))
      throw new EvalSetError(`${name}:${i + 1}: id "${id}" is already used on line ${lineOfId.get(id)}`);
    lineOfId.set(id, i + 1);
    items.push({ ...parsed.data, id });
  });
  if (items.length === 0) throw new EvalSetError(`${name}: no questions (one JSON object per line)`);
  return items;
}

export async function readEvalSet(file: string): Promise<EvalItem[]> {
  return parseEvalSet(await readFile(file, 'utf8'), file);
}
