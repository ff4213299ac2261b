/**
 * `window.__twin`: what the end-to-end test and the render benchmark read from the running page.
 *   drawCalls, triangles, buildingInstances, frameVersion  written by the scene each rendered frame
 *   screenOfBuilding(i)                                    set by the scene: a building's roof centre in CSS px
 *   buildingColour(i)                                      set by the scene: a building's instance colour as
 *                                                          drawn (linear RGB 0-1), read from the scene's mesh
 *   commits                                                React commits since the page loaded
 *   role                                                   set by main.tsx: the role the page's join was granted
 *   camera                                                 set by the scene (story/StoryCamera.tsx): camera
 *                                                          position and look-at target (scene metres), flying
 *   story                                                  presentation mode (story/): chapter (1-based), its
 *                                                          view, the session it runs, the KPI sample on screen
 *
 * Commits are counted through React's DevTools hook rather than a <Profiler>: a Profiler's onRender never fires
 * in React's production build, while every renderer (react-dom and @react-three/fiber's own reconciler) reports
 * each commit to the hook in every build. So the count covers the DOM tree and the 3D scene alike.
 * This module must be imported before react-dom (main.tsx imports it first), because a renderer looks for the
 * hook once, when it loads. An installed React DevTools extension keeps working: its hook is wrapped.
 */

export interface TwinDebug {
  drawCalls: number;
  triangles: number;
  buildingInstances: number;
  /** liveFrame.version of the last frame the scene drew. */
  frameVersion: number;
  commits: number;
  role?: 'viewer' | 'operator' | 'instructor';
  screenOfBuilding(index: number): { x: number; y: number } | null;
  buildingColour(index: number): [number, number, number] | null;
  camera?: { x: number; y: number; z: number; targetX: number; targetY: number; targetZ: number; flying: boolean } | null;
  story?: { scenario: string; chapter: number; chapters: number; view: string; sessionId: string | null; kpiSimTimeS: number | null } | null;
}

declare global {
  interface Window {
    __twin: TwinDebug;
  }
}

export const twinDebug: TwinDebug = {
  drawCalls: 0,
  triangles: 0,
  buildingInstances: 0,
  frameVersion: 0,
  commits: 0,
  screenOfBuilding: () => null,
  buildingColour: () => null,
};

interface DevToolsHook {
  supportsFiber: boolean;
  renderers: Map<number, unknown>;
  inject(renderer: unknown): number;
  onCommitFiberRoot(...args: unknown[]): void;
  onCommitFiberUnmount(...args: unknown[]): void;
  onPostCommitFiberRoot?(...args: unknown[]): void;
  checkDCE?(fn: unknown): void;
}

function installCommitCounter(g: { __REACT_DEVTOOLS_GLOBAL_HOOK__?: DevToolsHook }): void {
  const existing = g.__REACT_DEVTOOLS_GLOBAL_HOOK__;
  if (existing) {
    const original = existing.onCommitFiberRoot.bind(existing);
    existing.onCommitFiberRoot = (...args) => {
      twinDebug.commits++;
      original(...args);
    };
    return;
  }
  let nextId = 1;
  const renderers = new Map<number, unknown>();
  g.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers,
    inject(renderer) {
      renderers.set(nextId, renderer);
      return nextId++;
    },
    onCommitFiberRoot() {
      twinDebug.commits++;
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
}

if (typeof window !== 'undefined') {
  installCommitCounter(window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: DevToolsHook });
  window.__twin = twinDebug;
}
