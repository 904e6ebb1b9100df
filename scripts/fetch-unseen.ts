/**
 * npm run fetch:unseen — the unseen set's PDFs (scripts/eval-pdf/unseen.ts), fetched from Debian: each package
 * named by the gold downloaded once with `apt-get download NAME=VERSION`, the labelled PDF extracted from it
 * (`dpkg-deb --fsys-tarfile`), and kept only when its sha1 is the gold's. A paper that cannot be fetched (no
 * apt, a version the archive no longer has, another file) is reported by name and left out; the others go on.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isFetched, readUnseenGold, sha1Of, unseenDir, unseenFile } from "./eval-pdf/unseen.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const debs = join(unseenDir(), "debs");
mkdirSync(debs, { recursive: true });

/** "r-cran-zoo_1.8-11-1_amd64.deb" → "r-cran-zoo=1.8-11-1" (an epoch is written %3a in the file name). */
function aptTarget(deb: string): string {
  const m = /^([^_]+)_([^_]+)_[^_]+\.deb$/.exec(deb);
  if (!m) throw new Error(`${deb}: not a Debian package file name`);
  return `${m[1]}=${decodeURIComponent(m[2])}`;
}

let fetched = 0;
const failed: string[] = [];
for (const [set, papers] of readUnseenGold(join(ROOT, "eval/pdf-headers-unseen")))
  for (const [key, gold] of papers) {
    if (isFetched(set, key, gold)) {
      fetched++;
      continue;
    }
    try {
      const deb = join(debs, gold.deb);
      if (!existsSync(deb))
        execFileSync("apt-get", ["download", aptTarget(gold.deb)], { cwd: debs, stdio: "pipe" });
      if (!existsSync(deb)) throw new Error(`apt-get gave no ${gold.deb}`);
      const tar = execFileSync("dpkg-deb", ["--fsys-tarfile", deb], { maxBuffer: 1 << 30 });
      const pdf = execFileSync("tar", ["-xO", `./${gold.path}`], { input: tar, maxBuffer: 1 << 30 });
      const file = unseenFile(set, key);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.part`, pdf);
      const sha1 = sha1Of(`${file}.part`);
      if (sha1 !== gold.sha1) {
        rmSync(`${file}.part`);
        throw new Error(`${gold.path} in ${gold.deb} has sha1 ${sha1}, the gold's is ${gold.sha1}`);
      }
      renameSync(`${file}.part`, file);
      fetched++;
    } catch (e) {
      const message = (e as { stderr?: Buffer }).stderr?.toString().trim() || (e as Error).message;
      failed.push(`${set}/${key}: ${message.split("\n").pop()}`);
    }
  }
console.log(`${fetched} PDFs of the unseen set in ${unseenDir()}`);
for (const f of failed) console.error(`not fetched: ${f}`);
