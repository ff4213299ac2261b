/**
 * Keeps a console's trend samples from the moment it mounts, outside React renders: the scenario's tags (twin
 * store), every KPI sample (twin store) and every set of transmitter readings (training store) as they arrive,
 * and the plants' and units' values of the latest frame (liveFrame) on every other HUD tick, about once a wall
 * second. fetchEarlier fills in, from the run's record, what a chart needs from before the page joined.
 *
 * The record is read as the page reads its run: the trainee's console with the trainee's token, the instructor's
 * station with the login (its token, or the cookie without one).
 */
import { useEffect, useState } from 'react';
import { trendTags } from '../../../../shared/training/trendTags';
import { HUD_TICK_MS, onHudTick } from '../../hud/hudTicker';
import { fetchRunSamples } from '../../net/api';
import { liveFrame } from '../../net/liveFrame';
import { twinStore } from '../../state/store';
import { trainingStore } from '../../state/trainingStore';
import {
  askedEarlier,
  createTrendBuffer,
  earlierFailed,
  missingEarlier,
  pushFrame,
  pushKpi,
  pushReadings,
  setEarlier,
  setTags,
  type TrendBuffer,
} from './trendSeries';

/** Frames are sampled on every this many HUD ticks: about once a wall second. */
const FRAME_EVERY_TICKS = Math.max(1, Math.round(1000 / HUD_TICK_MS));

/** A run's record to read, and the token to read it with (none: the login cookie). */
export interface RunRef {
  runId: string;
  token?: string;
}

/** The run each buffer's page reads (none: the rings alone are drawn). */
const runs = new WeakMap<TrendBuffer, RunRef>();

export function useTrendBuffer(run: RunRef | null): TrendBuffer {
  const [buffer] = useState(createTrendBuffer);
  const runId = run?.runId;
  const token = run?.token;
  useEffect(() => {
    if (runId === undefined) runs.delete(buffer);
    else runs.set(buffer, { runId, token });
  }, [buffer, runId, token]);
  useEffect(() => {
    const scenarioTags = () => {
      const scenario = twinStore.getState().scenario;
      setTags(buffer, scenario ? trendTags(scenario) : []);
    };
    scenarioTags();
    const offTwin = twinStore.subscribe((s, prev) => {
      if (s.scenario !== prev.scenario) scenarioTags();
      if (s.kpi && s.kpi !== prev.kpi) pushKpi(buffer, s.kpi);
    });
    const offReadings = trainingStore.subscribe((s, prev) => {
      if (s.readings && s.readings !== prev.readings) pushReadings(buffer, s.readings);
    });
    let ticks = 0;
    let seen = -1;
    const offTick = onHudTick(() => {
      const frame = liveFrame.frame;
      if (++ticks % FRAME_EVERY_TICKS !== 0 || !frame || liveFrame.version === seen) return;
      seen = liveFrame.version;
      pushFrame(buffer, frame);
    });
    return () => {
      offTwin();
      offReadings();
      offTick();
    };
  }, [buffer]);
  return buffer;
}

/**
 * Asks the run's record for the samples a chart of these tags from fromS lacks (those before the rings' first),
 * once per tag and stretch; what comes goes into the buffer, unless time has gone back meanwhile.
 */
export async function fetchEarlier(buffer: TrendBuffer, tagIds: readonly string[], fromS: number): Promise<void> {
  const missing = missingEarlier(buffer, tagIds, fromS);
  if (!missing) return;
  const ref = runs.get(buffer);
  if (!ref) return;
  askedEarlier(buffer, missing.tags, missing.toS);
  const epoch = buffer.epoch;
  const answer = await fetchRunSamples(ref.runId, { tags: missing.tags, toS: missing.toS }, ref.token);
  if (epoch !== buffer.epoch) return;
  if (answer.ok) setEarlier(buffer, answer.body, missing.toS);
  else earlierFailed(buffer, answer.error);
}
