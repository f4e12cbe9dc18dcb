/**
 * One way to name a setting: every environment variable of the configuration (core/config.ts) can
 * also be given as a command-line flag of the same name in lower case with dashes, for the server,
 * ingest and eval alike: DOCS_DIR is --docs-dir, CHUNK_SIZE is --chunk-size, LLM_MODEL is --llm-model.
 * A flag wins over the variable. On/off settings take --watch (on), --no-watch (off) or --watch=0.
 */

/** What --help says about each setting: the value's placeholder and one line (docs/configuration.md has more). */
export const SETTINGS: Record<string, { value: string; help: string }> = {
  DOCS_DIR: { value: '<dir>', help: 'the documents folder (default corpus/)' },
  INDEX_DIR: { value: '<dir>', help: 'where the index is kept (default .index/)' },
  DATA_DIR: { value: '<dir>', help: 'where conversations and feedback are kept, in SQLite (default .data/)' },
  DATABASE_URL: { value: '<url>', help: 'keep conversations and feedback in this PostgreSQL database instead' },
  PORT: { value: '<port>', help: 'HTTP and WebSocket port (default 3000)' },
  HOST: { value: '<address>', help: 'interface to listen on (default 127.0.0.1; 0.0.0.0 for all, with API_KEY)' },
  API_KEY: { value: '<key>', help: 'require this key on the API and WebSocket (8+ characters; default open)' },
  UPLOADS: { value: '[0|1]', help: 'add and delete documents from the chat page and API (default 1)' },
  WATCH: { value: '[0|1]', help: 'watch the documents folder and re-index changes (default 0)' },
  WORKERS: { value: '<n|auto>', help: 'server processes answering on the port; auto: one per core (default 1)' },
  RETRIEVAL_K: { value: '<n>', help: 'passages retrieved per question (default 5)' },
  READER: {
    value: '<reader>',
    help: 'learned (default: trained models choose the offline answer) or rules (the older hand-weighted choice)',
  },
  HNSW_EF: { value: '<n>', help: 'hnswlib search breadth (default 100)' },
  RATE_LIMIT_RPM: { value: '<n>', help: 'requests per client per minute, 0 for no limit (default 600)' },
  TRUST_PROXY: { value: '<hops|addresses>', help: 'which proxies to believe X-Forwarded-For from (default none)' },
  CORS_ORIGINS: { value: '<origins>', help: 'comma-separated origins allowed to call the API (default same origin)' },
  ALLOWED_HOSTS: { value: '<hosts>', help: 'host names answered for besides localhost (comma-separated)' },
  LOG_LEVEL: { value: '<level>', help: 'fatal, error, warn, info (default), debug, trace or silent' },
  METRICS_PUBLIC: { value: '[0|1]', help: 'leave /metrics open when API_KEY is set (default 0)' },
  MAX_QUESTIONS_PER_CONNECTION: { value: '<n>', help: 'questions running at once on one WebSocket (default 4)' },
  WS_IDLE_TIMEOUT_S: { value: '<s>', help: 'close a WebSocket silent this long (default 60)' },
  MAX_FILE_MB: { value: '<MB>', help: 'skip larger documents; also the upload limit (default 20)' },
  MAX_TEXT_CHARS: { value: '<n>', help: 'skip documents whose text is longer (default 2000000)' },
  FILE_TIMEOUT_S: { value: '<s>', help: 'skip a document that takes longer to convert (default 30)' },
  CHUNK_SIZE: { value: '<chars>', help: 'characters per chunk (default 700; changing it rebuilds the index)' },
  CHUNK_OVERLAP: { value: '<chars>', help: 'characters carried over between chunks (default 120)' },
  ANSWER_MODE: { value: '<mode>', help: 'extractive (default, offline) or llm' },
  LLM_PROVIDER: { value: '<provider>', help: 'openai (any OpenAI-compatible server, default) or ollama' },
  LLM_BASE_URL: { value: '<url>', help: "the model server's address" },
  LLM_MODEL: { value: '<name>', help: 'the model name (required with --answer-mode llm)' },
  LLM_API_KEY: { value: '<key>', help: "the model server's key" },
  LLM_TIMEOUT_MS: { value: '<ms>', help: 'longest wait for a token (default 30000)' },
  LLM_FALLBACK: { value: '[0|1]', help: 'answer extractively when the model fails (default 1)' },
  EMBEDDINGS_PROVIDER: { value: '<provider>', help: 'local (default, offline), openai or ollama' },
  EMBEDDINGS_BASE_URL: { value: '<url>', help: "the embedding model's server" },
  EMBEDDINGS_MODEL: { value: '<name>', help: 'the embedding model (required unless local)' },
  EMBEDDINGS_API_KEY: { value: '<key>', help: "the embedding server's key (default LLM_API_KEY)" },
};

const ON_OFF = /^(0|1|true|false|on|off)$/i;

/** The flag for an environment variable: DOCS_DIR → --docs-dir. */
export const flagOf = (env: string): string => `--${env.toLowerCase().replace(/_/g, '-')}`;

export class FlagError extends Error {}

export interface SettingFlags {
  /** The settings given as flags, as environment variables (to lay over process.env). */
  env: Record<string, string>;
  /** The arguments that were no setting, in order, for the command's own parser. */
  rest: string[];
  help: boolean;
}

/**
 * Take the setting flags out of `argv`. `names` are the settings this command reads; `aliases` maps
 * older flag names to a setting (`--docs` → DOCS_DIR). Anything else is left in `rest`.
 */
export function readSettingFlags(
  argv: string[],
  names: readonly string[],
  aliases: Record<string, string> = {},
): SettingFlags {
  const byFlag = new Map<string, string>([...names.map((n) => [flagOf(n), n] as const), ...Object.entries(aliases)]);
  const env: Record<string, string> = {};
  const rest: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const negated = flag.startsWith('--no-') ? byFlag.get(`--${flag.slice(5)}`) : undefined;
    if (negated && isOnOff(negated) && inline === undefined) {
      env[negated] = '0';
      continue;
    }
    const name = byFlag.get(flag);
    if (!name) {
      rest.push(arg);
      continue;
    }
    if (inline !== undefined) env[name] = inline;
    else if (isOnOff(name)) {
      // An on/off setting takes its value only when one follows: `--watch` alone turns it on.
      const next = argv[i + 1];
      env[name] = next !== undefined && ON_OFF.test(next) ? (i++, next) : '1';
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2))
        throw new FlagError(`${flag} needs a value: ${flag} ${SETTINGS[name]?.value ?? '<value>'}`);
      env[name] = next;
      i++;
    }
  }
  return { env, rest, help };
}

function isOnOff(name: string): boolean {
  return SETTINGS[name]?.value === '[0|1]';
}

/** The settings part of a command's --help: each flag, its variable, and what it does. */
export function settingsHelp(names: readonly string[]): string {
  const rows = names.map((n) => [`${flagOf(n)} ${SETTINGS[n]?.value ?? '<value>'}`, n, SETTINGS[n]?.help ?? '']);
  const w0 = Math.max(...rows.map((r) => r[0]!.length));
  const w1 = Math.max(...rows.map((r) => r[1]!.length));
  return [
    'Settings (each also an environment variable; a flag wins; all in docs/configuration.md):',
    ...rows.map(([f, n, h]) => `  ${f!.padEnd(w0)}  ${n!.padEnd(w1)}  ${h}`),
  ].join('\n');
}

/** The settings ingest reads: the folders, the limits and chunking, and the embedding model. */
export const INGEST_SETTINGS = [
  'DOCS_DIR',
  'INDEX_DIR',
  'CHUNK_SIZE',
  'CHUNK_OVERLAP',
  'MAX_FILE_MB',
  'MAX_TEXT_CHARS',
  'FILE_TIMEOUT_S',
  'EMBEDDINGS_PROVIDER',
  'EMBEDDINGS_BASE_URL',
  'EMBEDDINGS_MODEL',
  'EMBEDDINGS_API_KEY',
] as const;

/** The settings an evaluation reads besides ingest's: retrieval and the answering model. */
export const EVAL_SETTINGS = [
  ...INGEST_SETTINGS,
  'RETRIEVAL_K',
  'READER',
  'HNSW_EF',
  'ANSWER_MODE',
  'LLM_PROVIDER',
  'LLM_BASE_URL',
  'LLM_MODEL',
  'LLM_API_KEY',
  'LLM_TIMEOUT_MS',
  'LLM_FALLBACK',
  // --from-feedback reads the conversation store.
  'DATA_DIR',
  'DATABASE_URL',
] as const;

/** Every setting: the server reads them all. */
export const ALL_SETTINGS = Object.keys(SETTINGS);
