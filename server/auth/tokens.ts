/**
 * Bearer tokens (instructor logins, trainees in a run): 32 random bytes from node:crypto, base64url. Only a
 * token's SHA-256 is stored, so the database alone lets nobody act as anyone; a token has 256 bits of entropy,
 * so an unsalted fast hash is enough (there is nothing to guess, unlike a password).
 */
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256 of a token, the form it is stored and looked up in. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
