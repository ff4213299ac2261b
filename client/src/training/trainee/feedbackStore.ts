/**
 * The console's answer line: what the last command came to (done, or refused with the server's reason). The
 * dialogs write it and the console shows it where the eye is, so a refusal is never lost in a closed dialog.
 */
import { createStore, useStore } from 'zustand';
import type { Command, CommandAck } from '../../../../shared/protocol/commands';
import { sendCommand } from '../../net/socket';

export interface Feedback {
  ok: boolean;
  text: string;
  /** Counts answers, so the same text twice still reads as a new answer. */
  seq: number;
}

const feedbackStore = createStore<{ last: Feedback | null }>()(() => ({ last: null }));

export function useFeedback(): Feedback | null {
  return useStore(feedbackStore, (s) => s.last);
}

/** Sends a command and writes its outcome, named by `label`, to the answer line. */
export async function runCommand(label: string, command: Command): Promise<CommandAck> {
  const ack = await sendCommand(command);
  const seq = (feedbackStore.getState().last?.seq ?? 0) + 1;
  const text = ack.ok ? `${label}: done` : `${label}: refused — ${ack.error}`;
  feedbackStore.setState({ last: { ok: ack.ok, text, seq } });
  return ack;
}
