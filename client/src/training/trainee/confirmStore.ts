/**
 * The one action waiting for the trainee's confirmation: any control asks here, and the console's single
 * ControlDialog shows it. Holding it outside the controls lets the unit grid's rows stay static DOM.
 */
import { createStore, useStore } from 'zustand';
import type { Command } from '../../../../shared/protocol/commands';

export interface PendingAction {
  /** What the action does, in words, as the dialog names it. */
  label: string;
  command: Command;
}

const confirmStore = createStore<{ pending: PendingAction | null }>()(() => ({ pending: null }));

export function askConfirm(label: string, command: Command): void {
  confirmStore.setState({ pending: { label, command } });
}

export function dismissConfirm(): void {
  confirmStore.setState({ pending: null });
}

export function usePending(): PendingAction | null {
  return useStore(confirmStore, (s) => s.pending);
}
