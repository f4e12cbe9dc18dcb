/**
 * A one-line progress bar on a terminal; silent when output is not a TTY or under CI, where a
 * redrawn line would only clutter the log. For ingest it shows files done of total, MB/s, the time
 * left and the current file; with `verbose`, each file also gets a line of its own (on any output).
 */
export interface FileProgress {
  done: number;
  total: number;
  source?: string;
  bytes?: number;
  outcome?: string;
}

export class ProgressBar {
  private readonly enabled: boolean;
  private lastDraw = 0;
  private started: number | undefined;
  private bytes = 0;
  private drawn = false;
  private embedStarted: number | undefined;
  private lastEmbedDone = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly options: {
      verbose?: boolean;
      log?: (line: string) => void;
      now?: () => number;
      enabled?: boolean;
    } = {},
  ) {
    this.enabled = options.enabled ?? (Boolean(stream.isTTY) && !process.env.CI);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** A generic bar: `label ████░░ done/total`, and `detail` after it. */
  update(label: string, done: number, total: number, detail = ''): void {
    if (!this.enabled) return;
    const now = this.now();
    if (done < total && now - this.lastDraw < 50) return;
    this.lastDraw = now;
    const columns = this.stream.columns || 100;
    const line = `${label.padEnd(8)} ${bar(done, total, 24)} ${done}/${total}${detail ? `  ${detail}` : ''}`;
    this.stream.write(`\r${line.slice(0, columns - 1)}\x1b[K`);
    this.drawn = true;
  }

  /** One file read (ingest's `read` phase): the bar with MB/s, ETA and the file; a line of its own with `verbose`. */
  file(e: FileProgress): void {
    if (this.started === undefined || e.done === 1) {
      this.started = this.now();
      this.bytes = 0;
    }
    this.bytes += e.bytes ?? 0;
    if (this.options.verbose) {
      this.clear();
      const log = this.options.log ?? ((line: string) => console.log(line));
      log(`[${e.done}/${e.total}] ${e.source ?? ''} (${formatBytes(e.bytes ?? 0)}) ${e.outcome ?? ''}`.trimEnd());
    }
    if (!this.enabled) return;
    const seconds = Math.max((this.now() - (this.started ?? this.now())) / 1000, 0.001);
    const rate = this.bytes / 1e6 / seconds;
    const left = e.done > 0 ? ((e.total - e.done) * seconds) / e.done : 0;
    this.update('files', e.done, e.total, `${rate.toFixed(1)} MB/s  ETA ${formatDuration(left)}  ${e.source ?? ''}`);
  }

  /**
   * The embed phase: chunks embedded of total, with the run's MB/s so far (the bytes read, over the
   * whole time since the first file) and the time left at the current pace.
   */
  chunks(done: number, total: number): void {
    if (!this.enabled) return;
    const now = this.now();
    if (this.embedStarted === undefined || done <= this.lastEmbedDone) this.embedStarted = now;
    this.lastEmbedDone = done;
    const seconds = Math.max((now - this.embedStarted) / 1000, 0.001);
    const left = done > 0 ? ((total - done) * seconds) / done : 0;
    const overall = Math.max((now - (this.started ?? now)) / 1000, 0.001);
    const rate = this.bytes > 0 ? `${(this.bytes / 1e6 / overall).toFixed(1)} MB/s  ` : '';
    this.update('embed', done, total, `chunks  ${rate}ETA ${formatDuration(left)}`);
  }

  clear(): void {
    if (this.enabled && this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

function bar(done: number, total: number, width: number): string {
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : width;
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
