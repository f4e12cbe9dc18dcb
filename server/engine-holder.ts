import type { Engine } from '../core/engine.js';
import { AppError, toAppError } from '../core/errors.js';
import type { Manifest } from '../core/index/manifest.js';
import type { Chunk } from '../core/location.js';

export interface LiveIndex {
  engine: Engine;
  manifest: Manifest;
  generation: string;
  /** The index's chunks, for what is drawn from the documents themselves (titles, suggested questions). */
  chunks?: readonly Chunk[];
}

/** The engine the server answers with; swapped whole when a new index is loaded. */
export class EngineHolder {
  private live: LiveIndex | undefined;
  private reason = new AppError('index_not_ready', 'The index is loading.');

  set(live: LiveIndex): void {
    this.live = live;
  }

  /** Why there is no index; its code (e.g. `index_incompatible`) reaches the client unchanged. */
  unavailable(err: unknown): void {
    const error = toAppError(err);
    this.reason =
      error.code === 'internal_error' ? new AppError('index_not_ready', error.message, { cause: err }) : error;
  }

  get current(): LiveIndex | undefined {
    return this.live;
  }

  /** The live engine, or the error saying why there is none. */
  require(): Engine {
    if (!this.live) throw this.reason;
    return this.live.engine;
  }

  get notReady(): AppError {
    return this.reason;
  }
}
