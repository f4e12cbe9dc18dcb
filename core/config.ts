import path from 'node:path';
import { z } from 'zod/v4';
import { flag } from './flag.js';
import { ROOT } from './paths.js';
import { describeIssues } from './protocol.js';
import { checkModelSettings, MODEL_ENV } from './providers/settings.js';

/** A number setting; "abc" or "30s" says so instead of "expected number, received NaN". */
const number = () =>
  z.coerce.number({ error: (issue) => (issue.code === 'invalid_type' ? 'must be a number' : undefined) });

const ConfigSchema = z.object({
  /** Answerer and embedding model choice (ANSWER_MODE, LLM_*, EMBEDDINGS_*). */
  ...MODEL_ENV,
  PORT: number().int().min(0).max(65535).default(3000),
  /** This machine only, by default: without API_KEY anyone who can reach the port may ask, read the documents and (UPLOADS) upload and delete them. */
  HOST: z.string().default('127.0.0.1'),
  DOCS_DIR: z.string().default(path.join(ROOT, 'corpus')),
  INDEX_DIR: z.string().default(path.join(ROOT, '.index')),
  /** Where the conversation store's SQLite file is kept (unless DATABASE_URL names a PostgreSQL server). */
  DATA_DIR: z.string().default(path.join(ROOT, '.data')),
  /** A PostgreSQL connection string: conversations and feedback are stored there, shared by several replicas. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a PostgreSQL URL such as postgres://user:pass@host:5432/docqa')
    .optional(),
  RETRIEVAL_K: number().int().min(1).max(50).default(5),
  /** Who chooses the offline answer's phrase: the learned reader (default), or the older hand-weighted rules, kept to compare against. */
  READER: z.enum(['learned', 'rules']).default('learned'),
  HNSW_EF: number().int().min(10).max(2000).default(100),
  /** When set, every API route and the WebSocket require it; unset (the default) leaves them open. */
  API_KEY: z.string().min(8, 'API_KEY must be at least 8 characters').optional(),
  RATE_LIMIT_RPM: number().int().min(0).max(1_000_000).default(600),
  /**
   * Behind a reverse proxy, which hops to trust for the client's address (X-Forwarded-For), so rate
   * limits apply per client rather than to the proxy: a number of hops, or addresses/subnets such as
   * `loopback` or `10.0.0.0/8,127.0.0.1`. Unset: the connection's address, and the header is ignored.
   */
  TRUST_PROXY: z
    .string()
    .regex(
      /^(\d{1,2}|[\w.:/]+(,\s*[\w.:/]+)*)$/,
      'TRUST_PROXY must be a number of hops or a comma-separated list of addresses',
    )
    .optional(),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ error: 'CORS_ORIGINS must be a comma-separated list of origins like https://example.com' }))),
  /**
   * Host names (optionally `name:port`) this server answers for besides localhost, 127.0.0.1 and [::1].
   * On loopback the list is always enforced (a DNS-rebinding page sends its own name as Host); on other
   * interfaces only once it is set. `*` turns the check off.
   */
  ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^(\*|(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(:\d{1,5})?)$/,
            'ALLOWED_HOSTS must be a comma-separated list of host names, optionally with :port (e.g. docs.example.com,10.0.0.5:3000)',
          ),
      ),
    ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_QUESTIONS_PER_CONNECTION: number().int().min(1).max(100).default(4),
  /**
   * Seconds a WebSocket may go without a whole frame or an answer to the server's pings before it is
   * closed: a client stuck halfway through a frame, or gone without a goodbye, holds no socket for long.
   */
  WS_IDLE_TIMEOUT_S: number().positive().max(3600).default(60),
  /** Ingest limits: a bigger file, or one whose extracted text is longer, is skipped with the reason. */
  MAX_FILE_MB: number().positive().max(1024).default(20),
  MAX_TEXT_CHARS: number().int().min(1000).max(100_000_000).default(2_000_000),
  /** Seconds one file may take to convert before it is skipped (a pathological PDF must not stall a run). */
  FILE_TIMEOUT_S: number().positive().max(3600).default(30),
  CHUNK_SIZE: number().int().min(100).max(20_000).default(700),
  CHUNK_OVERLAP: number().int().min(0).max(10_000).default(120),
  /** 1: leave /metrics open when API_KEY is set (for a scraper inside a trusted network); 0: it needs the key too. */
  METRICS_PUBLIC: flag('METRICS_PUBLIC'),
  /** 1: watch the docs folder and re-index changes while serving. */
  WATCH: flag('WATCH'),
  /**
   * 1 (the default): POST and DELETE /api/documents add and remove documents (the server manages its
   * folder); 0: neither route is served and the chat page only lists the documents (read-only).
   */
  UPLOADS: flag('UPLOADS', true),
  /**
   * Server processes answering on the port (node:cluster), each over the same read-only index: `auto`
   * is one per core. Default 1: one process, as before (each process holds its own copy of the index).
   */
  WORKERS: z
    .union([z.literal('auto'), number().int().min(1).max(64)], {
      error: 'WORKERS must be auto or a number from 1 to 64',
    })
    .default(1),
});

/** Every setting's environment variable (each is also a flag: core/setting-flags.ts). */
export const SETTING_NAMES = Object.keys(ConfigSchema.shape);

export type Config = z.infer<typeof ConfigSchema> & { docsDir: string; indexDir: string; dataDir: string };

export class ConfigError extends Error {}

/** Read settings from the environment once, at start-up; a bad value stops with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeIssues(parsed.error)}`);
  const c = parsed.data;
  if (c.CHUNK_OVERLAP >= c.CHUNK_SIZE)
    throw new ConfigError('Invalid configuration: CHUNK_OVERLAP must be smaller than CHUNK_SIZE');
  const modelProblem = checkModelSettings(c);
  if (modelProblem) throw new ConfigError(`Invalid configuration: ${modelProblem}`);
  return {
    ...c,
    docsDir: path.resolve(c.DOCS_DIR),
    indexDir: path.resolve(c.INDEX_DIR),
    dataDir: path.resolve(c.DATA_DIR),
  };
}
