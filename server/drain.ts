/**
 * Work that must finish before shutdown (answers being streamed or collected). Once draining
 * starts, new work is refused and `idle()` resolves when the last piece ends.
 */
export class Drain {
  private active = 0;
  private waiters: Array<() => void> = [];
  draining = false;

  get inFlight(): number {
    return this.active;
  }

  /** Count one piece of work; call the returned function exactly once when it ends. */
  track(): () => void {
    this.active++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.active--;
      if (this.active === 0) for (const wake of this.waiters.splice(0)) wake();
    };
  }

  start(): void {
    this.draining = true;
  }

  /** Resolves when nothing is in flight, or after `timeoutMs` (returns false then). */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
