/**
 * What the scene's story marks show now, for the end-to-end tests (window.__twin.marks, set by DebugProbe):
 * written by the components that draw them each animation frame, from what they drew.
 *   view           the view drawn (storyView.ts)
 *   fossilPlant    the baseline plant (Plumes.tsx): shown, its chimneys, how many of them smoke
 *   boilers        the real fuel boilers' chimneys shown, and how many smoke
 *   steam          per data-centre source (its id): the heat its dry coolers throw away (MW), steaming or not
 *   reversedPipes  ids of the service pipes marked as feeding heat in (ReversedPipes.tsx)
 */
import type { StoryView } from '../../../shared/story/schema';

export interface SceneMarks {
  view: StoryView;
  fossilPlant: { shown: boolean; chimneys: number; smoking: number };
  boilers: { chimneys: number; smoking: number };
  steam: Array<{ source: string; dumpedMW: number; steaming: boolean }>;
  reversedPipes: string[];
}

declare module '../debug' {
  interface TwinDebug {
    marks?: SceneMarks;
  }
}

export const sceneMarks: SceneMarks = {
  view: 'actual',
  fossilPlant: { shown: false, chimneys: 0, smoking: 0 },
  boilers: { chimneys: 0, smoking: 0 },
  steam: [],
  reversedPipes: [],
};
