/**
 * Join codes: what an instructor reads out or projects so trainees can join a run. Six characters from an
 * alphabet without 0/O and 1/I (shared/protocol/runs.ts), drawn with node:crypto's unbiased randomInt:
 * 32^6 ≈ 1.07e9 codes, so guessing one within the join rate limit is hopeless. A code is never given twice,
 * so it names one run for good.
 */
import { randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../shared/protocol/runs';

const ATTEMPTS = 32;

export function randomJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** A code `taken` says is free; throws if none is found in a few tries (the space would be near full). */
export function newJoinCode(taken: (code: string) => boolean, draw: () => string = randomJoinCode): string {
  for (let i = 0; i < ATTEMPTS; i++) {
    const code = draw();
    if (!taken(code)) return code;
  }
  throw new Error(`no free join code found in ${ATTEMPTS} tries`);
}
