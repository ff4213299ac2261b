/** Real socket.io clients and HTTP helpers for the server integration tests (server set-up: harness.ts). */
import { io as connect, type Socket } from 'socket.io-client';

export function client(url: string, opts: Parameters<typeof connect>[1] = {}): Socket {
  return connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...opts });
}

export function connected(socket: Socket): Promise<void> {
  return socket.connected ? Promise.resolve() : new Promise((res, rej) => {
    socket.once('connect', () => res());
    socket.once('connect_error', rej);
  });
}

/** Emits with an ack and waits for it (fails the test after `ms`). */
export function request<T = any>(socket: Socket, event: string, payload: unknown, ms = 5000): Promise<T> {
  return socket.timeout(ms).emitWithAck(event, payload) as Promise<T>;
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

export async function http(base: string, path: string, init?: RequestInit): Promise<{ status: number; body: any; text: string; type: string }> {
  const res = await fetch(base + path, init);
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, text, type: res.headers.get('content-type') ?? '' };
}

export const postJson = (base: string, path: string, body: unknown) =>
  http(base, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
