/**
 * Password hashes for instructor accounts: scrypt (node:crypto), memory-hard so a stolen database costs an
 * attacker memory as well as time per guess, with a random 16-byte salt per password. Stored as
 *
 *   scrypt$N$r$p$<salt base64>$<hash base64>
 *
 * so the cost parameters travel with each hash and can be raised later without breaking older ones.
 * N = 2^15, r = 8 (128·N·r = 32 MiB per hash, about 0.1 s), p = 1; a 32-byte key. Verification compares in
 * constant time (timingSafeEqual).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

const COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

function derive(password: string, salt: Buffer, keyBytes: number, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; node refuses more than maxmem (32 MiB by default), so room is made for it.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether the password gives the stored hash; false (never an exception) for a hash it cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const salt = Buffer.from(m[4], 'base64');
  const expected = Buffer.from(m[5], 'base64');
  if (expected.length === 0) return false;
  try {
    const key = await derive(password, salt, expected.length, { N, r, p });
    return timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}
