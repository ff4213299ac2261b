/**
 * The latest values from the server, held outside React: the scene reads them every animation frame (useFrame)
 * and the HUD samples them on its own slow timers, so nothing re-renders per frame. Frames that carry a slice of
 * the buildings and pipes are decoded into the same Frame (shared/protocol/frame.ts), so `frame` always holds
 * every element, each as of its slice's last frame. `version` counts frames so a reader can tell whether
 * anything changed since it last looked.
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
