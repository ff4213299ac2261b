/**
 * The run's log for the trainee: the record's lines as the session tells them and the trainee's own notes
 * (kept in this page only, stamped with the simulation time they were written at), in the shared EventLog; a
 * note field (Enter adds) and the hint button, which asks for the exercise's next hint after confirmation
 * since a hint costs points.
 */
import { useState, type FormEvent } from 'react';
import { liveFrame } from '../../net/liveFrame';
import { useTraining } from '../../state/trainingStore';
import { EventLog, type LogLine } from '../common/EventLog';
import { askConfirm } from './confirmStore';

export function TraineeLog({ canAct }: { canAct: boolean }) {
  const events = useTraining((s) => s.events);
  const [notes, setNotes] = useState<LogLine[]>([]);
  const [draft, setDraft] = useState('');

  const addNote = (e: FormEvent) => {
    e.preventDefault();
    const text = draft.trim();
    if (!text) return;
    const simTimeS = liveFrame.frame?.header.simTimeS ?? 0;
    setNotes((n) => [...n, { key: `note-${n.length}`, simTimeS, kind: 'note', text }]);
    setDraft('');
  };

  const lines: LogLine[] = [
    ...events.map((e, i) => ({ key: `event-${i}`, simTimeS: e.simTimeS, atS: e.atS, kind: e.kind, text: e.text })),
    ...notes,
  ];
  return (
    <section className="tr-panel tr-logpanel" aria-labelledby="tr-log-title">
      <h2 className="tr-h" id="tr-log-title">
        Event log
        <span className="tr-spacer" />
        {canAct && (
          <button
            type="button"
            onClick={() => askConfirm('Ask for a hint (it costs points)', { type: 'hint', action: 'ask' })}
          >
            Hint
          </button>
        )}
      </h2>
      <form className="tr-note-form" onSubmit={addNote}>
        <input
          aria-label="Note for the log"
          placeholder="Add a note (Enter)"
          value={draft}
          maxLength={500}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" disabled={!draft.trim()}>
          Note
        </button>
      </form>
      <EventLog lines={lines} />
    </section>
  );
}
