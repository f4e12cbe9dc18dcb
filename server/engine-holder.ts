import type { Engine } from '../core/engine.js';
import { AppError } from '../core/errors.js';
import type { Manifest } from '../core/index/manifest.js';

export interface LiveIndex {
  engine: Engine;
  manifest: Manifest;
  generation: string;
}

/** The engine the server answers with; swapped whole when a new index is loaded. */
export class EngineHolder {
  private live: LiveIndex | undefined;
  private reason = 'The index is loading.';

  set(live: LiveIndex): void {
    this.live = live;
  }

  unavailable(reason: string): void {
    this.reason = reason;
  }

  get current(): LiveIndex | undefined {
    return this.live;
  }

  /** The live engine, or an `index_not_ready` error saying why there is none. */
  require(): Engine {
    if (!this.live) throw new AppError('index_not_ready', this.reason);
    return this.live.engine;
  }

  get notReadyReason(): string {
    return this.reason;
  }
}
