/**
 * A public touch screen must not be turned into anything else: no text selection, no context menu (long press),
 * no pinch or page zoom (touch, trackpad or keyboard), no dragging of images out of the page. CSS does most of
 * it (exhibit.css: user-select, touch-action, -webkit-touch-callout); these listeners catch what CSS cannot, and
 * the viewport is pinned at scale 1 while the exhibit runs.
 */
const ZOOM_KEYS = new Set(['+', '-', '=', '0']);

export function lockDown(): () => void {
  const prevent = (e: Event) => e.preventDefault();
  const onWheel = (e: WheelEvent) => {
    // A trackpad pinch arrives as a wheel event with ctrlKey.
    if (e.ctrlKey) e.preventDefault();
  };
  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && ZOOM_KEYS.has(e.key)) e.preventDefault();
  };
  const onTouch = (e: TouchEvent) => {
    if (e.touches.length > 1) e.preventDefault();
  };
  const simple = ['contextmenu', 'selectstart', 'dragstart', 'gesturestart', 'gesturechange', 'gestureend'] as const;
  for (const type of simple) document.addEventListener(type, prevent, { passive: false });
  document.addEventListener('wheel', onWheel, { passive: false });
  document.addEventListener('keydown', onKey);
  document.addEventListener('touchmove', onTouch, { passive: false });

  const viewport = document.querySelector<HTMLMetaElement>('meta[name="viewport"]');
  const before = viewport?.content;
  if (viewport) viewport.content = 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no';

  return () => {
    for (const type of simple) document.removeEventListener(type, prevent);
    document.removeEventListener('wheel', onWheel);
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('touchmove', onTouch);
    if (viewport && before !== undefined) viewport.content = before;
  };
}
