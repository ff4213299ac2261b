/**
 * `npm run exercise -- --exercise ID [--actions FILE] [--json]`: runs an operator-training exercise headless with
 * scripted actions (none: nobody responds) and prints the score and its breakdown against the same exercise run
 * with the automation alone (server/training/score.ts), with the run's timeline. Bad flags and files exit 1 with
 * a one-line reason naming the field.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { issueMessage } from '../../shared/protocol/issueMessage';
import { loadActions, loadExercise } from '../training/exerciseFiles';
import { prepareExercise, runExercise, type ExerciseRecord } from '../training/exerciseRun';
import { scoreRun, type ScoreBreakdown } from '../training/score';

const USAGE = 'usage: npm run exercise -- --exercise <id or path> [--actions FILE] [--json]';

const flagsSchema = z
  .object({
    exercise: z.string({ error: 'required: --exercise <id or path>' }).min(1, 'required: --exercise <id or path>'),
    actions: z.string().min(1).optional(),
    json: z.boolean().default(false),
  })
  .strict();

function minutes(s: number): string {
  return `${(s / 60).toFixed(0).padStart(4)} min`;
}

function format(title: string, run: ExerciseRecord, score: ScoreBreakdown): string {
  const lines = [`${title}`, `Score ${score.total.toFixed(1)} of 100${score.hintPoints > 0 ? ` (${score.hintPoints} points off for hints)` : ''}`];
  for (const p of score.parts) lines.push(`  ${p.part.padEnd(9)} ${(100 * p.score).toFixed(0).padStart(4)} %  weight ${p.weight}`);
  lines.push(
    `Limits broken: supply ${minutes(run.brokenS.supply)}, dp ${minutes(run.brokenS.dp)}, indoor ${minutes(run.brokenS.indoor)}`,
    `Unmet heat ${run.unmetHeatMWh.toFixed(2)} MWh, cost ${run.costEur.toFixed(0)} EUR, CO2 ${run.co2Tonnes.toFixed(2)} t`,
    'Timeline:',
    ...run.events.map((e) => `  ${minutes(e.atS)}  ${e.kind.padEnd(11)} ${e.text}`),
  );
  return `${lines.join('\n')}\n`;
}

function main(argv: string[]): number {
  let flags: z.infer<typeof flagsSchema>;
  try {
    const { values } = parseArgs({ args: argv, options: { exercise: { type: 'string' }, actions: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
    const parsed = flagsSchema.safeParse(values);
    if (!parsed.success) return fail(`${issueMessage(parsed.error)}\n${USAGE}`);
    flags = parsed.data;
  } catch (err) {
    return fail(`${(err as Error).message}\n${USAGE}`);
  }
  try {
    const exercise = loadExercise(flags.exercise);
    const actions = flags.actions ? loadActions(flags.actions) : [];
    const prepared = prepareExercise(exercise);
    const reference = runExercise(prepared);
    const run = actions.length > 0 ? runExercise(prepared, actions) : reference;
    const score = scoreRun(exercise, run, reference);
    process.stdout.write(flags.json ? `${JSON.stringify({ exercise: exercise.id, score, run, reference })}\n` : format(exercise.title, run, score));
    return 0;
  } catch (err) {
    return fail((err as Error).message.split('\n').join('; '));
  }
}

function fail(message: string): number {
  process.stderr.write(`exercise: ${message}\n`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
