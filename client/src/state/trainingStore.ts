/**
 * What a training run's session tells the consoles (shared/protocol/training.ts): the lines of the run's record
 * as they happen, the live score and the transmitters' readings. Slow-changing, so React renders from it; a run
 * of a few hours writes a few hundred lines.
 */
import { createStore, useStore } from 'zustand';
import type { LiveScore, Readings, RunEvent } from '../../../shared/protocol/training';

/** Lines kept: far more than an exercise writes; an alarm flood cannot grow the page without bound. */
const MAX_EVENTS = 2000;

export interface TrainingState {
  events: RunEvent[];
  score: LiveScore | null;
  readings: Readings | null;
  pushEvent: (e: RunEvent) => void;
  setScore: (s: LiveScore) => void;
  setReadings: (r: Readings) => void;
  /** A new join (another run, or a restored moment the session tells again) starts afresh. */
  reset: () => void;
}

export function createTrainingStore() {
  return createStore<TrainingState>()((set) => ({
    events: [],
    score: null,
    readings: null,
    pushEvent: (e) => set((s) => ({ events: [...s.events, e].slice(-MAX_EVENTS) })),
    setScore: (score) => set({ score }),
    setReadings: (readings) => set({ readings }),
    reset: () => set({ events: [], score: null, readings: null }),
  }));
}

export type TrainingStore = ReturnType<typeof createTrainingStore>;

export const trainingStore = createTrainingStore();

export function useTraining<T>(selector: (s: TrainingState) => T): T {
  return useStore(trainingStore, selector);
}
