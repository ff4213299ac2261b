/**
 * The live twin's Socket.IO endpoint (event names and payloads: shared/protocol/events.ts).
 *
 *   join     {sessionId, token?, scenarioHash?} -> ack JoinAck; emits `scenario` (unless scenarioHash is the
 *                                   session's) then `snapshot` (the latest frame), then the socket is in the
 *                                   session's room and gets `frame` (~10 Hz), `kpi` (~1 Hz) and `alarm`. Joining
 *                                   the session the socket is already in only answers (a token may change the
 *                                   role); a reconnect makes a new server socket and gets a snapshot.
 *   command  Command              -> ack CommandAck: rate-limited, zod-validated (parseCommand), role-checked
 *                                   (requiredRole/roleAllows); the public session refuses every command.
 *   history  HistoryRequest       -> ack History | {ok:false, error}
 *
 * Training runs (options.access, server/auth/runAccess.ts): a token that is not the session's own may still give
 * a role there, a run's instructor login (instructor) or its trainee token (operator), in that run's session
 * only. Every command answered in a session is handed to access.commandAnswered before its ack is sent, so a
 * run's record holds it (on disk: the records are synchronous SQLite) before the client learns it was done.
 * A training session's `runEvent`s go to the room, save the instructor's (malfunctions injected and cleared),
 * which go to its instructor sockets only; its `score`s go to the room; its `readings` go to the room with the
 * truth behind each transmitter for its instructor sockets only.
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
 * Error texts are capped (shared/protocol/issueMessage.ts), so a reply is never much bigger than a request.
 *
 * Edges (limits.ts): a handshake needs an allowed Origin (origin.ts) and fewer than `socketsPerAddress`
 * sockets open from its address; joins are limited per address as well as per socket. Reliable packets (the
 * scenario, snapshots, acks, alarms) queue for a client that stops reading; once its queue passes
 * `maxQueuedBytes` beyond the scenario it was sent, the socket is cut (heattwin_clients_dropped_total).
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Server, type DefaultEventsMap, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import { EVENTS } from '../../shared/protocol/events';
import {
  parseCommand,
  requiredRole,
  roleAllows,
  type Command,
  type CommandAck,
  type Role,
} from '../../shared/protocol/commands';
import { historyRequestSchema, joinSchema, type Alarm, type JoinAck, type KpiSample } from '../../shared/protocol/session';
import { traineeMaySee } from '../../shared/protocol/runs';
import type { LiveScore, Readings, RunEvent } from '../../shared/protocol/training';
import { withoutTruth } from '../training/transmitters';
import type { Actor } from '../records/runRecords';
import { capText } from '../../shared/protocol/issueMessage';
import { clientAddress } from './clientAddress';
import { defaultEdgeLimits, type EdgeLimits } from './limits';
import { originAllowed } from './origin';
import { AddressRateLimiter, DEFAULT_COMMAND_RATE, TokenBucket, type RateLimit } from './rateLimit';
import type { ServerMetrics } from './metrics';
import { scenarioDigest } from './scenarioDigest';
import { roomOf, type SessionDirectory, type TwinSession } from './types';
import { issueMessage } from '../../shared/protocol/issueMessage';
import { errorText } from './validation';

export interface SocketServerOptions {
  sessions: SessionDirectory;
  logger: Logger;
  metrics: ServerMetrics;
  /** Requests (join, command, history) per socket; default 10/s, burst 20. */
  requestRate?: RateLimit;
  /** Largest client message (bytes); larger ones disconnect the client. Default 64 KiB. */
  maxPayloadBytes?: number;
  /** Per-address and per-socket limits (limits.ts); the session ones are the REST side's. */
  limits?: Pick<EdgeLimits, 'socketsPerAddress' | 'joinRate' | 'maxQueuedBytes'>;
  /** Origins whose pages may connect (origin.ts); empty: the server's own origin only. */
  allowedOrigins?: readonly string[];
  /** Roles and records of training runs' sessions; none: only the sessions' own tokens count. */
  access?: SessionAccess;
}

/** What the socket server asks about sessions that belong to a training run (server/auth/runAccess.ts). */
export interface SessionAccess {
  /** The role (and who it is) a token other than the session's own gives there; undefined: none. */
  roleFor(sessionId: string, token: string): { role: Role; actor: Actor } | undefined;
  /** A command was answered; called before the ack is sent. Throws when it could not keep what it must. */
  commandAnswered(sessionId: string, actor: Actor | undefined, command: Command, ack: CommandAck): void;
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
  /** Who the role was given to, when a training run's token gave it. */
  actor: Actor | undefined;
  bucket: TokenBucket;
  address: string;
  /** Characters of scenario JSON this socket was sent on joining: allowed in its queue beyond the limit. */
  scenarioAllowance: number;
}

type TwinSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;
type Reply = (value: unknown) => void;
type Handler = (socket: TwinSocket, payload: unknown, reply: Reply) => void | Promise<void>;

export function attachSocketServer(httpServer: HttpServer, opts: SocketServerOptions): TwinSocketServer {
  const { sessions, logger, metrics } = opts;
  const rate = opts.requestRate ?? DEFAULT_COMMAND_RATE;
  const limits = opts.limits ?? defaultEdgeLimits();
  const allowedOrigins = opts.allowedOrigins ?? [];
  const joinsByAddress = new AddressRateLimiter(limits.joinRate);
  /** Open sockets per client address. */
  const socketsByAddress = new Map<string, number>();

  const allowRequest = (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    if (!originAllowed(req.headers.origin, req.headers.host, allowedOrigins)) {
      metrics.connectionsRefused.inc({ reason: 'origin' });
      return callback('origin not allowed', false);
    }
    const address = clientAddress(req.socket.remoteAddress);
    if ((socketsByAddress.get(address) ?? 0) >= limits.socketsPerAddress) {
      metrics.connectionsRefused.inc({ reason: 'address' });
      return callback(`too many connections from this address (at most ${limits.socketsPerAddress})`, false);
    }
    callback(null, true);
  };

  const io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: opts.maxPayloadBytes ?? 64 * 1024,
    // Frames are small binary messages sent 10 times a second; compression would cost CPU per client.
    perMessageDeflate: false,
    allowRequest,
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
    const eachMember = (fn: (member: TwinSocket) => void): void => {
      for (const id of rooms.get(room) ?? []) {
        const member = sockets.get(id) as TwinSocket | undefined;
        if (member) fn(member);
      }
    };
    const onRunEvent = (e: RunEvent): void => {
      if (traineeMaySee(e)) return void io.to(room).emit(EVENTS.runEvent, e);
      eachMember((m) => m.data.role === 'instructor' && m.emit(EVENTS.runEvent, e));
    };
    const onScore = (s: LiveScore): void => void io.to(room).emit(EVENTS.score, s);
    const onReadings = (r: Readings): void => {
      const measuredOnly = withoutTruth(r);
      eachMember((m) => m.emit(EVENTS.readings, m.data.role === 'instructor' ? r : measuredOnly));
    };
    subscriptions.set(session.id, [
      session.on('frame', onFrame),
      session.on('kpi', onKpi),
      session.on('alarm', onAlarm),
      session.on('runEvent', onRunEvent),
      session.on('score', onScore),
      session.on('readings', onReadings),
    ]);
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
          ack(isRefusal(value) ? { ...value, error: capText(value.error) } : value);
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
    const answer = (a: JoinAck): void => reply(a);
    const parsed = joinSchema.safeParse(payload);
    if (!parsed.success) return answer({ ok: false, error: issueMessage(parsed.error) });
    const { sessionId, token, scenarioHash } = parsed.data;
    const session = sessions.get(sessionId);
    if (!session) return answer({ ok: false, error: `sessionId: no session "${sessionId}"` });
    let role = session.roleForToken(token);
    let actor: Actor | undefined;
    const granted = token !== undefined && role === 'viewer' ? opts.access?.roleFor(sessionId, token) : undefined;
    if (granted) ({ role, actor } = granted);
    if (token !== undefined && role === 'viewer') return answer({ ok: false, error: `token: not valid for session "${sessionId}"` });
    const digest = scenarioDigest(session.scenario);
    if (socket.data.sessionId === sessionId) {
      // Already in the room with the scenario and the frames: nothing to send again.
      socket.data.role = role;
      socket.data.actor = actor;
      return answer({ ok: true, role, scenarioHash: digest.hash, scenarioSent: false });
    }
    const address = socket.data.address;
    if (!joinsByAddress.take(address, performance.now()))
      return answer({
        ok: false,
        error: `rate: too many joins from this address (burst ${limits.joinRate.burst}, ${limits.joinRate.ratePerS}/s); retry in ${joinsByAddress.retryAfterMs(address)} ms`,
      });
    if (socket.data.sessionId !== null) void socket.leave(roomOf(socket.data.sessionId));
    socket.data.sessionId = sessionId;
    socket.data.role = role;
    socket.data.actor = actor;
    const scenarioSent = scenarioHash !== digest.hash;
    if (scenarioSent) {
      socket.data.scenarioAllowance = digest.jsonChars;
      socket.emit(EVENTS.scenario, session.scenario);
    }
    const frame = session.latestFrame();
    if (frame) socket.emit(EVENTS.snapshot, frame);
    subscribe(session);
    void socket.join(roomOf(sessionId));
    logger.debug({ socket: socket.id, session: sessionId, role, scenarioSent }, 'joined');
    answer({ ok: true, role, scenarioHash: digest.hash, scenarioSent });
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
    let ack: CommandAck;
    try {
      ack = await session.command(parsed.command);
    } catch (err) {
      metrics.commands.inc({ result: 'failed' });
      return reply({ ok: false, error: errorText(err) });
    }
    try {
      opts.access?.commandAnswered(session.id, socket.data.actor, parsed.command, ack);
    } catch (err) {
      // The session did it, but the record that must hold it could not be written: the client is told so.
      metrics.commands.inc({ result: 'failed' });
      logger.error({ session: session.id, err: errorText(err), command: parsed.command }, 'command not recorded');
      return reply({ ok: false, error: `record: ${ack.ok ? 'done' : 'refused'} but not recorded: ${errorText(err)}` });
    }
    metrics.commands.inc({ result: ack.ok ? 'ok' : 'failed' });
    logger.info({ session: session.id, role: socket.data.role, command: parsed.command, ok: ack.ok }, 'command');
    reply(ack);
  };

  const onHistory: Handler = async (socket, payload, reply) => {
    const session = joinedSession(socket, reply);
    if (!session) return;
    const parsed = historyRequestSchema.safeParse(payload ?? {});
    if (!parsed.success) return reply({ ok: false, error: issueMessage(parsed.error) });
    try {
      reply(await session.history(parsed.data));
    } catch (err) {
      reply({ ok: false, error: errorText(err) });
    }
  };

  /** Cuts a socket at once: a WebSocket is destroyed rather than closed, since a close would queue too. */
  function drop(socket: TwinSocket, reason: 'backlog', queuedBytes: number): void {
    metrics.clientsDropped.inc({ reason });
    logger.warn({ socket: socket.id, address: socket.data.address, queuedBytes }, 'client dropped: it stopped reading');
    const ws = (socket.conn.transport as { socket?: { terminate?: () => void } }).socket;
    if (typeof ws?.terminate === 'function') ws.terminate();
    else socket.conn.close(true);
  }

  /**
   * Counts what waits for this client: packets in engine.io's write buffer (emptied into the transport on
   * each flush) plus the WebSocket's buffered amount (what ws and the net.Socket hold above the kernel).
   * Checked as each packet is created; the drop waits a tick so as not to cut a socket inside an emit.
   */
  function boundQueue(socket: TwinSocket): void {
    const conn = socket.conn;
    let pendingBytes = 0;
    let dropping = false;
    conn.on('flush', () => void (pendingBytes = 0));
    conn.on('packetCreate', (packet: { data?: unknown }) => {
      pendingBytes += packetBytes(packet.data);
      if (dropping) return;
      const transportBytes = (conn.transport as { socket?: { bufferedAmount?: number } }).socket?.bufferedAmount ?? 0;
      const queued = pendingBytes + transportBytes;
      if (queued <= limits.maxQueuedBytes + socket.data.scenarioAllowance) return;
      dropping = true;
      setImmediate(() => drop(socket, 'backlog', queued));
    });
  }

  io.on('connection', (raw) => {
    const socket = raw as unknown as TwinSocket;
    const address = clientAddress(socket.conn.remoteAddress);
    socket.data = {
      sessionId: null,
      role: 'viewer',
      actor: undefined,
      bucket: new TokenBucket(rate, performance.now()),
      address,
      scenarioAllowance: 0,
    };
    socketsByAddress.set(address, (socketsByAddress.get(address) ?? 0) + 1);
    socket.on('disconnect', () => {
      const n = (socketsByAddress.get(address) ?? 1) - 1;
      if (n > 0) socketsByAddress.set(address, n);
      else socketsByAddress.delete(address);
    });
    boundQueue(socket);
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

function isRefusal(value: unknown): value is { ok: false; error: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === false && typeof v.error === 'string';
}

/** Bytes (strings: UTF-16 code units, about their UTF-8 size for JSON) of an engine.io packet's data. */
function packetBytes(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}
