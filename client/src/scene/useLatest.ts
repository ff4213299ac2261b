import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * A ref that always holds the latest value rendered. three.js objects built in useMemo change in place every
 * animation frame (react-three-fiber's way: no React render per frame); render treats them as read-only and
 * useFrame or an effect reaches them through this ref to change them. Updated in a layout effect, so the first
 * animation frame after a rebuild already sees the new objects.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}
