/**
 * Error texts for replies and logs. Rejected payloads are described by shared/protocol/issueMessage.ts, the
 * same text on the socket and over REST.
 */
import { capText } from '../../shared/protocol/issueMessage';

/** A message safe to put in a log or an ack: thrown values may be anything, and may be long. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return capText(err.message);
  return typeof err === 'string' ? capText(err) : 'unknown error';
}
