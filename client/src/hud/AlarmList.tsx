/** The latest alarms (store.alarms, newest first), with the simulation time they happened at. */
import { useTwin } from '../state/store';
import { simDateTime } from './format';
import { HudPanel } from './HudPanel';

const SHOWN = 4;

export function AlarmList() {
  const alarms = useTwin((s) => s.alarms);
  if (alarms.length === 0) return null;
  return (
    <HudPanel id="alarms" title={`Alarms (${alarms.length})`} label="Alarms">
      <ul aria-live="polite">
        {alarms.slice(0, SHOWN).map((a, i) => {
          const t = simDateTime(a.simTimeS);
          return (
            <li key={`${a.simTimeS}-${i}`} className={`hud-alarm hud-alarm-${a.severity}`}>
              <span className="hud-alarm-time">
                {t.date.slice(5)} {t.time}
              </span>
              <span className="hud-alarm-text">
                <b>{a.source}</b> {a.message}
              </span>
            </li>
          );
        })}
      </ul>
    </HudPanel>
  );
}
