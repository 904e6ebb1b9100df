/** Where the queue lives, and the error that names the option when it is nowhere. */
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { expirySeconds } from "./job.ts";
import { QUEUE_VARIABLE, QueueConfigError, queueLocation } from "./location.ts";

const saved = process.env[QUEUE_VARIABLE];
afterEach(() => {
  if (saved === undefined) delete process.env[QUEUE_VARIABLE];
  else process.env[QUEUE_VARIABLE] = saved;
});

test("the option, else CITEGRAPH_QUEUE, else a PostgreSQL library's own database", () => {
  delete process.env[QUEUE_VARIABLE];
  assert.equal(queueLocation("lib.db", "postgres://q/x"), "postgres://q/x");
  assert.equal(queueLocation("postgres://lib/y"), "postgres://lib/y");
  process.env[QUEUE_VARIABLE] = "postgresql://env/z";
  assert.equal(queueLocation("lib.db"), "postgresql://env/z");
  assert.equal(
    queueLocation("postgres://lib/y"),
    "postgresql://env/z",
    "a queue given wins over the library's",
  );
});

test("a SQLite library without a queue: an error naming --queue and CITEGRAPH_QUEUE", () => {
  delete process.env[QUEUE_VARIABLE];
  assert.throws(
    () => queueLocation("lib.db"),
    (e: Error) => {
      assert.ok(e instanceof QueueConfigError);
      assert.match(e.message, /lib\.db is a SQLite file.*--queue postgres:\/\/.*CITEGRAPH_QUEUE/);
      return true;
    },
  );
  assert.throws(() => queueLocation("lib.db", "/tmp/queue.db"), /--queue .* must be a postgres:\/\/ URL/);
});

test("a job expires after its time limit and as much again, at least a minute", () => {
  assert.equal(expirySeconds(120_000), 240);
  assert.equal(expirySeconds(5_000), 65);
  assert.ok(expirySeconds(10 ** 9) < 24 * 3600, "below pg-boss's limit of a day");
});
