/**
 * Answers of a lookup by key kept for one transaction, absences too (null): what was asked once — or written
 * since — is answered without asking the store again. Shared by the rows that read ahead (rows-ahead.ts).
 */
export class KeptAnswers<K, V> {
  private readonly kept = new Map<K, V | null>();

  /** The answers for these keys (absent ones left out); those not kept are asked of `read` in one call. */
  async get(keys: K[], read: (missing: K[]) => Promise<Map<K, V>> | Map<K, V>): Promise<Map<K, V>> {
    const missing = [...new Set(keys.filter((k) => !this.kept.has(k)))];
    if (missing.length) {
      const answers = await read(missing);
      for (const k of missing) this.kept.set(k, answers.get(k) ?? null);
    }
    const out = new Map<K, V>();
    for (const k of keys) {
      const v = this.kept.get(k);
      if (v) out.set(k, v);
    }
    return out;
  }

  /** A write made this the answer for `key` (null: none). */
  set(key: K, value: V | null): void {
    this.kept.set(key, value);
  }

  /** A write changed the answers that `which` picks. */
  change(which: (v: V) => boolean, to: (v: V) => V | null): void {
    for (const [k, v] of this.kept) if (v && which(v)) this.kept.set(k, to(v));
  }
}
