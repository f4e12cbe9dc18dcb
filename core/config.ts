import path from 'node:path';
import { z } from 'zod/v4';
import { describeIssues } from './protocol.js';

const ROOT = path.resolve(import.meta.dirname, '..');

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DOCS_DIR: z.string().default(path.join(ROOT, 'corpus')),
  INDEX_DIR: z.string().default(path.join(ROOT, '.index')),
  RETRIEVAL_K: z.coerce.number().int().min(1).max(50).default(5),
  HNSW_EF: z.coerce.number().int().min(10).max(2000).default(100),
});

export type Config = z.infer<typeof ConfigSchema> & { docsDir: string; indexDir: string };

export class ConfigError extends Error {}

/** Read settings from the environment once, at start-up; a bad value stops with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeIssues(parsed.error)}`);
  const c = parsed.data;
  return { ...c, docsDir: path.resolve(c.DOCS_DIR), indexDir: path.resolve(c.INDEX_DIR) };
}
