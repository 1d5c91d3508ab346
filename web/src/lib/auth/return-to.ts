/**
 * Where sign-in returns to: the screen the user was sent away from (a shared
 * file waiting on «Передать без интернета», a document link), as a path of this
 * app. Anything else (another origin, a protocol-relative `//host`, the sign-in
 * screen itself) returns home.
 */

/** The query parameter of /signin that carries the return path. */
export const RETURN_PARAM = 'next';

/** The path (with query) to return to after signing in; '/' when `raw` is not a path of this app. */
export function returnPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return '/';
  let url: URL;
  try {
    url = new URL(raw, 'http://app.invalid');
  } catch {
    return '/';
  }
  if (url.origin !== 'http://app.invalid' || url.pathname === '/signin') return '/';
  return url.pathname + url.search + url.hash;
}

/** The sign-in URL that comes back to `path` (plain /signin for home). */
export function signInUrl(path: string): string {
  const back = returnPath(path);
  return back === '/' ? '/signin' : `/signin?${RETURN_PARAM}=${encodeURIComponent(back)}`;
}
