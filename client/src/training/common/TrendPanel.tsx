/**
 * Trends: which measured tags to draw (check boxes, at most two units at once: a third is refused with a word
 * why) and over what range of simulated time (radio buttons), above the chart, and the values of the limits it
 * draws (re-rendered only when the set-point moves). Opening it asks the session for its earlier KPI history,
 * so the KPI tags reach back before the page joined.
 */
import { useEffect, useState } from 'react';
import { requestHistory } from '../../net/socket';
import { useTwin } from '../../state/store';
import { RANGES, TrendChart, type TrendRange } from './TrendChart';
import {
  limitLines,
  MAX_UNITS,
  setHistory,
  TAG_IDS,
  TAGS,
  unitsOf,
  type DrawnObjectives,
  type TagId,
  type TrendBuffer,
} from './trendSeries';

interface Props {
  buffer: TrendBuffer;
  objectives: DrawnObjectives | null;
}

export function TrendPanel({ buffer, objectives }: Props) {
  const [tags, setTags] = useState<TagId[]>(['supplyC', 'worstDpKPa']);
  const [range, setRange] = useState<TrendRange>('1h');
  const [notice, setNotice] = useState('');
  const setpointC = useTwin((s) => s.kpi?.supplySetpointC ?? null);

  useEffect(() => {
    let live = true;
    void requestHistory().then((answer) => {
      if (live && 'rows' in answer) setHistory(buffer, answer);
    });
    return () => {
      live = false;
    };
  }, [buffer]);

  const toggle = (tag: TagId) => {
    if (tags.includes(tag)) {
      setTags(tags.filter((t) => t !== tag));
      setNotice('');
      return;
    }
    const next = TAG_IDS.filter((t) => t === tag || tags.includes(t));
    const units = unitsOf(tags);
    if (unitsOf(next).length > MAX_UNITS) {
      setNotice(`At most ${MAX_UNITS} units at once (${units.join(', ')}): clear one to add ${TAGS[tag].unit}.`);
      return;
    }
    setTags(next);
    setNotice('');
  };

  const limits = limitLines(objectives, tags, setpointC)
    .map((l) => `${l.label}: ${l.value.toFixed(1)} ${l.unit}`)
    .join(', ');
  return (
    <section className="tr-panel tr-trends" aria-label="Trends" data-testid="trends">
      <div className="tr-trend-controls">
        <fieldset className="tr-trend-tags">
          <legend className="tr-label">Tags</legend>
          {TAG_IDS.map((tag) => (
            <label key={tag} className="tr-trend-tag">
              <input type="checkbox" checked={tags.includes(tag)} onChange={() => toggle(tag)} />
              <span className="tr-swatch" style={{ background: TAGS[tag].color }} aria-hidden="true" />
              {TAGS[tag].label} ({TAGS[tag].unit})
            </label>
          ))}
        </fieldset>
        <fieldset className="tr-trend-range">
          <legend className="tr-label">Range (simulated time)</legend>
          {RANGES.map((r) => (
            <label key={r.id}>
              <input type="radio" name="tr-trend-range" checked={range === r.id} onChange={() => setRange(r.id)} />
              {r.label}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="tr-trend-notice" role="status" data-testid="trend-notice">
        {notice || (limits && `Dashed: ${limits}.`)}
      </p>
      {tags.length > 0 ? (
        <TrendChart buffer={buffer} tags={tags} range={range} objectives={objectives} />
      ) : (
        <p className="tr-empty">Pick a tag to draw it.</p>
      )}
    </section>
  );
}
