/**
 * The app shell: the 3D city fills the window and the HUD floats over it. With `?scenario=` in the URL it is
 * presentation mode: the story's screen over the city and only the HUD's top bar (clock, speed, connection).
 * The scenario picker opens over either.
 */
import { CityScene } from './scene/CityScene';
import { Hud } from './hud/Hud';
import { Presentation } from './story/Presentation';
import { ScenarioPicker } from './story/ScenarioPicker';
import { usePresentation } from './story/presentationStore';

export function App() {
  const presenting = usePresentation((s) => s.scenarioId !== null);
  return (
    <main style={{ position: 'fixed', inset: 0 }}>
      <CityScene />
      <Hud variant={presenting ? 'presentation' : 'live'} />
      {presenting && <Presentation />}
      <ScenarioPicker />
    </main>
  );
}
