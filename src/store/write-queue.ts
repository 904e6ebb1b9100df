/**
 * Writes of one store object take turns: web uploads, corrections and an import share one connection (or one
 * lock of the library), and two async writers must never interleave inside one transaction. A promise chain,
 * shared by both stores' writers.
 */
export class WriteQueue {
  /** The end of the last write queued: the next one starts after it. */
  private last: Promise<void> = Promise.resolve();

  /** Runs `fn` after every write queued before it, and before any queued after. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const before = this.last;
    let release = () => {};
    this.last = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await before;
      return await fn();
    } finally {
      release();
    }
  }
}
