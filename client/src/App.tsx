/** The app shell: the 3D city fills the window and the HUD floats over it. */
import { CityScene } from './scene/CityScene';
import { Hud } from './hud/Hud';

export function App() {
  return (
    <main style={{ position: 'fixed', inset: 0 }}>
      <CityScene />
      <Hud />
    </main>
  );
}
