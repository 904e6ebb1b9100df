/** PostgreSQL library locations, without loading pg (every command opens a library; most never need pg). */

/** Whether a library location names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * A URL as errors and logs show it: the password (in the user part or a `password=` parameter) replaced, the
 * rest kept so that the reader can tell which server and database it was.
 */
export function safeUrl(url: string): string {
  return url
    .replace(/^([a-z]+:\/\/[^:/?#@]*):[^@/?#]*@/i, "$1:***@")
    .replace(/([?&]password=)[^&#]*/gi, "$1***");
}
