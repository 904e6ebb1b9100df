/** What the benches that build libraries share: writing generated records as JSON Lines, and percentiles. */
import { createWriteStream } from "node:fs";

/** The p-th percentile of a sample (nearest rank). */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Writes records to a JSON Lines file a thousand at a time, waiting when the stream is full. */
export async function writeJsonl(path: string, records: Iterable<object>): Promise<number> {
  const out = createWriteStream(path);
  let n = 0;
  let buf = "";
  for (const r of records) {
    buf += `${JSON.stringify(r)}\n`;
    if (++n % 1000 === 0) {
      if (!out.write(buf)) await new Promise<void>((res) => out.once("drain", () => res()));
      buf = "";
    }
  }
  out.write(buf);
  await new Promise<void>((res) => out.end(() => res()));
  return n;
}
