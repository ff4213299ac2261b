/**
 * The exercise's briefing and objectives (from the run's record, GET /api/runs/:id) in a modal dialog that the
 * status bar's button opens; Escape or Close shuts it and gives the focus back to that button.
 */
import { useEffect, useRef } from 'react';
import type { ExerciseBrief } from '../../../../shared/protocol/runs';

function objectiveLines(o: ExerciseBrief['objectives']): string[] {
  const lines: string[] = [];
  if (o.supplyBelowSetpointK !== undefined)
    lines.push(`Supply temperature at most ${o.supplyBelowSetpointK} K below its set-point`);
  if (o.worstConsumerDpPa !== undefined)
    lines.push(`Worst-placed consumer's differential pressure at least ${(o.worstConsumerDpPa / 1e3).toFixed(0)} kPa`);
  if (o.indoor) lines.push(`No building below ${o.indoor.belowC} °C indoors for longer than ${o.indoor.graceMin} min`);
  return lines;
}

export interface BriefingDialogProps {
  brief: ExerciseBrief | null;
  open: boolean;
  onClose: () => void;
}

export function BriefingDialog({ brief, open, onClose }: BriefingDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="tr-dialog tr-briefing"
      aria-labelledby="tr-briefing-title"
      data-testid="briefing"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="tr-briefing-title" className="tr-h">
        {brief ? brief.title : 'Briefing'}
      </h2>
      {brief ? (
        <>
          <p className="tr-label">Duration {brief.durationMin} min</p>
          <p className="tr-briefing-text">{brief.briefing}</p>
          <h3 className="tr-h">Objectives</h3>
          <ul>
            {objectiveLines(brief.objectives).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>The exercise&apos;s briefing is not available.</p>
      )}
      <div className="tr-dialog-buttons">
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
