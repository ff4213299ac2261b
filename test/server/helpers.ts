/** Real socket.io clients and HTTP helpers for the server integration tests (server set-up: harness.ts). */
import type { Socket as TcpSocket } from 'node:net';
import type { Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type { CommandAck } from '../../shared/protocol/commands';
import { EVENTS } from '../../shared/protocol/events';
import type { History, JoinAck } from '../../shared/protocol/session';

export function client(url: string, opts: Parameters<typeof connect>[1] = {}): Socket {
  return connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...opts });
}

export function connected(socket: Socket): Promise<void> {
  return socket.connected ? Promise.resolve() : new Promise((res, rej) => {
    socket.once('connect', () => res());
    socket.once('connect_error', rej);
  });
}

/** Emits with an ack and waits for it (fails the test after `ms`); T is what the server answers `event` with. */
function request<T>(socket: Socket, event: string, payload: unknown, ms = 5000): Promise<T> {
  return socket.timeout(ms).emitWithAck(event, payload) as Promise<T>;
}

/** The answer to `history`: the rows, or a refusal (validation, rate limit, no session joined). */
export type HistoryAck = History | { ok: false; error: string };

// The payloads are `unknown`: tests also send what the protocol forbids, to see it refused.
export const joinSession = (socket: Socket, payload: unknown, ms?: number) => request<JoinAck>(socket, EVENTS.join, payload, ms);
export const sendCommand = (socket: Socket, payload: unknown, ms?: number) => request<CommandAck>(socket, EVENTS.command, payload, ms);
export const requestHistory = (socket: Socket, payload: unknown, ms?: number) => request<HistoryAck>(socket, EVENTS.history, payload, ms);

/** The error of a refused answer; undefined when it was not refused. */
export function refusal(ack: JoinAck | CommandAck | HistoryAck): string | undefined {
  return 'error' in ack ? ack.error : undefined;
}

/** The answer to an accepted join; a refusal fails the test with its error. */
export function joined(ack: JoinAck): Extract<JoinAck, { ok: true }> {
  if (!ack.ok) throw new Error(`join refused: ${ack.error}`);
  return ack;
}

/** The rows of a history answer; a refusal fails the test with its error. */
export function historyRows(ack: HistoryAck): History {
  if ('error' in ack) throw new Error(`history refused: ${ack.error}`);
  return ack;
}

/** The result of an accepted command; a refusal fails the test with its error. */
export function commandResult(ack: CommandAck): unknown {
  if (!ack.ok) throw new Error(`command refused: ${ack.error}`);
  return ack.result;
}

export function nextEvent<T = unknown>(socket: Socket, event: string, ms = 5000): Promise<T> {
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no "${event}" within ${ms} ms`)), ms);
    socket.once(event, (v: T) => {
      clearTimeout(timer);
      res(v);
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The REST API's error answer: `{ error: 'field: message' }`. */
export interface ApiError {
  error: string;
}

/** The answer to creating a session (201). */
export interface CreatedSession {
  id: string;
  tokens: { operator: string; instructor: string };
}

/** An HTTP answer; `body` is its JSON (undefined when it is not JSON), of the type T the caller expects. */
export interface HttpAnswer<T> {
  status: number;
  body: T;
  text: string;
  type: string;
}

export async function http<T = unknown>(base: string, path: string, init?: RequestInit): Promise<HttpAnswer<T>> {
  const res = await fetch(base + path, init);
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: body as T, text, type: res.headers.get('content-type') ?? '' };
}

export const postJson = <T = unknown>(base: string, path: string, body: unknown) =>
  http<T>(base, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

type QueuedPacket = { data?: { length?: number } };

/** The server side of a connection: the ws socket under it (its TCP socket is `_socket`) and engine.io's queue. */
export interface ServerConnection {
  ws: { bufferedAmount: number; _socket: TcpSocket };
  /** The packets engine.io holds back for the socket (a new array after each flush, so ask each time). */
  queued(): QueuedPacket[];
}

/*
 * Transport internals the back-pressure tests reach into, which the libraries keep private: the client's TCP
 * socket under its websocket (engine.io-client -> ws -> net.Socket), and the server side of a connection.
 */
export function clientTcp(socket: Socket): TcpSocket {
  return (socket.io.engine.transport as unknown as { ws: { _socket: TcpSocket } }).ws._socket;
}

export function serverConnection(socket: Pick<ServerSocket, 'conn'>): ServerConnection {
  const conn = socket.conn as unknown as { writeBuffer: QueuedPacket[]; transport: { socket: ServerConnection['ws'] } };
  return { ws: conn.transport.socket, queued: () => conn.writeBuffer };
}
