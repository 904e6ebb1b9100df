/**
 * A reader that stops early (`citegraph export | head`) closes the pipe, and the next write fails with EPIPE.
 * Unix tools end quietly then: the output is what the command is for, and nobody will read the rest. So a
 * closed standard output ends the command at once with status 0; a closed standard error only loses the
 * messages, and the command goes on with its work (an ingest finishes filing what it read).
 */

/** Whether an error is a write to a pipe whose reader has gone. */
export function isClosedPipe(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as NodeJS.ErrnoException).code === "EPIPE";
}

/** Installs the handlers: once, at the start of a command. Other stream errors stay as loud as before. */
export function endQuietlyOnClosedPipe(
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
  exit: (code: number) => void = process.exit,
): void {
  stdout.on("error", (e) => {
    if (!isClosedPipe(e)) throw e;
    exit(0);
  });
  stderr.on("error", (e) => {
    if (!isClosedPipe(e)) throw e;
  });
}
