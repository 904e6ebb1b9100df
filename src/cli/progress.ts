/** A one-line progress display on a terminal; silent elsewhere (logs stay clean in CI and pipes). */
export class Progress {
  private last = 0;
  private readonly started = Date.now();
  private readonly tty: boolean;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.tty = !!stream.isTTY;
  }

  update(text: string, count: number): void {
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const secs = (now - this.started) / 1000;
    const rate = secs > 0 ? Math.round(count / secs) : 0;
    this.stream.write(
      `\r\x1b[K${text} — ${count.toLocaleString("en-US")} records, ${rate.toLocaleString("en-US")}/s`,
    );
  }

  done(): void {
    if (this.tty) this.stream.write("\r\x1b[K");
  }
}

export interface EtaOptions {
  /** Documents finished after the first before any estimate is given. */
  minDocuments: number;
  /** Seconds passed since the first document finished before any estimate is given. */
  minSeconds: number;
  /** Weight of one document's time in the running average (0.05: about the last twenty documents count). */
  weight: number;
  /** One document counts for at most this many times the current average (a huge PDF once is no new pace). */
  outlier: number;
}

const DEFAULT_ETA: EtaOptions = { minDocuments: 5, minSeconds: 2, weight: 0.05, outlier: 4 };

/**
 * The time an ingest has left, from the times its documents finished. The rate since the start misleads
 * early: the workers' start-up (PDFium, the models) comes before the first document, and one long PDF
 * among the first few weighs as much as all of them — a 2-minute job once showed 24 minutes. So the clock
 * starts at the first document finished, nothing is estimated until a few more have finished and a few
 * seconds have passed, and the seconds a document takes are then an exponentially weighted average, so that
 * one slow or fast document moves the estimate a little (an outlier counts as a few times the average at
 * most), and a lasting change of pace moves it within some twenty documents. Documents finishing together
 * (parallel workers) share the time since the last ones.
 *
 * @example
 *   const eta = new EtaEstimator();
 *   eta.observe(12.5, 1); // the first document finished 12.5 s after the start
 *   eta.secondsLeft(40);  // undefined: too early to say
 */
export class EtaEstimator {
  private first?: { at: number; done: number };
  private last?: { at: number; done: number };
  private secondsPerDocument?: number;

  constructor(private readonly options: EtaOptions = DEFAULT_ETA) {}

  /** `done` documents have finished by `at` (seconds since any fixed start; never decreasing). */
  observe(at: number, done: number): void {
    if (!this.first || !this.last) {
      this.first = this.last = { at, done };
      return;
    }
    const documents = done - this.last.done;
    if (documents <= 0) return;
    const seconds = Math.max(0, at - this.last.at);
    this.last = { at, done };
    if (!this.warm()) {
      // Until there is enough to weigh: the plain average since the first document.
      this.secondsPerDocument = (at - this.first.at) / (done - this.first.done);
      return;
    }
    const previous = this.secondsPerDocument ?? seconds / documents;
    const weight = 1 - (1 - this.options.weight) ** documents;
    const each = Math.min(seconds / documents, this.options.outlier * previous);
    this.secondsPerDocument = previous + weight * (each - previous);
  }

  /** Seconds left for `remaining` documents; undefined while too little is known. */
  secondsLeft(remaining: number): number | undefined {
    if (!this.warm() || this.secondsPerDocument === undefined) return undefined;
    return Math.max(0, remaining) * this.secondsPerDocument;
  }

  /** Documents a second at the current pace; undefined while too little is known. */
  rate(): number | undefined {
    if (!this.warm() || !this.secondsPerDocument) return undefined;
    return 1 / this.secondsPerDocument;
  }

  private warm(): boolean {
    if (!this.first || !this.last) return false;
    return (
      this.last.done - this.first.done >= this.options.minDocuments &&
      this.last.at - this.first.at >= this.options.minSeconds
    );
  }
}

/** "3:07"; "--:--" while there is no estimate. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return "--:--";
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
