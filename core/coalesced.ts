/**
 * Runs `work` one at a time. A request made while a run is going is folded, with every other such
 * request, into one follow-up run, so each caller gets a run that started after it asked.
 */
export class Coalesced<T> {
  private running: Promise<T> | undefined;
  private next: Promise<T> | undefined;

  constructor(private readonly work: () => Promise<T>) {}

  get busy(): boolean {
    return this.running !== undefined;
  }

  request(): Promise<T> {
    if (!this.running) {
      this.running = this.work().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.request();
      });
    return this.next;
  }

  /** Resolves once nothing is running or queued. */
  async idle(): Promise<void> {
    while (this.running || this.next) await (this.next ?? this.running)!.catch(() => undefined);
  }
}
