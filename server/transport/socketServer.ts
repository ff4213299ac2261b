/**
 * The live twin's Socket.IO endpoint (event names and payloads: shared/protocol/events.ts).
 *
 *   join     {sessionId, token?}  -> ack {ok, role} | {ok:false, error}; emits `scenario` then `snapshot`
 *                                   (the latest frame), then the socket is in the session's room and gets
 *                                   `frame` (~10 Hz), `kpi` (~1 Hz) and `alarm`. Re-joining (e.g. after a
 *                                   reconnect, which makes a new server socket) gives a fresh scenario+snapshot.
 *   command  Command              -> ack CommandAck: rate-limited, zod-validated (parseCommand), role-checked
 *                                   (requiredRole/roleAllows); the public session refuses every command.
 *   history  HistoryRequest       -> ack History | {ok:false, error}
 *
 * Latest-value streaming: frames and KPIs go out as socket.io *volatile* broadcasts. socket.io drops a
 * volatile packet for a client whose engine.io transport is not writable, i.e. whose previous write has not
 * yet been taken by the kernel (websocket: the ws send callback has not fired). A slow or paused client thus
 * skips frames: at most one frame per client sits in user space, the rest is bounded by the kernel's socket
 * buffer. The broadcast encodes each frame once for all clients (socket.io-adapter pre-encodes the WebSocket
 * frame). Alarms and the join replies are reliable (non-volatile).
 *
 * Robustness: each handler takes any argument list (non-objects, binary, missing ack, extra arguments); every
 * payload goes through zod before use; thrown errors and rejected promises become `{ok:false, error}` and a
 * log line, never an uncaught exception. Messages over `maxPayloadBytes` make engine.io drop that client.
 */
import type { Server as HttpServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Server, type DefaultEventsMap, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import { EVENTS } from '../../shared/protocol/events';
import { parseCommand, requiredRole, roleAllows, type Role } from '../../shared/protocol/commands';
import { historyRequestSchema, joinSchema, type Alarm, type KpiSample } from '../../shared/protocol/session';
import { DEFAULT_COMMAND_RATE, TokenBucket, type RateLimit } from './rateLimit';
import type { ServerMetrics } from './metrics';
import { roomOf, type SessionDirectory, type TwinSession } from './types';
import { errorText, zodMessage } from './validation';

export interface SocketServerOptions {
  sessions: SessionDirectory;
  logger: Logger;
  metrics: ServerMetrics;
  /** Requests (join, command, history) per socket; default 10/s, burst 20. */
  requestRate?: RateLimit;
  /** Largest client message (bytes); larger ones disconnect the client. Default 64 KiB. */
  maxPayloadBytes?: number;
}

export interface TwinSocketServer {
  io: Server;
  clientCount(): number;
  sessionClients(sessionId: string): number;
  /** Tells a deleted session's viewers and takes them out of its room. */
  sessionRemoved(sessionId: string): void;
  close(): Promise<void>;
}

interface SocketData {
  sessionId: string | null;
  role: Role;
  bucket: TokenBucket;
}

type TwinSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;
type Reply = (value: unknown) => void;
type Handler = (socket: TwinSocket, payload: unknown, reply: Reply) => void | Promise<void>;

export function attachSocketServer(httpServer: HttpServer, opts: SocketServerOptions): TwinSocketServer {
  const { sessions, logger, metrics } = opts;
  const rate = opts.requestRate ?? DEFAULT_COMMAND_RATE;
  const io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: opts.maxPayloadBytes ?? 64 * 1024,
    // Frames are small binary messages sent 10 times a second; compression would cost CPU per client.
    perMessageDeflate: false,
  });
  const rooms = io.of('/').adapter.rooms;
  const sockets = io.of('/').sockets;

  /** Session id -> unsubscribe functions, while the session has viewers. */
  const subscriptions = new Map<string, (() => void)[]>();

  function subscribe(session: TwinSession): void {
    if (subscriptions.has(session.id)) return;
    const room = roomOf(session.id);
    const onFrame = (buf: ArrayBuffer): void => {
      const members = rooms.get(room);
      if (!members || members.size === 0) return;
      // Count who will get it: socket.io drops volatile packets for non-writable transports silently.
      let writable = 0;
      for (const id of members) if (sockets.get(id)?.conn.transport.writable) writable++;
      io.to(room).volatile.emit(EVENTS.frame, buf);
      metrics.framesSent.inc(writable);
      if (members.size > writable) metrics.framesSkipped.inc(members.size - writable);
      metrics.frameBytesSent.inc(writable * buf.byteLength);
    };
    const onKpi = (k: KpiSample): void => void io.to(room).volatile.emit(EVENTS.kpi, k);
    const onAlarm = (a: Alarm): void => void io.to(room).emit(EVENTS.alarm, a);
    subscriptions.set(session.id, [session.on('frame', onFrame), session.on('kpi', onKpi), session.on('alarm', onAlarm)]);
  }

  function unsubscribe(sessionId: string): void {
    const unsubs = subscriptions.get(sessionId);
    if (!unsubs) return;
    subscriptions.delete(sessionId);
    for (const u of unsubs) u();
  }

  io.of('/').adapter.on('delete-room', (room: string) => {
    if (room.startsWith('session:')) unsubscribe(room.slice('session:'.length));
  });

  /** Wraps a handler: any arguments, optional ack, rate limit, and no exception escapes. */
  function on(socket: TwinSocket, event: string, handler: Handler): void {
    socket.on(event, (...args: unknown[]) => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as (v: unknown) => void) : undefined;
      const payload = ack && args.length === 1 ? undefined : args[0];
      let replied = false;
      const reply: Reply = (value) => {
        if (replied || !ack) return;
        replied = true;
        try {
          ack(value);
        } catch (err) {
          logger.warn({ err: errorText(err), event }, 'ack failed');
        }
      };
      const fail = (err: unknown): void => {
        logger.error({ err: errorText(err), event, socket: socket.id }, 'handler failed');
        reply({ ok: false, error: `internal: ${errorText(err)}` });
      };
      try {
        if (!socket.data.bucket.take(performance.now())) {
          if (event === EVENTS.command) metrics.commands.inc({ result: 'rate_limited' });
          reply({
            ok: false,
            error: `rate: too many requests (limit ${rate.ratePerS}/s, burst ${rate.burst}); retry in ${socket.data.bucket.retryAfterMs()} ms`,
          });
          return;
        }
        const result = handler(socket, payload, reply);
        if (result) result.catch(fail);
      } catch (err) {
        fail(err);
      }
    });
  }

  function joinedSession(socket: TwinSocket, reply: Reply): TwinSession | undefined {
    const id = socket.data.sessionId;
    if (id === null) {
      reply({ ok: false, error: 'sessionId: join a session first' });
      return undefined;
    }
    const session = sessions.get(id);
    if (!session) reply({ ok: false, error: `sessionId: session "${id}" no longer exists` });
    return session;
  }

  const onJoin: Handler = (socket, payload, reply) => {
    const parsed = joinSchema.safeParse(payload);
    if (!parsed.success) return reply({ ok: false, error: zodMessage(parsed.error) });
    const { sessionId, token } = parsed.data;
    const session = sessions.get(sessionId);
    if (!session) return reply({ ok: false, error: `sessionId: no session "${sessionId}"` });
    const role = session.roleForToken(token);
    if (token !== undefined && role === 'viewer') return reply({ ok: false, error: `token: not valid for session "${sessionId}"` });
    if (socket.data.sessionId !== null && socket.data.sessionId !== sessionId) void socket.leave(roomOf(socket.data.sessionId));
    socket.data.sessionId = sessionId;
    socket.data.role = role;
    socket.emit(EVENTS.scenario, session.scenario);
    const frame = session.latestFrame();
    if (frame) socket.emit(EVENTS.snapshot, frame);
    subscribe(session);
    void socket.join(roomOf(sessionId));
    logger.debug({ socket: socket.id, session: sessionId, role }, 'joined');
    reply({ ok: true, role });
  };

  const onCommand: Handler = async (socket, payload, reply) => {
    const session = joinedSession(socket, reply);
    if (!session) return;
    if (session.isPublic) {
      metrics.commands.inc({ result: 'refused' });
      return reply({ ok: false, error: 'role: the public session accepts no commands' });
    }
    const parsed = parseCommand(payload);
    if (!parsed.ok) {
      metrics.commands.inc({ result: 'invalid' });
      return reply({ ok: false, error: parsed.error });
    }
    const needed = requiredRole(parsed.command);
    if (!roleAllows(socket.data.role, needed)) {
      metrics.commands.inc({ result: 'refused' });
      return reply({ ok: false, error: `role: ${socket.data.role} may not send ${parsed.command.type} commands (needs ${needed})` });
    }
    try {
      const ack = await session.command(parsed.command);
      metrics.commands.inc({ result: ack.ok ? 'ok' : 'failed' });
      logger.info({ session: session.id, role: socket.data.role, command: parsed.command, ok: ack.ok }, 'command');
      reply(ack);
    } catch (err) {
      metrics.commands.inc({ result: 'failed' });
      reply({ ok: false, error: errorText(err) });
    }
  };

  const onHistory: Handler = async (socket, payload, reply) => {
    const session = joinedSession(socket, reply);
    if (!session) return;
    const parsed = historyRequestSchema.safeParse(payload ?? {});
    if (!parsed.success) return reply({ ok: false, error: zodMessage(parsed.error) });
    try {
      reply(await session.history(parsed.data));
    } catch (err) {
      reply({ ok: false, error: errorText(err) });
    }
  };

  io.on('connection', (raw) => {
    const socket = raw as unknown as TwinSocket;
    socket.data = { sessionId: null, role: 'viewer', bucket: new TokenBucket(rate, performance.now()) };
    on(socket, EVENTS.join, onJoin);
    on(socket, EVENTS.command, onCommand);
    on(socket, EVENTS.history, onHistory);
    socket.on('error', (err) => logger.warn({ err: errorText(err), socket: socket.id }, 'socket error'));
  });
  io.engine.on('connection_error', (err: { message?: string }) => logger.debug({ err: err.message }, 'connection error'));

  return {
    io,
    clientCount: () => io.engine.clientsCount,
    sessionClients: (id) => rooms.get(roomOf(id))?.size ?? 0,
    sessionRemoved(id) {
      const room = roomOf(id);
      const alarm: Alarm = { simTimeS: 0, severity: 'info', source: 'session', message: `session "${id}" was deleted` };
      io.to(room).emit(EVENTS.alarm, alarm);
      io.to(room).emit(EVENTS.ended, { sessionId: id });
      io.in(room).socketsLeave(room);
      unsubscribe(id);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const id of [...subscriptions.keys()]) unsubscribe(id);
        io.disconnectSockets(true);
        void io.close(() => resolve());
      }),
  };
}
