/**
 * The version of the code a year run depends on, as a hash of its source: the engine (server/sim), how scenarios
 * are read (server/scenarios, shared/scenario), the heat-source keys and the year run itself. Cached year
 * figures carry it, so a change to any of these files makes the figures be computed again.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCES = ['server/sim', 'server/scenarios', 'shared/scenario', 'shared/protocol/heatSources.ts', 'shared/story/yearFigures.ts', 'server/story/yearRun.ts'];

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (path.endsWith('.ts')) return [full];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => join(full, f));
}

let version: string | null = null;

export function engineCodeVersion(): string {
  if (version) return version;
  const hash = createHash('sha256');
  for (const f of SOURCES.flatMap(files)) hash.update(f.slice(ROOT.length)).update('\0').update(readFileSync(f)).update('\0');
  return (version = hash.digest('hex'));
}
