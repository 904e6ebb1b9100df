/**
 * The few statements that go to pg-boss's own tables, in one place: what pg-boss 10 has no call for. Its job
 * table (`<schema>.job`: name, id, state, retry_count, retry_limit, started_on, start_after, completed_on) and
 * archive are its schema of version 10; package.json pins pg-boss to 10.x, and these are the lines to check
 * when that changes.
 */

/** pg-boss's executor: its own pool (`boss.getDb()`), or a pg pool wrapped the same way. */
export interface Db {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * Makes an active job's current try its last, so that failing it now sends it to the dead-letter queue at once:
 * a PDF that is plainly bad (corrupt, encrypted, no text) fails the same way every time, and retrying it would
 * only delay its failure. pg-boss 10's fail() always retries while tries are left.
 */
export async function makeLastTry(db: Db, schema: string, queue: string, id: string): Promise<void> {
  await db.executeSql(
    `UPDATE ${schema}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2 AND state = 'active'`,
    [queue, id],
  );
}

/**
 * Gives active jobs back to the queue, untried (a worker stopping before it finished them): waiting again at
 * once, and with no start time, so that taking it again does not count as a retry.
 */
export async function giveBack(db: Db, schema: string, queue: string, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const { rows } = await db.executeSql(
    `WITH given AS (
       UPDATE ${schema}.job SET state = 'retry', started_on = NULL, start_after = now()
       WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active' RETURNING 1)
     SELECT count(*)::int AS n FROM given`,
    [queue, ids],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Whether pg-boss's tables exist in the schema (a queue was ever used there). */
export async function installed(db: Db, schema: string): Promise<boolean> {
  const { rows } = await db.executeSql("SELECT to_regclass($1) IS NOT NULL AS there", [`${schema}.job`]);
  return rows[0]?.there === true;
}

/** Jobs of the queues by state, those archived included (pg-boss moves finished jobs there after a while). */
export async function countStates(
  db: Db,
  schema: string,
  queues: string[],
): Promise<{ queue: string; state: string; n: number }[]> {
  const { rows } = await db.executeSql(
    `SELECT name AS queue, state::text AS state, count(*)::int AS n FROM (
       SELECT name, state FROM ${schema}.job WHERE name = ANY($1::text[])
       UNION ALL
       SELECT name, state FROM ${schema}.archive WHERE name = ANY($1::text[])
     ) j GROUP BY 1, 2`,
    [queues],
  );
  return rows.map((r) => ({ queue: String(r.queue), state: String(r.state), n: Number(r.n) }));
}

/**
 * Jobs of a queue finished (done or failed for good) in the last `windowSeconds`, and the seconds from the first
 * of them starting to now (at most the window): the recent pace.
 */
export async function recentlyFinished(
  db: Db,
  schema: string,
  queue: string,
  windowSeconds: number,
): Promise<{ n: number; seconds: number }> {
  const { rows } = await db.executeSql(
    `SELECT count(*)::int AS n,
            COALESCE(LEAST($2::float8, EXTRACT(epoch FROM now() - min(started_on))::float8), 0) AS seconds
     FROM ${schema}.job
     WHERE name = $1 AND state IN ('completed', 'failed') AND completed_on > now() - $2::float8 * interval '1 second'`,
    [queue, windowSeconds],
  );
  return { n: Number(rows[0]?.n ?? 0), seconds: Number(rows[0]?.seconds ?? 0) };
}

/**
 * The state and output of jobs of a queue by id (the progress page of uploads), those archived included; the
 * job table's row wins over an archived one of the same id.
 */
export async function jobStates(
  db: Db,
  schema: string,
  queue: string,
  ids: string[],
): Promise<Map<string, { state: string; output: unknown; completedOn?: number }>> {
  const out = new Map<string, { state: string; output: unknown; completedOn?: number }>();
  if (!ids.length) return out;
  const { rows } = await db.executeSql(
    `SELECT id::text AS id, state::text AS state, output, completed_on, 0 AS archived
       FROM ${schema}.job WHERE name = $1 AND id = ANY($2::uuid[])
     UNION ALL
     SELECT id::text, state::text, output, completed_on, 1
       FROM ${schema}.archive WHERE name = $1 AND id = ANY($2::uuid[])
     ORDER BY archived DESC`,
    [queue, [...new Set(ids)]],
  );
  for (const r of rows) {
    const completed = r.completed_on ? new Date(r.completed_on as string).getTime() : undefined;
    out.set(String(r.id), { state: String(r.state), output: r.output, completedOn: completed });
  }
  return out;
}
