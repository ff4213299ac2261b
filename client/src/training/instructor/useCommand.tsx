/**
 * Sends the station's commands over the run's socket (net/socket.ts) and keeps, per panel, whether one is on
 * its way and the server's refusal, so each panel shows its own error next to the control that caused it; with
 * the line that shows such an error and the wording of a form's own validation error (the server's `field:
 * message`).
 */
import { useCallback, useState } from 'react';
import { sendCommand } from '../../net/socket';
import type { Command, CommandAck } from '../../../../shared/protocol/commands';

export interface CommandRunner {
  busy: boolean;
  error: string | null;
  setError: (error: string | null) => void;
  /** Sends the command; the ack is returned and a refusal is also kept in `error`. */
  send: (command: Command) => Promise<CommandAck>;
}

export function useCommand(): CommandRunner {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = useCallback(async (command: Command) => {
    setBusy(true);
    const ack = await sendCommand(command);
    setBusy(false);
    setError(ack.ok ? null : ack.error);
    return ack;
  }, []);
  return { busy, error, setError, send };
}

/** The first zod issue as `field: message`, the way the server words its refusals. */
export function issueText(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const issue = issues[0];
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** A refusal line under a panel's controls. */
export function CommandError({ error }: { error: string | null }) {
  return error ? (
    <p className="ins-error" role="alert">
      {error}
    </p>
  ) : null;
}
