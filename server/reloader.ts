import type { Logger } from 'pino';
import { Coalesced } from '../core/coalesced.js';
import type { LiveIndex } from './engine-holder.js';
import { EngineHolder } from './engine-holder.js';
import type { Metrics } from './metrics.js';

export type LoadIndex = () => Promise<LiveIndex>;
/** The generation the index folder names as current (CURRENT), without loading it. */
export type NamedGeneration = () => Promise<string | undefined>;

/**
 * Loads index generations into the holder without a restart. Reloads never overlap: one asked for
 * while another runs is folded into a single follow-up. While loading, the server is not ready
 * (but keeps answering with the previous index); a failed reload keeps the previous index live.
 */
export class IndexReloader {
  private readonly loads = new Coalesced(() => this.loadOnce());

  constructor(
    private readonly holder: EngineHolder,
    private readonly load: LoadIndex,
    private readonly log: Logger,
    private readonly metrics?: Metrics,
    private readonly named?: NamedGeneration,
  ) {}

  get reloading(): boolean {
    return this.loads.busy;
  }

  /** Resolves when a load that started after this call has finished (and rejects if it failed). */
  reload(): Promise<void> {
    return this.loads.request();
  }

  private async loadOnce(): Promise<void> {
    const previous = this.holder.current?.generation;
    // An ingest's own reload and the index watcher both react to one new generation; the second
    // finds it already live and skips the load (generations never change once written).
    if (this.named && previous !== undefined && (await this.named().catch(() => undefined)) === previous) {
      this.metrics?.reloads.inc({ outcome: 'unchanged' });
      return;
    }
    try {
      const live = await this.load();
      this.holder.set(live);
      this.metrics?.reloads.inc({ outcome: 'ok' });
      this.log.info({ generation: live.generation, previous, chunks: live.manifest.counts.chunks }, 'index loaded');
    } catch (err) {
      this.metrics?.reloads.inc({ outcome: 'failed' });
      if (!this.holder.current) this.holder.unavailable(err);
      this.log.error({ err, previous }, 'index reload failed; keeping the previous index');
      throw err;
    }
  }
}
