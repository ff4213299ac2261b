/**
 * The part of the window the HUD's panels leave to the city as laid out now: between the side columns (their
 * grid tracks are as wide collapsed as open), below the top bar and above the bottom row, or on a narrow screen
 * above the bottom sheet's tabs (the columns then lay out no box of their own). Read from the DOM, window pixels;
 * the whole window when there is no HUD.
 */
import type { ScreenRect } from '../scene/initialView';

export function hudFreeArea(): ScreenRect {
  const rect = (selector: string) => {
    const r = document.querySelector(selector)?.getBoundingClientRect();
    return r && r.width > 0 && r.height > 0 ? r : undefined;
  };
  const left = rect('.hud-left');
  const right = rect('.hud-right');
  const top = rect('.hud-topbar');
  const bottom = rect('.hud-tabs') ?? rect('.hud-bottom');
  const free = {
    left: left?.right ?? 0,
    top: top?.bottom ?? 0,
    right: right?.left ?? innerWidth,
    bottom: bottom?.top ?? innerHeight,
  };
  // A window too small for the columns leaves no free area between them: aim at the whole window then.
  if (free.right > free.left && free.bottom > free.top) return free;
  return { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
}
