/**
 * `npm run generate`: writes the default scenario assets/scenarios/espoo-district.json; with flags, any other
 * generated city: `--buildings N --seed S [--id ID] [--name NAME] [--out FILE]`. Bad flags: one line on stderr, exit 1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseScenario } from '../../shared/scenario/validate';
import { generateCity, MAX_BUILDINGS, MIN_BUILDINGS } from './city';
import { ESPOO_DISTRICT } from './espooDistrict';
import { formatJson } from './json';
import { REAL_SCALE_SCENARIOS } from './scenarios/realScaleScenarios';
import { SMALL_SCENARIOS } from './scenarios/smallScenarios';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const flagsSchema = z
  .object({
    buildings: z.coerce.number().int().min(MIN_BUILDINGS).max(MAX_BUILDINGS).optional(),
    seed: z.coerce.number().int().min(0).max(2 ** 32 - 1).optional(),
    id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'ids use 1-64 letters, digits and _ . : -').optional(),
    name: z.string().min(1).optional(),
    out: z.string().min(1).optional(),
  })
  .strict();

function parseFlags(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unexpected argument "${arg}" (flags: --buildings N --seed S --id ID --name NAME --out FILE)`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${match[1]} needs a value`);
    flags[match[1]] = value;
  }
  return flags;
}

type Flags = z.infer<typeof flagsSchema>;

function main(): void {
  try {
    const parsed = flagsSchema.safeParse(parseFlags(process.argv.slice(2)));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const flag = issue.path.length ? `--${String(issue.path[0])}` : 'flags';
      const keys = issue.code === 'unrecognized_keys' ? `: unknown ${issue.keys.map((k) => `--${k}`).join(', ')}` : `: ${issue.message}`;
      throw new Error(`${flag}${keys}`);
    }
    writeScenarios(parsed.data);
  } catch (error) {
    // One line, never a stack trace: a scenario that fails validation names its field in the message.
    process.stderr.write(`generate: ${(error as Error).message.split('\n').join('; ')}\n`);
    process.exitCode = 1;
  }
}

function writeScenarios(options: Flags): void {
  const custom = options.buildings !== undefined || options.seed !== undefined || options.id !== undefined || options.name !== undefined;
  const cityOptions = custom
    ? { seed: options.seed ?? 1, buildings: options.buildings ?? ESPOO_DISTRICT.buildings, id: options.id, name: options.name }
    : ESPOO_DISTRICT;
  const scenario = generateCity(cityOptions);
  parseScenario(scenario); // never write a file that does not validate
  const id = scenario.id;
  const out = resolve(options.out ?? resolve(ROOT, 'assets/scenarios', `${id}.json`));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, formatJson(scenario));
  process.stdout.write(`wrote ${out} (${scenario.buildings.length} buildings, ${scenario.network.pipes.length} pipes)\n`);
  if (custom || options.out) return;
  for (const make of [...SMALL_SCENARIOS, ...REAL_SCALE_SCENARIOS]) {
    const small = make();
    parseScenario(small);
    const file = resolve(ROOT, 'assets/scenarios', `${small.id}.json`);
    writeFileSync(file, formatJson(small));
    process.stdout.write(`wrote ${file} (${small.buildings.length} buildings, ${small.network.pipes.length} pipes)\n`);
  }
}

main();
