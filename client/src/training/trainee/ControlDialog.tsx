/**
 * The confirmation before any plant action: a modal <dialog> naming the action. The confirm button has the
 * focus, so Enter confirms; Escape (the dialog's cancel) and the Cancel button drop it. The outcome goes to the
 * console's answer line (feedbackStore.ts), a refusal with the server's reason.
 */
import { useEffect, useRef, useState } from 'react';
import { dismissConfirm, usePending } from './confirmStore';
import { runCommand } from './feedbackStore';

export function ControlDialog() {
  const pending = usePending();
  const ref = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (pending && !dialog.open) {
      dialog.showModal();
      confirmRef.current?.focus();
    } else if (!pending && dialog.open) dialog.close();
  }, [pending]);

  const confirm = async () => {
    if (!pending || busy) return;
    setBusy(true);
    await runCommand(pending.label, pending.command);
    setBusy(false);
    dismissConfirm();
  };

  return (
    <dialog
      ref={ref}
      className="tr-dialog"
      aria-labelledby="tr-confirm-title"
      data-testid="confirm-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) dismissConfirm();
      }}
    >
      <h2 id="tr-confirm-title" className="tr-h">
        Confirm action
      </h2>
      <p className="tr-dialog-action">{pending?.label}</p>
      <div className="tr-dialog-buttons">
        <button type="button" onClick={() => dismissConfirm()} disabled={busy}>
          Cancel
        </button>
        <button type="button" ref={confirmRef} className="tr-primary" onClick={() => void confirm()} disabled={busy}>
          {busy ? 'Sending…' : 'Confirm'}
        </button>
      </div>
    </dialog>
  );
}
