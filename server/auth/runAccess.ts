/**
 * Who may do what in a training run's session, beyond the session's own tokens: the run's instructor, by a live
 * login token, is its instructor; a trainee, by the token joining the run gave, is an operator there while the
 * run is open. Neither token gives anything in any other session. Every command answered in a run's session is
 * written to the run's record (queries aside) before its acknowledgement goes out (socketServer.ts).
 */
import type { Command, CommandAck, Role } from '../../shared/protocol/commands';
import { isQueryCommand, type Actor, type Run, type RunRecords } from '../records/runRecords';
import type { AuthSessions } from './authSessions';
import { tokenHash } from './tokens';

export class RunAccess {
  constructor(
    private readonly records: RunRecords,
    private readonly auth: AuthSessions,
  ) {}

  /** The role and person a token stands for in a session; undefined when the token means nothing there. */
  roleFor(sessionId: string, token: string): { role: Role; actor: Actor } | undefined {
    const run = this.records.runBySession(sessionId);
    if (!run) return undefined;
    const who = this.whoInRun(run, token);
    if (who?.kind === 'instructor') return { role: 'instructor', actor: who };
    if (who?.kind === 'trainee' && run.status === 'open') return { role: 'operator', actor: who };
    return undefined;
  }

  /** The run's instructor or one of its trainees, by token; undefined for anyone else. */
  whoInRun(run: Run, token: string | undefined): Extract<Actor, { kind: 'trainee' | 'instructor' }> | undefined {
    if (!token) return undefined;
    const login = this.auth.authenticate(token);
    if (login && login.instructor.id === run.instructorId)
      return { kind: 'instructor', id: login.instructor.id, name: login.instructor.name };
    const trainee = this.records.traineeByTokenHash(tokenHash(token));
    if (trainee && trainee.runId === run.id) return { kind: 'trainee', id: trainee.id, name: trainee.name };
    return undefined;
  }

  /** Records a command answered in a run's session; sessions without a run are none of its business. */
  commandAnswered(sessionId: string, actor: Actor | undefined, command: Command, ack: CommandAck): void {
    if (isQueryCommand(command)) return;
    const run = this.records.runBySession(sessionId);
    if (run) this.records.recordAction(run.id, actor ?? { kind: 'session' }, command, ack);
  }
}
