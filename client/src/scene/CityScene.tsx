/**
 * The 3D city: land, water and roads, buildings by kind, supply and return pipes with flowing dashes, the plants'
 * machines, heat-demand columns on the roofs (layer "Demand"), waste heat rising from sources, plant labels, a
 * hover tooltip, chimneys with smoke and steam off data centres dumping heat (Plumes), prosumers' service pipes
 * marked while they feed heat in (ReversedPipes); daylight from the sun at the simulated time (SunLight), snow
 * after a freeze (SnowCover), and the map overlay: place names, scale bar, north arrow (map/MapOverlay.tsx).
 * Everything live is read from liveFrame inside useFrame; React renders this tree only when the scenario (or
 * hover, for the tooltip) changes.
 * Camera: drei MapControls (drag pans, right-drag / two fingers orbit, wheel / pinch zooms), first framed on the
 * city with the main plant in the area the HUD's panels leave free (initialView.ts); in presentation mode
 * StoryCamera flies it to each chapter's focus, and the chapter's view (storyView.ts) may draw the fossil baseline
 * plant (Plumes, PlantLabels) in place of or beside the main plant.
 * Near plane and closest zoom scale with the city's draw scale (cityLayout.ts), so a 30 km region keeps its depth
 * precision; fog, far plane and farthest zoom are proportional to the city's radius already.
 */
import { useMemo, useRef, type RefObject } from 'react';
import { Canvas } from '@react-three/fiber';
import { MapControls } from '@react-three/drei';
import type { PlaceSpec, Scenario } from '../../../shared/scenario/schema';
import { twinStore, useTwin } from '../state/store';
import { BOX_STRIDE, buildCityLayout, type CityLayout } from './cityLayout';
import { initialView, mainPlant, plantPosition } from './initialView';
import { hudFreeArea } from '../hud/freeArea';
import { Buildings } from './Buildings';
import { DebugProbe } from './DebugProbe';
import { DemandColumns } from './DemandColumns';
import { Ground } from './Ground';
import { HeatShimmer } from './HeatShimmer';
import { HoverTooltip } from './HoverTooltip';
import { Pipes } from './Pipes';
import { PlantLabels } from './PlantLabels';
import { PlantUnits } from './PlantUnits';
import { Plumes } from './Plumes';
import { ReversedPipes } from './ReversedPipes';
import { SelectionMarkers } from './SelectionMarkers';
import { SnowCover } from './SnowCover';
import { SunLight } from './SunLight';
import { createMapOverlayElements, MapCamera, MapOverlay, type MapOverlayElements } from '../map/MapOverlay';
import { StoryCamera } from '../story/StoryCamera';

const SKY = '#bcd3e6';
/** Camera near plane and closest zoom distance at draw scale 1 (m). */
const NEAR_M = 2;
const MIN_ZOOM_M = 40;
const NO_PLACES: PlaceSpec[] = [];
const FOV_DEG = 45;

interface CityProps {
  scenario: Scenario;
  layout: CityLayout;
  target: [number, number, number];
  map: RefObject<MapOverlayElements>;
}

function City({ scenario, layout, target, map }: CityProps) {
  const roofHeightM = useMemo(() => (b: number) => layout.boxes[b * BOX_STRIDE + 5], [layout]);
  const { radiusM } = layout.bounds;
  return (
    <>
      <fog attach="fog" args={[SKY, radiusM * 2.5, radiusM * 7]} />
      <MapControls
        makeDefault
        target={target}
        maxPolarAngle={Math.PI * 0.45}
        minDistance={MIN_ZOOM_M * layout.drawScale}
        maxDistance={radiusM * 5}
        enableDamping
      />
      <SunLight scenario={scenario} />
      <SnowCover />
      <Ground scenario={scenario} layout={layout} />
      <Buildings scenario={scenario} layout={layout} />
      <Pipes scenario={scenario} layout={layout} roofHeightM={roofHeightM} />
      <ReversedPipes scenario={scenario} layout={layout} />
      <PlantUnits scenario={scenario} layout={layout} />
      <DemandColumns layout={layout} roofHeightM={roofHeightM} />
      <HeatShimmer scenario={scenario} layout={layout} />
      <SelectionMarkers layout={layout} />
      <PlantLabels scenario={scenario} layout={layout} />
      <MapCamera elementsRef={map} places={scenario.places ?? NO_PLACES} layout={layout} />
      <DebugProbe layout={layout} />
      <StoryCamera scenario={scenario} layout={layout} />
      <Plumes scenario={scenario} layout={layout} />
    </>
  );
}

export function CityScene() {
  const scenario = useTwin((s) => s.scenario);
  const layout = useMemo(() => (scenario ? buildCityLayout(scenario) : null), [scenario]);
  const map = useRef(createMapOverlayElements());
  // Aimed once per scenario, with the window and the HUD as they are when it arrives.
  const view = useMemo(() => {
    if (!scenario || !layout) return null;
    const plant = plantPosition(scenario, layout, mainPlant(scenario));
    const screen = { width: innerWidth, height: innerHeight };
    return initialView(layout.bounds.radiusM, plant.x, plant.z, screen, hudFreeArea(), FOV_DEG);
  }, [scenario, layout]);
  const camera = layout && view
    ? { position: view.position, fov: FOV_DEG, near: NEAR_M * layout.drawScale, far: layout.bounds.radiusM * 12 }
    : { position: [0, 600, 700] as [number, number, number], fov: FOV_DEG, near: NEAR_M, far: 10000 };
  return (
    <div style={{ position: 'absolute', inset: 0, touchAction: 'none' }}>
      <Canvas
        key={scenario?.id ?? 'empty'}
        flat
        dpr={[1, 2]}
        camera={camera}
        gl={{ antialias: true, powerPreference: 'high-performance' }}
        onPointerMissed={(e) => {
          if (e.type === 'click') twinStore.getState().select(null);
        }}
      >
        <color attach="background" args={[SKY]} />
        {scenario && layout && view && <City scenario={scenario} layout={layout} target={view.target} map={map} />}
      </Canvas>
      {scenario && <MapOverlay key={scenario.id} elementsRef={map} places={scenario.places ?? NO_PLACES} />}
      <HoverTooltip />
    </div>
  );
}
