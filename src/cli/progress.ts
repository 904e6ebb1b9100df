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
