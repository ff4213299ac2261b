/**
 * Trends: which tags to draw, from every measured tag of the scenario (shared/training/trendTags.ts), picked in
 * a list grouped Network, Plants, Units that a filter box narrows (check boxes: at most two units and
 * MAX_TREND_TAGS tags at once, more refused with a word why), the tags drawn with their colours (each removable),
 * and over what range of simulated time: the last 15 min or hour, the whole run, or run minutes from and to
 * (checked against the run so far). Above the chart, the values of the limits it draws (re-rendered only when
 * the set-point moves). Opening it asks the session for its earlier KPI history, and the run's record for the
 * samples of the tags drawn from before the page joined, so any tag reaches back over the whole run.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { issueMessage } from '../../../../shared/protocol/issueMessage';
import {
  MAX_TREND_TAGS,
  SUPPLY_TX_TAG,
  TAG_GROUPS,
  trendTags,
  WORST_DP_TX_TAG,
  type TrendTag,
} from '../../../../shared/training/trendTags';
import { requestHistory } from '../../net/socket';
import { useTwin } from '../../state/store';
import { useTraining } from '../../state/trainingStore';
import { PRESETS, rangeWindow, runStartS, TrendChart, type DrawnTag, type TrendRange } from './TrendChart';
import { limitLines, MAX_UNITS, setHistory, unitsOf, type DrawnObjectives, type TrendBuffer } from './trendSeries';
import { fetchEarlier } from './useTrendBuffer';

/** Line colours, one per tag drawn (a tag keeps its colour while drawn); as many as a chart draws tags. */
const COLORS = ['#ff8a65', '#4fc3f7', '#69f0ae', '#ffd54f', '#ce93d8', '#ff6b6b', '#80cbc4', '#f48fb1'];

interface Picked {
  id: string;
  color: string;
}

const FIRST_PICKS: Picked[] = [
  { id: SUPPLY_TX_TAG, color: COLORS[0] },
  { id: WORST_DP_TX_TAG, color: COLORS[1] },
];

/** A custom range as typed: minutes from the run's start, from before to, neither past the run so far. */
function customRangeSchema(runSoFarMin: number) {
  const minutes = z.string().trim().min(1, 'a number of minutes').transform(Number).pipe(z.number().finite().min(0));
  return z
    .object({ from: minutes, to: minutes })
    .refine((r) => r.to <= runSoFarMin, { path: ['to'], message: `at most ${Math.floor(runSoFarMin)}, the run so far` })
    .refine((r) => r.from < r.to, { path: ['to'], message: 'after from' });
}

const matches = (t: TrendTag, filter: string): boolean =>
  `${t.label} ${t.unit} ${t.id}`.toLowerCase().includes(filter.trim().toLowerCase());

interface Props {
  buffer: TrendBuffer;
  objectives: DrawnObjectives | null;
}

export function TrendPanel({ buffer, objectives }: Props) {
  const scenario = useTwin((s) => s.scenario);
  const catalogue = useMemo(() => (scenario ? trendTags(scenario) : []), [scenario]);
  const [picked, setPicked] = useState<Picked[]>(FIRST_PICKS);
  const [range, setRange] = useState<TrendRange>('1h');
  const [notice, setNotice] = useState('');
  const [filter, setFilter] = useState('');
  const [custom, setCustom] = useState({ from: '', to: '' });
  const [customError, setCustomError] = useState('');
  const [earlierError, setEarlierError] = useState<string | null>(null);
  const setpointC = useTwin((s) => s.kpi?.supplySetpointC ?? null);
  const runMinute = useTraining((s) => (s.score ? Math.floor(s.score.atS / 60) : null));
  const id = useId();

  const drawn = useMemo(
    () =>
      picked.flatMap((p): DrawnTag[] => {
        const tag = catalogue.find((t) => t.id === p.id);
        return tag ? [{ tag, color: p.color }] : [];
      }),
    [picked, catalogue],
  );

  useEffect(() => {
    let live = true;
    void requestHistory().then((answer) => {
      if (live && 'rows' in answer) setHistory(buffer, answer);
    });
    return () => {
      live = false;
    };
  }, [buffer]);

  useEffect(() => {
    const ids = drawn.map((d) => d.tag.id);
    const check = () => {
      setEarlierError(buffer.earlierError);
      void fetchEarlier(buffer, ids, rangeWindow(range, buffer.latestS)[0]);
    };
    check();
    buffer.listeners.add(check);
    return () => {
      buffer.listeners.delete(check);
    };
  }, [buffer, drawn, range]);

  const toggle = (tag: TrendTag) => {
    if (picked.some((p) => p.id === tag.id)) {
      setPicked(picked.filter((p) => p.id !== tag.id));
      setNotice('');
      return;
    }
    const units = unitsOf(drawn.map((d) => d.tag));
    if (unitsOf([...drawn.map((d) => d.tag), tag]).length > MAX_UNITS) {
      setNotice(`At most ${MAX_UNITS} units at once (${units.join(', ')}): clear one to add ${tag.unit}.`);
      return;
    }
    const free = COLORS.find((c) => !picked.some((p) => p.color === c));
    if (picked.length >= MAX_TREND_TAGS || free === undefined) {
      setNotice(`At most ${MAX_TREND_TAGS} tags at once: clear one to add ${tag.label}.`);
      return;
    }
    setPicked([...picked, { id: tag.id, color: free }]);
    setNotice('');
  };

  const showCustom = (e: FormEvent) => {
    e.preventDefault();
    const startS = runStartS(buffer.latestS);
    if (startS === null || buffer.latestS === null) {
      setCustomError('The run\'s start is not known yet.');
      return;
    }
    const parsed = customRangeSchema((buffer.latestS - startS) / 60).safeParse(custom);
    if (!parsed.success) {
      setCustomError(issueMessage(parsed.error));
      return;
    }
    setCustomError('');
    setRange({ fromMin: parsed.data.from, toMin: parsed.data.to });
  };

  const limits = limitLines(objectives, drawn.map((d) => d.tag.id), setpointC)
    .map((l) => `${l.label}: ${l.value.toFixed(1)} ${l.unit}`)
    .join(', ');
  const status =
    notice ||
    [limits && `Dashed: ${limits}.`, earlierError && `Before this page joined: ${earlierError}.`]
      .filter(Boolean)
      .join(' ');
  return (
    <section className="tr-panel tr-trends" aria-label="Trends" data-testid="trends">
      <div className="tr-trend-picker" role="group" aria-label="Tags">
        <input
          type="search"
          className="tr-trend-filter"
          placeholder="Filter tags"
          aria-label="Filter tags"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <div className="tr-trend-groups" data-testid="trend-tags">
          {TAG_GROUPS.map((g) => {
            const shown = catalogue.filter((t) => t.group === g.id && matches(t, filter));
            if (shown.length === 0) return null;
            return (
              <fieldset key={g.id} className="tr-trend-group">
                <legend className="tr-label">{g.label}</legend>
                {shown.map((t, i) => (
                  <div key={t.id}>
                    {t.owner && t.owner !== shown[i - 1]?.owner && <div className="tr-trend-owner">{t.owner}</div>}
                    <label className="tr-trend-tag">
                      <input
                        type="checkbox"
                        aria-label={`${t.label} (${t.unit})`}
                        checked={picked.some((p) => p.id === t.id)}
                        onChange={() => toggle(t)}
                      />
                      <span
                        className="tr-swatch"
                        style={{ background: picked.find((p) => p.id === t.id)?.color ?? 'transparent' }}
                        aria-hidden="true"
                      />
                      {t.owner ? t.quantity : t.label} ({t.unit})
                    </label>
                  </div>
                ))}
              </fieldset>
            );
          })}
          {scenario && catalogue.every((t) => !matches(t, filter)) && <p className="tr-empty">No tag matches.</p>}
        </div>
      </div>
      <div className="tr-trend-controls">
        <fieldset className="tr-trend-range">
          <legend className="tr-label">Range (simulated time)</legend>
          {PRESETS.map((r) => (
            <label key={r.id}>
              <input type="radio" name={`${id}-range`} checked={range === r.id} onChange={() => setRange(r.id)} />
              {r.label}
            </label>
          ))}
        </fieldset>
        <form className="tr-trend-custom" onSubmit={showCustom} aria-label="Run minutes" noValidate>
          <span className="tr-label" aria-hidden="true">
            Run minutes
          </span>
          {(['from', 'to'] as const).map((end) => (
            <label key={end}>
              {end}
              <input
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
                aria-label={`Run minutes ${end}`}
                value={custom[end]}
                onChange={(e) => setCustom({ ...custom, [end]: e.target.value })}
              />
            </label>
          ))}
          <button type="submit">Show</button>
          <span className="tr-label" data-testid="run-so-far">
            {typeof range !== 'string' && `showing ${range.fromMin}–${range.toMin} min; `}
            {runMinute !== null && `run so far ${runMinute} min`}
          </span>
        </form>
      </div>
      <ul className="tr-trend-drawn" aria-label="Tags drawn">
        {drawn.map((d) => (
          <li key={d.tag.id}>
            <span className="tr-swatch" style={{ background: d.color }} aria-hidden="true" />
            {d.tag.label} ({d.tag.unit})
            <button type="button" aria-label={`Remove ${d.tag.label}`} onClick={() => toggle(d.tag)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <p className="tr-trend-notice" role="status" data-testid="trend-notice">
        {customError ? `Run minutes: ${customError}` : status}
      </p>
      {drawn.length > 0 ? (
        <TrendChart buffer={buffer} drawn={drawn} range={range} objectives={objectives} />
      ) : (
        <p className="tr-empty">Pick a tag to draw it.</p>
      )}
    </section>
  );
}
