/**
 * The HUD's one slow timer. Every panel that shows live frame values samples liveFrame on this tick instead of
 * per frame, and all of them run in the same task, so React batches their updates into at most one commit per
 * tick (2 Hz: steady enough to read, far below the ~10 frames a second the server sends).
 */
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { liveFrame } from '../net/liveFrame';
import type { Frame } from '../../../shared/protocol/frame';

export const HUD_TICK_MS = 500;

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function tick() {
  for (const l of listeners) l();
}

/** Calls `listener` on every HUD tick until the returned function is called. */
export function onHudTick(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(tick, HUD_TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Runs `effect` on every HUD tick while the component is mounted; the latest `effect` is used. */
export function useHudTick(effect: () => void): void {
  const onTick = useEffectEvent(effect);
  useEffect(() => onHudTick(() => onTick()), []);
}

/**
 * A value read from the latest frame, re-read on each HUD tick when a new frame has come; the component
 * re-renders only when the value changes (by `same`, default ===). Null until the first frame.
 */
export function useLiveValue<T>(read: (frame: Frame) => T, same: (a: T, b: T) => boolean = Object.is): T | null {
  const [value, setValue] = useState<T | null>(() => (liveFrame.frame ? read(liveFrame.frame) : null));
  const seen = useRef({ version: -1, value });
  useHudTick(() => {
    const frame = liveFrame.frame;
    if (!frame || liveFrame.version === seen.current.version) return;
    seen.current.version = liveFrame.version;
    const next = read(frame);
    const prev = seen.current.value;
    if (prev !== null && same(prev, next)) return;
    seen.current.value = next;
    setValue(next);
  });
  return value;
}

/** Equal when both have the same own keys with === values (for small records of display strings). */
export function shallowEqual<T extends object>(a: T, b: T): boolean {
  const ka = Object.keys(a) as (keyof T)[];
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}
