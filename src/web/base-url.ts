/**
 * The library's public address, which absolute links (Atom feeds, OAI-PMH) are built on. It is configured
 * (`--base-url`, `$CITEGRAPH_BASE_URL`) or, failing that, the address the server listens on — never the
 * request's Host header, which the client writes and a cache may keep.
 */
import { AdminConfigError } from "./admin-auth.ts";

/** What createApp links to when given nothing (tests, scripts). */
export const DEFAULT_BASE_URL = "http://localhost";

/** A mistake in the server's configuration; the command line reports it as a usage error. */
export class ServeConfigError extends AdminConfigError {}

/** A base URL checked and written one way: http or https, no query or fragment, no trailing slash. */
export function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ServeConfigError(`the base URL "${value}" is not a URL (e.g. https://library.example.org)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ServeConfigError(`the base URL "${value}" must start with http:// or https://`);
  if (url.search || url.hash || value.includes("?") || value.includes("#"))
    throw new ServeConfigError(`the base URL "${value}" must have no query (?) or fragment (#)`);
  if (url.username || url.password)
    throw new ServeConfigError(`the base URL "${value}" must not carry a user name or password`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** The base URL the operator configured (the option first, then the environment), checked; or undefined. */
export function configuredBaseUrl(option: string | undefined, env = process.env): string | undefined {
  const value = option ?? (env.CITEGRAPH_BASE_URL || undefined);
  return value === undefined ? undefined : checkBaseUrl(value);
}

/** The address a server listening on host:port answers at (an IPv6 address in brackets). */
export function listenBaseUrl(host: string, port: number): string {
  const h = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return checkBaseUrl(`http://${h}:${port}`);
}
