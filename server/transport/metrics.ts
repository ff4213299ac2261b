/**
 * Prometheus metrics for `GET /metrics` (prom-client text exposition format), on a registry of its own so
 * several servers in one process (tests) do not collide:
 *   heattwin_sessions{status}              sessions by status (gauge, read at scrape time)
 *   heattwin_clients                       connected socket.io clients
 *   heattwin_session_clients{session}      viewers per session
 *   heattwin_frames_sent_total             frames written to clients (one per client per frame)
 *   heattwin_frames_skipped_total          frames skipped for clients whose transport was still busy
 *                                          (latest-value semantics: a slow client skips, never queues)
 *   heattwin_frame_bytes_sent_total        bytes of frame payload written to clients
 *   heattwin_sim_step_seconds{session}     mean wall time of one simulation step (s)
 *   heattwin_sim_steps_per_second{session} simulation steps per wall-clock second
 *   heattwin_hydraulic_nonconverged_steps_total{session}  steps whose hydraulic solve did not converge (from the
 *                                          session's worker: starts again at 0 when the session restarts)
 *   heattwin_commands_total{result}        commands by outcome: ok, refused, invalid, rate_limited, failed
 *   heattwin_clients_dropped_total{reason} sockets the server closed: backlog (it stopped reading and its
 *                                          queued bytes passed the limit)
 *   heattwin_connections_refused_total{reason}  handshakes refused: origin (not allowed), address (too many
 *                                          sockets from one address)
 * plus prom-client's default process metrics: process_cpu_seconds_total, process_resident_memory_bytes,
 * nodejs_eventloop_lag_seconds / _p99_seconds (from perf_hooks.monitorEventLoopDelay), heap and GC.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { SessionDirectory } from './types';

export type CommandResult = 'ok' | 'refused' | 'invalid' | 'rate_limited' | 'failed';

export interface ServerMetrics {
  registry: Registry;
  framesSent: Counter;
  framesSkipped: Counter;
  frameBytesSent: Counter;
  commands: Counter<'result'>;
  clientsDropped: Counter<'reason'>;
  connectionsRefused: Counter<'reason'>;
  /** Prometheus text for the scrape. */
  text(): Promise<string>;
  contentType: string;
}

export interface MetricsSources {
  sessions: SessionDirectory;
  /** Connected clients in total. */
  clients(): number;
  /** Connected clients in one session's room. */
  sessionClients(sessionId: string): number;
}

export function createMetrics(src: MetricsSources): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  new Gauge({
    name: 'heattwin_sessions',
    help: 'Sessions by status',
    labelNames: ['status'],
    registers,
    collect() {
      this.reset();
      for (const s of src.sessions.list()) this.inc({ status: s.info().status });
    },
  });
  new Gauge({
    name: 'heattwin_clients',
    help: 'Connected socket.io clients',
    registers,
    collect() {
      this.set(src.clients());
    },
  });
  new Gauge({
    name: 'heattwin_session_clients',
    help: 'Viewers joined to each session',
    labelNames: ['session'],
    registers,
    collect() {
      this.reset();
      for (const s of src.sessions.list()) this.set({ session: s.id }, src.sessionClients(s.id));
    },
  });
  new Gauge({
    name: 'heattwin_sim_step_seconds',
    help: 'Mean wall time of one simulation step (s)',
    labelNames: ['session'],
    registers,
    collect() {
      this.reset();
      for (const s of src.sessions.list()) this.set({ session: s.id }, s.stats().stepTimeMsAvg / 1000);
    },
  });
  new Gauge({
    name: 'heattwin_sim_steps_per_second',
    help: 'Simulation steps per wall-clock second',
    labelNames: ['session'],
    registers,
    collect() {
      this.reset();
      for (const s of src.sessions.list()) this.set({ session: s.id }, s.stats().stepsPerSecond);
    },
  });
  new Counter({
    name: 'heattwin_hydraulic_nonconverged_steps_total',
    help: 'Simulation steps whose hydraulic solve did not converge',
    labelNames: ['session'],
    registers,
    collect() {
      // The worker keeps the count; the scrape reads it (a counter that resets when its session restarts).
      this.reset();
      for (const s of src.sessions.list()) this.inc({ session: s.id }, s.stats().hydraulicNonConvergedSteps);
    },
  });

  return {
    registry,
    framesSent: new Counter({ name: 'heattwin_frames_sent_total', help: 'Frames written to clients', registers }),
    framesSkipped: new Counter({
      name: 'heattwin_frames_skipped_total',
      help: 'Frames skipped for clients whose transport was busy (latest-value semantics)',
      registers,
    }),
    frameBytesSent: new Counter({ name: 'heattwin_frame_bytes_sent_total', help: 'Frame payload bytes written to clients', registers }),
    commands: new Counter({ name: 'heattwin_commands_total', help: 'Commands by outcome', labelNames: ['result'], registers }),
    clientsDropped: new Counter({ name: 'heattwin_clients_dropped_total', help: 'Sockets closed by the server', labelNames: ['reason'], registers }),
    connectionsRefused: new Counter({
      name: 'heattwin_connections_refused_total',
      help: 'Socket handshakes refused',
      labelNames: ['reason'],
      registers,
    }),
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
