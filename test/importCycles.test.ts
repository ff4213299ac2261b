// No module may reach itself through its imports, type-only imports included: a cycle makes module load order
// matter and ties together modules that should each stand alone (shared types belong in a module of their own).
// dpdm follows the imports of every source file of the repository, not only what the entry points reach.
import { fileURLToPath } from 'node:url';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['server/**/*.ts', 'shared/**/*.ts', 'client/src/**/*.{ts,tsx}', 'bench/**/*.ts', 'test/**/*.ts'];

it('no module imports itself through other modules, type-only imports included', async () => {
  const tree = await parseDependencyTree(SOURCES, { context: ROOT, transform: false, skipDynamicImports: false });
  // The walk found the code and resolved its imports, so an empty cycle list means something.
  expect(tree['server/sim/engine.ts']?.map((d) => d.id)).toContain('server/sim/simulation.ts');
  expect(tree['client/src/main.tsx']?.length).toBeGreaterThan(0);
  expect(parseCircular(tree).map((cycle) => cycle.join(' -> '))).toEqual([]);
});
