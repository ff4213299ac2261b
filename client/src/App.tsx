/**
 * The app shell: the 3D city fills the window and the HUD floats over it. With `?scenario=` in the URL it is
 * presentation mode: the story's screen over the city and only the HUD's top bar (clock, speed, connection).
 * The scenario picker opens over either. The exhibit kiosk (/exhibit) is its own page over the same city, loaded
 * only when asked for so the twin's start-up bundle does not carry it.
 */
import { lazy, Suspense } from 'react';
import { CityScene } from './scene/CityScene';
import { Hud } from './hud/Hud';
import { Presentation } from './story/Presentation';
import { ScenarioPicker } from './story/ScenarioPicker';
import { usePresentation } from './story/presentationStore';

const Exhibit = lazy(() => import('./exhibit/Exhibit'));

export function App({ exhibit = false }: { exhibit?: boolean }) {
  const presenting = usePresentation((s) => s.scenarioId !== null);
  if (exhibit)
    return (
      <Suspense>
        <Exhibit />
      </Suspense>
    );
  return (
    <main style={{ position: 'fixed', inset: 0 }}>
      <CityScene />
      <Hud variant={presenting ? 'presentation' : 'live'} />
      {presenting && <Presentation />}
      <ScenarioPicker />
    </main>
  );
}
