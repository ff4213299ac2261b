/**
 * A session's scenario by content: SHA-256 (hex) of JSON.stringify(scenario), the text socket.io sends, and
 * its length. Computed once per scenario object (a 25,000-building city is ~14 MB of JSON), so a client that
 * re-joins with the hash it kept is told "you have it" instead of being sent the scenario again.
 */
import { createHash } from 'node:crypto';

export interface ScenarioDigest {
  hash: string;
  /** UTF-16 length of the JSON text: about its size on the wire. */
  jsonChars: number;
}

const digests = new WeakMap<object, ScenarioDigest>();

export function scenarioDigest(scenario: object): ScenarioDigest {
  let digest = digests.get(scenario);
  if (!digest) {
    const json = JSON.stringify(scenario);
    digest = { hash: createHash('sha256').update(json).digest('hex'), jsonChars: json.length };
    digests.set(scenario, digest);
  }
  return digest;
}
