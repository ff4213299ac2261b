/**
 * One error format for every rejected payload, socket or REST: `field.path: message`, the path of the first
 * zod issue (unions report the issue of the branch that matched best).
 */
import type { z } from 'zod';
import { formatPath } from '../../shared/scenario/validate';

export function zodMessage(error: z.ZodError): string {
  const issues = error.issues.flatMap((i) => (i.code === 'invalid_union' ? i.errors.flat() : [i]));
  const best = issues.find((i) => i.path.length > 0) ?? issues[0] ?? error.issues[0];
  if (!best) return 'invalid payload';
  const path = formatPath(best.path);
  return path ? `${path}: ${best.message}` : best.message;
}

/** A message safe to put in a log or an ack: thrown values may be anything. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'unknown error';
}
