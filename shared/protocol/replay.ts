/**
 * A recorded run replayed for its debrief (POST /api/runs/:id/replay): the server runs the run's exercise again
 * in a replay session of its own, from the run's record (its start or a kept backtrack, and the commands that
 * stood), and stops it at the moment asked for; the page watches that session over the socket as a viewer.
 */
import { z } from 'zod';

/** A run is replayed at most this far past its start (min): longer than any exercise. */
export const REPLAY_MAX_MIN = 24 * 60;

export const replaySeekSchema = z
  .object({
    /** The moment to show, in minutes from the exercise's start. */
    atMin: z.number().finite().min(0).max(REPLAY_MAX_MIN),
    /** Run on from that moment (true) or stand there (default). */
    playing: z.boolean().default(false),
    /** Simulated seconds per wall second while playing. */
    speed: z.number().finite().min(1).max(3600).default(60),
  })
  .strict();
export type ReplaySeek = z.input<typeof replaySeekSchema>;

/** 200 to POST /api/runs/:id/replay (once the replay stands at its moment) and GET: where it stands. */
export interface ReplayAnswer {
  /** The replay session to join (as a viewer); a seek back in time may start a new one. */
  sessionId: string;
  /** The moment reached (min from the start), the asked one held within the record's span. */
  atMin: number;
  /** How far the run's record reaches (min from the start): the seek bar's end. */
  untilMin: number;
  /** Whether it runs on from there. */
  playing: boolean;
  /** The control room's alarm list there: the replay's answer to `{type: 'alarm', action: 'list'}`. */
  alarms: unknown;
}
