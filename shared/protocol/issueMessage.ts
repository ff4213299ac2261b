/**
 * One error text for every rejected payload, socket or REST: `field.path: message` for the issue that matters,
 * at most MAX_ERROR_CHARS long. The reply must stay small whatever the payload: a 60 KB binary buffer parsed
 * as an object would otherwise list 60,000 unknown keys. Unions keep the path: an issue inside a union branch
 * is reported at the union's field plus the branch's own path, and a branch refused only for its
 * discriminator (`type`, `action`) gives way to the branch that matched it.
 */
import type { z } from 'zod';
import { formatPath } from '../scenario/validate';

export const MAX_ERROR_CHARS = 300;
/** Unknown keys named in an error; the rest are counted. */
const LISTED_KEYS = 3;

type Issue = z.core.$ZodIssue;

/** Leaf issues with their full paths, union branches flattened. */
function leafIssues(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) out.push(...leafIssues(issue.errors.flat(), path));
    else out.push({ ...issue, path });
  }
  return out;
}

const isDiscriminatorMismatch = (i: Issue): boolean => i.code === 'invalid_union' && i.errors.length === 0;

function issueText(issue: Issue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const named = issue.keys.slice(0, LISTED_KEYS).map((k) => JSON.stringify(k.slice(0, 40)));
  const more = issue.keys.length - named.length;
  return `unknown key${issue.keys.length === 1 ? '' : 's'} ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** Cuts a text to `max` characters, marking the cut. */
export function capText(text: string, max = MAX_ERROR_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function issueMessage(error: z.ZodError): string {
  const leaves = leafIssues(error.issues);
  const relevant = leaves.filter((i) => !isDiscriminatorMismatch(i));
  const pool = relevant.length > 0 ? relevant : leaves;
  // The deepest issue is the most specific (a bad `speed` inside the clock branch, not the branch itself).
  const best = pool.reduce<Issue | undefined>((a, b) => (a === undefined || b.path.length > a.path.length ? b : a), undefined);
  if (!best) return 'invalid payload';
  const path = formatPath(best.path);
  return capText(path ? `${path}: ${issueText(best)}` : issueText(best));
}
