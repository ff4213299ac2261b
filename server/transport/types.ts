/**
 * What the transport needs from the session layer (server/session): the structural subset of
 * `Session` and `SessionRegistry` it calls. Coding against this subset keeps the transport testable with a
 * stand-in session (e.g. one that streams oversized frames to check back-pressure).
 */
import type { Session } from '../session/session';
import type { SessionRegistry } from '../session/registry';

export type TwinSession = Pick<
  Session,
  | 'id'
  | 'isPublic'
  | 'scenario'
  | 'tokens'
  | 'info'
  | 'latestFrame'
  | 'on'
  | 'command'
  | 'history'
  | 'historyCsv'
  | 'roleForToken'
  | 'stats'
  | 'restart'
>;

export interface SessionDirectory {
  get(id: string): TwinSession | undefined;
  list(): TwinSession[];
  create(body: Parameters<SessionRegistry['create']>[0]): Promise<TwinSession>;
  delete(id: string): Promise<boolean>;
}

/** The socket.io room of a session's viewers. */
export const roomOf = (sessionId: string): string => `session:${sessionId}`;
