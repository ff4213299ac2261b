/**
 * Flags of `npm run simulate`, parsed by node:util and validated with zod so that a bad flag names itself.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { calendarDateSchema } from '../../shared/protocol/calendarDate';
import { formatPath } from '../../shared/scenario/validate';

const flagsSchema = z
  .object({
    scenario: z.string().min(1, 'required: --scenario <id or path>'),
    from: calendarDateSchema.optional(),
    days: z.coerce.number().finite().positive().max(3660).optional(),
    step: z.coerce.number().finite().min(0.1).max(3600).optional(),
    seed: z.coerce.number().int().min(0).max(2 ** 32 - 1).optional(),
    csv: z.string().min(1).optional(),
    json: z.boolean().default(false),
    steady: z.boolean().default(false),
    outdoor: z.coerce.number().finite().min(-50).max(40).optional(),
    supply: z.coerce.number().finite().min(30).max(150).optional(),
    quiet: z.boolean().default(false),
  })
  .strict();

export type SimulateFlags = z.infer<typeof flagsSchema>;

export const USAGE =
  'usage: npm run simulate -- --scenario <id or path> [--from YYYY-MM-DD] [--days N] [--step SECONDS] [--seed N] ' +
  '[--csv FILE] [--json] [--quiet] | --steady [--outdoor C] [--supply C] [--json]';

export class FlagError extends Error {
  override name = 'FlagError';
}

const OPTIONS = {
  scenario: { type: 'string' },
  from: { type: 'string' },
  days: { type: 'string' },
  step: { type: 'string' },
  seed: { type: 'string' },
  csv: { type: 'string' },
  json: { type: 'boolean' },
  steady: { type: 'boolean' },
  outdoor: { type: 'string' },
  supply: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

const NEGATIVE_NUMBER = /^-\.?\d/;

/**
 * parseArgs refuses `--outdoor -20` as ambiguous (the value looks like a flag); a negative number after a flag
 * that takes a value is that flag's value, so it is joined as `--outdoor=-20`.
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : '';
    const next = argv[i + 1];
    const takesValue = Object.hasOwn(OPTIONS, name) && OPTIONS[name as keyof typeof OPTIONS].type === 'string';
    if (takesValue && next !== undefined && NEGATIVE_NUMBER.test(next)) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

export function parseSimulateFlags(argv: string[]): SimulateFlags {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: joinNegativeValues(argv), strict: true, allowPositionals: false, options: OPTIONS }).values;
  } catch (err) {
    throw new FlagError((err as Error).message.split('\n')[0]);
  }
  const parsed = flagsSchema.safeParse({ scenario: '', ...values });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FlagError(`--${formatPath(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}
