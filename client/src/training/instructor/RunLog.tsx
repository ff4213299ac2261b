/**
 * The run as it happens, for the instructor: the trainee's actions and refusals, alarms and acknowledgements,
 * hints, and the malfunctions the instructor (or the exercise) made and cleared, from the session's run events,
 * shown in the consoles' shared log.
 */
import { EventLog, type LogLine } from '../common/EventLog';
import { useTraining } from '../../state/trainingStore';
import type { RunEvent } from '../../../../shared/protocol/training';

function lineOf(e: RunEvent, i: number): LogLine {
  return { key: `${i}`, simTimeS: e.simTimeS, atS: e.atS, kind: e.kind, text: e.text };
}

export function RunLog() {
  const events = useTraining((s) => s.events);
  return (
    <section className="tr-panel ins-panel ins-log" aria-labelledby="ins-log-title">
      <h2 className="tr-h" id="ins-log-title">
        Run log
        <span className="tr-spacer tr-label">{events.length} lines</span>
      </h2>
      {/* Newest first, so lines of the same moment keep the order they came in, newest on top. */}
      <EventLog lines={events.map(lineOf).reverse()} label="Run log" />
    </section>
  );
}
