/**
 * Keeps the scene's snow (ambience.ts) in step with the KPI history's outdoor temperatures, read in useFrame and
 * recomputed only when a new KPI sample arrived (about once a second), so no React render per frame.
 */
import { useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { twinStore, type TwinState } from '../state/store';
import { ambience, snowCover } from './ambience';

export function SnowCover() {
  const seen = useRef<TwinState['kpiHistory'] | null>(null);
  useFrame(() => {
    const history = twinStore.getState().kpiHistory;
    if (history === seen.current) return;
    seen.current = history;
    ambience.snow.value = snowCover(history.map((k) => k.outdoorC));
  });
  return null;
}
