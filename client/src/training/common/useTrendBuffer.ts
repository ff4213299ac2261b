/**
 * Keeps a console's trend samples from the moment it mounts: every KPI sample (twin store) and every set of
 * transmitter readings (training store) goes into the buffer's rings as it arrives, outside React renders.
 */
import { useEffect, useState } from 'react';
import { twinStore } from '../../state/store';
import { trainingStore } from '../../state/trainingStore';
import { createTrendBuffer, pushKpi, pushReadings, type TrendBuffer } from './trendSeries';

export function useTrendBuffer(): TrendBuffer {
  const [buffer] = useState(createTrendBuffer);
  useEffect(() => {
    const offKpi = twinStore.subscribe((s, prev) => {
      if (s.kpi && s.kpi !== prev.kpi) pushKpi(buffer, s.kpi);
    });
    const offReadings = trainingStore.subscribe((s, prev) => {
      if (s.readings && s.readings !== prev.readings) pushReadings(buffer, s.readings);
    });
    return () => {
      offKpi();
      offReadings();
    };
  }, [buffer]);
  return buffer;
}
