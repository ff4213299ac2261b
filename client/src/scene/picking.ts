/**
 * Hover and click for every pickable thing in the scene. Hover writes the store only when the hovered thing
 * changes (pointer moves over one building must not re-render anything); a click that ended a drag (the camera
 * was moved) selects nothing. The pointer's CSS position is kept outside React for the tooltip.
 */
import type { ThreeEvent } from '@react-three/fiber';
import { twinStore, type Selection } from '../state/store';

/** Beyond this many CSS pixels between press and release, the gesture was a drag, not a click. */
const CLICK_SLOP_PX = 6;

export const pointer = { x: 0, y: 0 };

function same(a: Selection, b: Selection): boolean {
  return a === b || (a !== null && b !== null && a.kind === b.kind && a.index === b.index);
}

export function hoverOver(e: ThreeEvent<PointerEvent>, target: Selection): void {
  e.stopPropagation();
  pointer.x = e.nativeEvent.clientX;
  pointer.y = e.nativeEvent.clientY;
  if (!same(twinStore.getState().hovered, target)) twinStore.getState().hover(target);
}

/** The pointer left an object that shows things of these kinds: clear the hover if it is one of them. */
export function hoverOut(kinds: ReadonlyArray<NonNullable<Selection>['kind']>): void {
  const h = twinStore.getState().hovered;
  if (h && kinds.includes(h.kind)) twinStore.getState().hover(null);
}

export function clickSelect(e: ThreeEvent<MouseEvent>, target: Selection): void {
  e.stopPropagation();
  if (e.delta > CLICK_SLOP_PX) return;
  twinStore.getState().select(target);
}
