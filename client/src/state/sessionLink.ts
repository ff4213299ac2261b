/**
 * The link a page was opened with: `?session=ID` names a private session, and an operator's or instructor's
 * role token comes with it, in the fragment (`#token=T`, preferred: a browser never sends the fragment, so it
 * stays out of server and proxy logs) or, as older links have it, in the query (`&token=T`, still accepted).
 * The page takes the token out of its address as soon as it has read it, so it is kept neither in the browser's
 * history nor on screen, nor sent on as a Referer; the join (net/socket.ts) gets it from the query string
 * returned here.
 */

export interface SessionLink {
  /** Query string for the join: the page's query with the token, wherever it was, as `token`. */
  joinSearch: string;
  /** The page's address without the token (unchanged when it had none). */
  address: string;
}

/** Reads the token from `href`'s fragment (preferred) or query and returns the join's query and the clean address. */
export function takeSessionLink(href: string): SessionLink {
  const url = new URL(href);
  const fragment = new URLSearchParams(url.hash.slice(1));
  const token = fragment.get('token') || url.searchParams.get('token');
  // Only a part that held a token is rewritten: any other fragment (an anchor) or query stays as it was written.
  if (fragment.has('token')) {
    fragment.delete('token');
    url.hash = fragment.toString();
  }
  if (url.searchParams.has('token')) url.searchParams.delete('token');
  const join = new URLSearchParams(url.search);
  if (token) join.set('token', token);
  const joinQuery = join.toString();
  return { joinSearch: joinQuery ? `?${joinQuery}` : '', address: url.href };
}
