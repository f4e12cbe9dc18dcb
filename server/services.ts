import type { Config } from '../core/config.js';
import type { ConversationStore } from '../core/conversations/store.js';
import type { IngestQueue } from '../ingest/queue.js';
import { AnswerService } from './answers.js';
import { Drain } from './drain.js';
import type { EngineHolder } from './engine-holder.js';
import { createLogger, type Logger } from './logging.js';
import { Metrics } from './metrics.js';
import { RateLimiter } from './rate-limit.js';
import { IndexReloader, type LoadIndex, type NamedGeneration } from './reloader.js';
import { trustProxy, type TrustProxy } from './client-address.js';
import type { ConversationAnswers } from './conversations/recorder.js';

/** What the HTTP app and the WebSocket share for one server instance (nothing here is global). */
export interface AppServices {
  config: Config;
  log: Logger;
  metrics: Metrics;
  drain: Drain;
  answers: AnswerService;
  limiter: RateLimiter;
  /** Which proxies' X-Forwarded-For to believe for a client's address (TRUST_PROXY). */
  trust: TrustProxy;
  reloader: IndexReloader;
  /** The docs folder's ingest queue (uploads and deletions unless UPLOADS=0, WATCH=1); set by startServer. */
  indexer?: IngestQueue;
  /** The conversation store and the asks recorded in it; set by startServer. */
  conversations?: { store: ConversationStore; answers: ConversationAnswers };
}

/** Answers remembered per index generation (extractive mode). */
const ANSWER_CACHE = 2000;

export function createServices(
  config: Config,
  holder: EngineHolder,
  load: LoadIndex,
  named?: NamedGeneration,
): AppServices {
  const log = createLogger(config.LOG_LEVEL);
  const metrics = new Metrics(holder);
  const drain = new Drain();
  return {
    config,
    log,
    metrics,
    drain,
    // The offline answerer gives the same answer to the same question of the same index: cached.
    answers: new AnswerService(holder, metrics, drain, config.ANSWER_MODE === 'extractive' ? ANSWER_CACHE : 0),
    limiter: new RateLimiter(config.RATE_LIMIT_RPM),
    trust: trustProxy(config.TRUST_PROXY),
    reloader: new IndexReloader(holder, load, log, metrics, named),
  };
}
