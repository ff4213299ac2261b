/**
 * The latest frame from the server, held outside React: the scene reads it every animation frame (useFrame)
 * and the HUD samples it on its own slow timers, so nothing re-renders per frame. `version` counts frames so a
 * reader can tell whether anything changed since it last looked.
 */
import type { Frame } from '../../../shared/protocol/frame';

export interface LiveFrame {
  frame: Frame | null;
  version: number;
  /** performance.now() when it arrived. */
  receivedAtMs: number;
}

export const liveFrame: LiveFrame = { frame: null, version: 0, receivedAtMs: 0 };

export function setLiveFrame(frame: Frame, nowMs: number): void {
  liveFrame.frame = frame;
  liveFrame.version++;
  liveFrame.receivedAtMs = nowMs;
}
