/**
 * The step-length convergence study: a year of the default scenario at 30, 60, 300 and 900 s steps, each run once
 * for the whole file. Every annual figure of the summary stays within 1 % of the 30 s run at 60 and 300 s steps
 * and within 3 % at 900 s, except the few that cannot converge, named with their reasons in bench/convergence.ts
 * (which prints the same table: `npm run bench:convergence`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  NOT_COMPARED,
  REFERENCE_STEP_S,
  relativeDeviation,
  runStudyPeriod,
  STEP_TARGETS,
  type StudyRun,
} from '../bench/convergence';

// Four years, about 150 s on one core (most of it the 30 s year).
const STUDY_TIMEOUT_MS = 900_000;

describe('a year of the default scenario at 30, 60, 300 and 900 s steps', () => {
  let reference: StudyRun;
  const coarse = new Map<number, StudyRun>();

  beforeAll(() => {
    reference = runStudyPeriod(REFERENCE_STEP_S);
    for (const stepS of STEP_TARGETS.keys()) coarse.set(stepS, runStudyPeriod(stepS));
  }, STUDY_TIMEOUT_MS);

  it('every hydraulic solve converges and the books close at every step length', () => {
    for (const run of [reference, ...coarse.values()]) {
      expect(run.nonConvergedSteps, `at ${run.stepS} s`).toBe(0);
      expect(Math.abs(run.figures.get('balanceErrorPct')!), `balance at ${run.stepS} s`).toBeLessThan(1e-6);
    }
  });

  for (const [stepS, target] of STEP_TARGETS) {
    it(`at ${stepS} s steps every annual figure is within ${100 * target} % of the ${REFERENCE_STEP_S} s run`, () => {
      const run = coarse.get(stepS)!;
      const off: string[] = [];
      for (const [name, ref] of reference.figures) {
        if (name in NOT_COMPARED) continue;
        const value = run.figures.get(name);
        expect(value, `${name} at ${stepS} s`).toBeTypeOf('number');
        const dev = relativeDeviation(value!, ref);
        if (!(dev <= target)) off.push(`${name}: ${ref} at ${REFERENCE_STEP_S} s, ${value} at ${stepS} s (${(100 * dev).toFixed(2)} %)`);
      }
      expect(off).toEqual([]);
    });
  }
});
