/**
 * The score of an exercise run (0-100), from the simulation's own books and deterministic for the same actions.
 * The run is held against the same exercise run with the automation alone and nobody responding (the reference),
 * so a score says what the trainee added. Each part scores s in [0, 1]:
 *   supply, dp, indoor  s = 1 - t_broken / T: the share of the exercise its limit held (parts with no objective
 *                       in the exercise are left out)
 *   unmet               s = 0.5 + 0.5·(U_ref - U)/max(U_ref, 0.1 MWh): no unmet heat 1, as much as the reference
 *                       0.5, twice as much 0
 *   cost, co2           per MWh delivered (a run that leaves the city cold must not look cheap), X = cost or CO2 /
 *                       heat delivered: s = 0.5 + 0.5·(X_ref - X)/(0.1·X_ref): 10 % below the reference 1, equal
 *                       0.5, 10 % above 0
 *   response            per malfunction: dealt with within its time 1, later 1 - (t - t_within)/(2·t_within) down
 *                       to 0 at three times it, never 0; the mean over the malfunctions that entered (left out
 *                       when none has: one waiting for a condition that never held, or not yet due in a live score)
 *   ack                 per alarm raised: acknowledged within 60 s 1, falling to 0 at 10 minutes, never 0; the
 *                       mean over the alarms (left out when none was raised)
 * (every s clamped to [0, 1]). Total = 100·sum(w·s)/sum(w) over the parts, less hintPenalty points per hint asked
 * for, never below 0. The README works an example through.
 */
import type { Exercise } from '../../shared/training/exercise';
import type { ScoreBreakdown } from '../../shared/protocol/training';
import type { ExerciseRecord } from './director';

export type { ScoreBreakdown, ScorePart } from '../../shared/protocol/training';

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** The smallest unmet heat a reference is measured against (MWh): below it unmet heat is noise. */
const UNMET_FLOOR_MWH = 0.1;

export function responseScore(responseS: number | null, withinS: number): number {
  if (responseS === null) return 0;
  if (responseS <= withinS) return 1;
  return clamp01(1 - (responseS - withinS) / (2 * withinS));
}

const ACK_PROMPT_S = 60;
const ACK_LATE_S = 600;

export function ackScore(ackS: number | null): number {
  if (ackS === null) return 0;
  return clamp01(1 - (ackS - ACK_PROMPT_S) / (ACK_LATE_S - ACK_PROMPT_S));
}

/**
 * The score of a run against the reference over the same seconds. `live`: the run is under way, so a malfunction
 * not yet injected is left out, and one not yet dealt with, or an alarm not yet acknowledged, counts as if it
 * were now (its part falls as the trainee waits); at the end they count as never. A malfunction that has not
 * entered is left out either way.
 */
export function scoreRun(exercise: Exercise, run: ExerciseRecord, reference: ExerciseRecord, live = false): ScoreBreakdown {
  const w = exercise.weights;
  const parts: ScoreBreakdown['parts'] = [];
  const o = exercise.objectives;
  const held = (broken: number): number => clamp01(1 - broken / run.durationS);
  if (o.supplyBelowSetpointK !== undefined) parts.push({ part: 'supply', weight: w.supply, score: held(run.brokenS.supply) });
  if (o.worstConsumerDpPa !== undefined) parts.push({ part: 'dp', weight: w.dp, score: held(run.brokenS.dp) });
  if (o.indoor !== undefined) parts.push({ part: 'indoor', weight: w.indoor, score: held(run.brokenS.indoor) });
  const unmetScale = Math.max(reference.unmetHeatMWh, UNMET_FLOOR_MWH);
  parts.push({ part: 'unmet', weight: w.unmet, score: clamp01(0.5 + (0.5 * (reference.unmetHeatMWh - run.unmetHeatMWh)) / unmetScale) });
  const relative = (x: number, ref: number): number => clamp01(0.5 + (0.5 * (ref - x)) / (0.1 * Math.abs(ref)));
  const perHeat = (x: number, r: ExerciseRecord): number => x / Math.max(r.heatDeliveredMWh, 1e-9);
  parts.push({ part: 'cost', weight: w.cost, score: relative(perHeat(run.costEur, run), perHeat(reference.costEur, reference)) });
  parts.push({ part: 'co2', weight: w.co2, score: relative(perHeat(run.co2Tonnes, run), perHeat(reference.co2Tonnes, reference)) });
  const now = run.durationS;
  const responses = exercise.malfunctions.flatMap((m, i) => {
    const at = run.injectedAtS[i];
    return at === null ? [] : [responseScore(run.responseS[i] ?? (live ? now - at : null), m.response.withinMin * 60)];
  });
  if (responses.length > 0) parts.push({ part: 'response', weight: w.response, score: responses.reduce((a, b) => a + b, 0) / responses.length });
  const acks = run.ackS.map((s, i) => ackScore(s ?? (live ? now - run.alarmRaisedAtS[i] : null)));
  if (acks.length > 0) parts.push({ part: 'ack', weight: w.ack, score: acks.reduce((a, b) => a + b, 0) / acks.length });
  const weightSum = parts.reduce((a, p) => a + p.weight, 0);
  const weighted = weightSum > 0 ? (100 * parts.reduce((a, p) => a + p.weight * p.score, 0)) / weightSum : 0;
  const hintPoints = run.hintsUsed * exercise.hintPenalty;
  return { total: Math.max(0, weighted - hintPoints), parts, hintPoints };
}
