/** The run the station controls: its record's id, its session (socket room), the code trainees join with. */
export interface ActiveRun {
  runId: string;
  sessionId: string;
  joinCode: string;
  /** The exercise's title, or its id when the list of exercises did not name it. */
  title: string;
}

/** Clock speeds offered when starting a run and on the station (simulated s per wall-clock s). */
export const SPEED_PRESETS = [1, 10, 60, 300] as const;
