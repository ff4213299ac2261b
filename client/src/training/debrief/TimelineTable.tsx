/** The moments marked on the trend as rows, in time order: minutes from the start, the kind and what happened. */
import type { Marker } from './timeline';
import { minuteText } from './timeline';

const KIND_WORDS = { malfunction: 'Malfunction', action: "Trainee's action", alarm: 'Alarm' } as const;

export function TimelineTable({ markers }: { markers: readonly Marker[] }) {
  if (markers.length === 0) return <p className="tr-empty">No malfunctions, actions or alarms.</p>;
  return (
    <table className="tr-table" data-testid="timeline">
      <thead>
        <tr>
          <th scope="col">Time from start</th>
          <th scope="col">Kind</th>
          <th scope="col">What</th>
        </tr>
      </thead>
      <tbody>
        {markers.map((m, i) => (
          <tr key={i} className={`db-mark-${m.kind}`}>
            <td className="tr-num">{minuteText(m.minute)}</td>
            <td>{KIND_WORDS[m.kind]}</td>
            <td>{m.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
