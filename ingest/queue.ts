import { Coalesced } from '../core/coalesced.js';
import { ingest, type IngestOptions, type IngestSummary } from './ingest.js';

export type QueueOptions = Omit<IngestOptions, 'force' | 'beforeSave'> & {
  /** After a run that wrote a new generation: make it live (the server's reload). */
  afterWrite?: (summary: IngestSummary) => Promise<void> | void;
};

/**
 * Ingest runs one at a time for one index: two overlapping saves would prune each other's
 * half-written generation. A request while a run is going is folded into one follow-up run, which
 * sees every change made before it started.
 */
export class IngestQueue {
  private readonly runs = new Coalesced(() => this.runOnce());

  constructor(
    readonly options: QueueOptions,
    private readonly run: (options: IngestOptions) => Promise<IngestSummary> = ingest,
  ) {}

  /** Resolves with a run that started after this call (so it saw the folder as it is now). */
  request(): Promise<IngestSummary> {
    return this.runs.request();
  }

  /** Resolves once nothing is running or queued. */
  idle(): Promise<void> {
    return this.runs.idle();
  }

  private async runOnce(): Promise<IngestSummary> {
    const { afterWrite, ...options } = this.options;
    // Off this thread by default: the server keeps answering while it re-indexes.
    const summary = await this.run({ threads: true, ...options });
    if (summary.written) await afterWrite?.(summary);
    return summary;
  }
}
