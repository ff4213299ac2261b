/**
 * Presenter keys. Presentation clickers send PageDown/PageUp (some ArrowRight/ArrowLeft, some B or period for
 * "blank"), so those and the arrows step chapters; Space steps forward like a slide deck; Home/End jump to the
 * first/last chapter; F toggles full screen. Keys typed into a form field are left alone.
 */
export type KeyAction = 'next' | 'previous' | 'first' | 'last' | 'fullscreen';

const ACTIONS: Record<string, KeyAction> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageDown: 'next',
  ' ': 'next',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  PageUp: 'previous',
  Home: 'first',
  End: 'last',
  f: 'fullscreen',
  F: 'fullscreen',
};

export function keyAction(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): KeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  return ACTIONS[e.key] ?? null;
}

/** Full screen on or off (Fullscreen API); a refusal (no user gesture, iframe) is not an error worth showing. */
export function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else void document.documentElement.requestFullscreen().catch(() => undefined);
}
