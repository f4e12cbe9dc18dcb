import { AppError } from '../core/errors.js';
import type { AnswerEvent, AskRequest } from '../core/protocol.js';
import type { Drain } from './drain.js';
import type { EngineHolder } from './engine-holder.js';
import type { Metrics } from './metrics.js';
import { AnswerCache, replay } from './answer-cache.js';

/**
 * The one door every transport asks through: refuses while shutting down or before an index is
 * loaded (synchronously, so a route can still answer with a status), keeps shutdown waiting until
 * the answer ends, and times the retrieval and generation phases from the engine's events.
 */
export class AnswerService {
  constructor(
    private readonly holder: EngineHolder,
    private readonly metrics: Metrics,
    private readonly drain: Drain,
    /** Answers kept per index generation (server/answer-cache.ts); 0 for none (a language model answers). */
    cached = 0,
  ) {
    this.cache = new AnswerCache(cached);
  }

  private readonly cache: AnswerCache;

  ask(request: AskRequest, signal: AbortSignal): AsyncIterable<AnswerEvent> {
    if (this.drain.draining) throw new AppError('shutting_down', 'The server is shutting down; retry shortly.');
    const engine = this.holder.require();
    const generation = this.holder.current?.generation;
    const key = generation === undefined ? undefined : this.cache.key(generation, request);
    if (key === undefined) return this.observe(engine.ask(request, signal));
    const hit = this.cache.get(key);
    return this.observe(hit ? replay(hit) : this.cache.record(key, generation!, engine.ask(request, signal)));
  }

  private async *observe(events: AsyncIterable<AnswerEvent>): AsyncIterable<AnswerEvent> {
    const end = this.drain.track();
    const started = performance.now();
    let passagesAt: number | undefined;
    let outcome = 'cancelled';
    try {
      for await (const event of events) {
        const now = performance.now();
        if (event.type === 'passages') {
          passagesAt = now;
          this.metrics.answerSeconds.observe({ phase: 'retrieval' }, (now - started) / 1000);
        } else if (event.type === 'done') {
          this.metrics.answerSeconds.observe({ phase: 'generation' }, (now - (passagesAt ?? started)) / 1000);
          this.metrics.answerSeconds.observe({ phase: 'total' }, (now - started) / 1000);
          outcome = event.abstained ? 'abstained' : 'answered';
        } else if (event.type === 'error') {
          outcome = event.code === 'cancelled' ? 'cancelled' : 'error';
        }
        yield event;
      }
    } finally {
      this.metrics.answers.inc({ outcome });
      end();
    }
  }
}
