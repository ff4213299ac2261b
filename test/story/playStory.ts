/**
 * Plays a story as presentation mode plays it, through the session's own step loop (StepLoop) driven in-process
 * with a fake wall clock (test/session/fakeLoopEnv.ts), with the config a presenter's private session gets
 * (registry.ts create, purpose presentation): the session starts on the day of the first chapter that sets a time, at the first
 * chapter's speed; a chapter with `at` sends the clock jump the page sends (clockDirector.ts) and waits for
 * arrival; then the chapter's speed is set and the chapter is shown for `dwellMs` of wall time. What the
 * audience sees of a chapter are the KPI samples from its arrival (or its start, without `at`) to its end.
 */
import type { LoadedScenario } from '../../server/scenarios/load';
import { compileScenario } from '../../server/sim/compile';
import { dateTimeToS, dateToS } from '../../server/sim/calendar';
import type { WorkerConfig } from '../../server/session/protocol';
import { autoResetTripsFor } from '../../server/session/registry';
import { StepLoop } from '../../server/session/stepLoop';
import type { Command } from '../../shared/protocol/commands';
import type { KpiSample } from '../../shared/protocol/session';
import type { Story } from '../../shared/story/schema';
import { PRESENT_SPEED } from '../../client/src/story/clockDirector';
import { FakeLoopEnv } from '../session/fakeLoopEnv';

/** Longest a jump may take on the fake clock before the play gives up on it. */
const ARRIVAL_LIMIT_MS = 3_600_000;

export interface ChapterShown {
  /** The KPI samples the chapter showed, the first one at its moment. */
  samples: KpiSample[];
}

export function playStory(story: Story, loaded: LoadedScenario, dwellMs: number): ChapterShown[] {
  const { scenario } = loaded;
  const model = compileScenario(scenario, { epwText: loaded.epwText });
  const opening = story.chapters.find((c) => c.at)?.at;
  const config: WorkerConfig = {
    scenario,
    epwText: loaded.epwText,
    startS: dateToS(opening ? opening.slice(0, 10) : scenario.simulation.start),
    seed: scenario.simulation.seed,
    speed: story.chapters[0].speed ?? PRESENT_SPEED,
    paused: false,
    frameHz: 10,
    kpiIntervalMs: 1000,
    loop: null,
    autoResetTrips: autoResetTripsFor('presentation'),
    backtrack: { everyS: 600, keep: 12 },
    processAlarms: true,
    training: null,
  };
  const env = new FakeLoopEnv();
  const loop = new StepLoop(model, config, env);
  loop.start();
  let id = 1;
  const send = (command: Command) => {
    loop.receive({ type: 'command', id: id++, command });
    const ack = env.of('reply').at(-1)!.ack!;
    if (!ack.ok) throw new Error(`${command.type}: ${ack.error}`);
  };
  return story.chapters.map((c) => {
    let from = env.posted.length;
    if (c.at) {
      const targetS = dateTimeToS(c.at);
      send({ type: 'clock', action: 'jump', to: c.at });
      const arrived = () => env.posted.slice(from).some((m) => m.type === 'status' && m.status.clockTarget === null && m.status.simTimeS >= targetS);
      env.runUntil(env.nowMs + ARRIVAL_LIMIT_MS, arrived);
      if (!arrived()) throw new Error(`chapter "${c.title}": the clock did not reach ${c.at}`);
      from = env.posted.findIndex((m, i) => i >= from && m.type === 'status' && m.status.clockTarget === null);
    }
    send({ type: 'clock', action: 'speed', speed: c.speed ?? PRESENT_SPEED });
    env.runUntil(env.nowMs + dwellMs);
    const samples = env.posted.slice(from).flatMap((m) => (m.type === 'kpi' ? [m.kpi] : []));
    return { samples };
  });
}
