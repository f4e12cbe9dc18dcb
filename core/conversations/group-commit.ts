import type { Sql } from './sql.js';

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: writes asked for during one turn of the event loop are made in one transaction,
 * after the loop has read every request that was ready (setImmediate), and each caller's promise
 * settles only once that transaction has committed. Under load a server finishes many answers per
 * turn of the loop; one commit for all of them writes the shared pages (the conversations' and the
 * turns' indexes) and the WAL commit record once instead of once an answer.
 *
 * Nothing is acknowledged before it is committed: a caller that has not seen its promise resolve
 * has told nobody its write happened, so a crash before the commit loses only unacknowledged
 * writes. When the shared transaction fails, each write is tried again in one of its own, so one
 * write's failure is never another's.
 */
export class GroupCommit<T> {
  private waiting: Waiting<T>[] = [];
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly sql: Sql,
    private readonly write: (tx: Sql, item: T) => Promise<void>,
  ) {}

  /** Resolves once `item` is written and committed. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.waiting.push({ item, resolve, reject }) === 1) setImmediate(() => void this.flush());
    });
  }

  /** Write what is waiting now (before closing the database), and wait for writes under way. */
  async settle(): Promise<void> {
    await this.flush();
  }

  private flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length > 0) this.flushing = this.flushing.then(() => this.commit(batch));
    return this.flushing;
  }

  private async commit(batch: Waiting<T>[]): Promise<void> {
    try {
      await this.sql.transaction(async (tx) => {
        for (const { item } of batch) await this.write(tx, item);
      });
      for (const { resolve } of batch) resolve();
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      for (const { item, resolve, reject } of batch)
        await this.sql.transaction((tx) => this.write(tx, item)).then(resolve, reject);
    }
  }
}
