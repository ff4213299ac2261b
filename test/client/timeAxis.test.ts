/** The HUD charts' time-axis labels (client/src/hud/timeAxis.ts): each label once, the day named where it changes. */
import { describe, expect, it } from 'vitest';
import { TIME_INCRS_S, timeTickLabels } from '../../client/src/hud/timeAxis';

const HOUR = 3600;
const DAY = 86_400;
/** Monday 20 January 2025, 00:00 simulated time. */
const MON = Date.UTC(2025, 0, 20) / 1000;

const ticks = (fromS: number, stepS: number, n: number) => Array.from({ length: n }, (_, i) => fromS + i * stepS);

describe('time tick labels', () => {
  it('names the day on the first tick and where it changes, the clock time elsewhere', () => {
    const labels = timeTickLabels(ticks(MON + 6 * HOUR, 6 * HOUR, 8), 6 * HOUR);
    expect(labels).toEqual(['Mon 06:00', '12:00', '18:00', 'Tue 00:00', '06:00', '12:00', '18:00', 'Wed 00:00']);
  });

  it('never says the same thing twice, at any step a chart may pick: one label per time of each day named', () => {
    for (const step of TIME_INCRS_S.filter((s) => s < DAY)) {
      // Within a week: the weekday names a day once.
      const labels = timeTickLabels(ticks(MON + step, step, Math.min(40, (6 * DAY) / step)), step);
      let day = '';
      const said = labels.map((l) => {
        if (/^[A-Z][a-z]{2} /.test(l)) day = l.slice(0, 3);
        return `${day} ${l.slice(-5)}`;
      });
      expect(new Set(said).size, `step ${step} s`).toBe(labels.length);
      expect(labels.every((l, i) => i === 0 || l !== labels[i - 1]), `step ${step} s`).toBe(true);
    }
  });

  it('names the days when ticks are a day or more apart', () => {
    expect(timeTickLabels(ticks(MON, DAY, 3), DAY)).toEqual(['Mon 20 Jan', 'Tue 21 Jan', 'Wed 22 Jan']);
    expect(timeTickLabels([Date.UTC(2025, 1, 28) / 1000, Date.UTC(2025, 2, 2) / 1000], 2 * DAY)).toEqual([
      'Fri 28 Feb',
      'Sun 2 Mar',
    ]);
  });

  it('puts the day on a first tick that is not at midnight, and on minute ticks across midnight', () => {
    const labels = timeTickLabels(ticks(MON - 10 * 60, 5 * 60, 4), 5 * 60);
    expect(labels).toEqual(['Sun 23:50', '23:55', 'Mon 00:00', '00:05']);
  });
});
