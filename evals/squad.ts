import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod/v4';
import type { EvalItem } from './set.js';

const SquadSchema = z.object({
  version: z.string().optional(),
  data: z.array(
    z.object({
      title: z.string(),
      paragraphs: z.array(
        z.object({
          context: z.string(),
          qas: z.array(
            z.object({
              id: z.union([z.string(), z.number()]).transform(String),
              question: z.string(),
              answers: z.array(z.object({ text: z.string() })),
              is_impossible: z.boolean().optional(),
            }),
          ),
        }),
      ),
    }),
  ),
});

export interface SquadImport {
  /** Article titles in file order. */
  titles: string[];
  items: EvalItem[];
}

/** A title safe to use as a folder name. */
function folderName(title: string): string {
  return title.replace(/[^\p{L}\p{N}_.-]+/gu, '_');
}

/**
 * Turn SQuAD v1.1 or v2.0 JSON into a docs folder (one file per paragraph, `<title>/p<index>.txt`)
 * and evaluation items whose gold source is the question's paragraph. Tags: the article title and
 * `answerable` or `unanswerable`.
 */
export async function importSquad(json: unknown, docsDir: string): Promise<SquadImport> {
  const squad = SquadSchema.parse(json);
  const items: EvalItem[] = [];
  for (const article of squad.data) {
    const folder = folderName(article.title);
    await mkdir(path.join(docsDir, folder), { recursive: true });
    for (const [index, paragraph] of article.paragraphs.entries()) {
      const source = `${folder}/p${index}.txt`;
      await writeFile(path.join(docsDir, source), paragraph.context);
      for (const qa of paragraph.qas) {
        const answers = qa.is_impossible ? [] : [...new Set(qa.answers.map((a) => a.text))];
        items.push({
          id: qa.id,
          question: qa.question,
          answers,
          sources: [source],
          tags: [folder, answers.length > 0 ? 'answerable' : 'unanswerable'],
        });
      }
    }
  }
  return { titles: squad.data.map((a) => folderName(a.title)), items };
}
