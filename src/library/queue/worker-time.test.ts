import assert from "node:assert/strict";
import { test } from "node:test";
import { formatWorkerTime, WorkerTime } from "./worker-time.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("a worker's time: lane phases a job, threads' busy share, CPU a job, and the line that says so", async () => {
  const time = new WorkerTime();
  time.jobs = 2;
  await time.time("extract", () => sleep(60));
  await time.time("file", () => sleep(20));
  // The phase is counted when its work fails too.
  await assert.rejects(time.time("queue", () => sleep(10).then(() => Promise.reject(new Error("gone")))));
  let spin = 0;
  for (let i = 0; i < 2e6; i++) spin += i % 7;
  assert.ok(spin > 0);
  const s = time.summary(40, 1);
  assert.equal(s.jobs, 2);
  assert.ok(s.perJobMs.extract >= 25 && s.perJobMs.extract < 200, `extract ${s.perJobMs.extract}`);
  assert.ok(s.perJobMs.file >= 8 && s.perJobMs.file < s.perJobMs.extract, `file ${s.perJobMs.file}`);
  assert.ok(s.perJobMs.queue >= 4, `queue ${s.perJobMs.queue}`);
  assert.equal(s.perJobMs.idle, 0);
  assert.ok(s.threadsBusy > 0 && s.threadsBusy < 1, `40 ms of ${s.seconds} s`);
  assert.ok(s.cpuPerJobSeconds > 0);
  if (process.platform === "linux") {
    assert.ok(s.mainCpuPerJobSeconds !== undefined && s.mainCpuPerJobSeconds <= s.cpuPerJobSeconds + 0.01);
  }
  assert.match(
    formatWorkerTime(s),
    /^Worker time: 2 jobs in [\d.]+ s; extraction threads busy \d+%, main thread \d+%; CPU [\d.]+ s a job( \(main thread [\d.]+\))?; lane ms a job: queue \d+, extract \d+, file \d+, idle 0$/,
  );
});
