/**
 * Which city the scene draws: the real one ("actual"), the city as its fossil baseline plant would heat it
 * ("baseline"), or both together ("compare"), as the presentation's chapter on screen asks; the live twin draws
 * the actual city. Read every animation frame, outside React.
 */
import type { StoryView } from '../../../shared/story/schema';
import { presentationStore } from '../story/presentationStore';

export function storyView(): StoryView {
  const { story, chapter } = presentationStore.getState();
  return story?.chapters[chapter]?.view ?? 'actual';
}
