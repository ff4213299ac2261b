/**
 * Socket.IO events between a session and its viewers.
 *
 * Client -> server
 *   join     (Join, ack: JoinAck)                       join a session's room; a token raises the role. With
 *                                                       `scenarioHash` (SHA-256 hex of the scenario the client
 *                                                       kept) the scenario is sent only when it differs; the ack
 *                                                       says { ok, role, scenarioHash, scenarioSent }. A socket
 *                                                       joining the session it is in gets the ack only.
 *   command  (Command, ack: CommandAck)                 validated, role-checked, rate-limited
 *   history  (HistoryRequest, ack: History | { error }) KPI history at 5-minute resolution (>= 7 days kept)
 * Server -> client
 *   scenario (Scenario)   on joining, unless the client's scenarioHash matched: static topology and geometry
 *                         (its hash is the ack's scenarioHash). Frame blocks follow its order: buildings as
 *                         in `buildings`, pipes as in `network.pipes`, plants as in `plants`, units plant by plant
 *   snapshot (Frame bytes) on joining (not on a re-join of the same session), the latest full frame at once
 *   frame    (Frame bytes) about 10 per wall-clock second, latest-value data, each with a rotating slice of the
 *                         buildings and pipes (frame.ts): a slow client skips frames
 *   kpi      (KpiSample)   about once a second
 *   alarm    (Alarm)       when something happens (trips, unmet heat, a failed simulation)
 *   ended    ({ sessionId }) the session was deleted: nothing more will come (a presenter starts a new one)
 *   runEvent (RunEvent)   training runs: a line of the run's record as it happens (shared/protocol/training.ts);
 *                         malfunctions injected and cleared go to the run's instructor only
 *   score    (LiveScore)  training runs: the score so far, about once a second; `finished` at the exercise's end
 *   readings (Readings)   training runs: what the control room's transmitters read, about once a second and at
 *                         least once a simulated minute; the truth behind each goes to the run's instructor only.
 *                         A training session's frames show the main plant's outlet as its transmitter reads it.
 */
export const EVENTS = {
  join: 'join',
  command: 'command',
  history: 'history',
  scenario: 'scenario',
  snapshot: 'snapshot',
  frame: 'frame',
  kpi: 'kpi',
  alarm: 'alarm',
  ended: 'ended',
  runEvent: 'runEvent',
  score: 'score',
  readings: 'readings',
} as const;
