/**
 * The 3D city: ground and streets, buildings by kind, supply and return pipes with flowing dashes, the plants'
 * machines, heat-demand columns on the roofs (layer "Demand"), waste heat rising from sources, plant labels, a
 * hover tooltip. Everything live is read from liveFrame inside useFrame; React renders this tree only when the scenario (or hover, for the tooltip) changes.
 * Camera: drei MapControls (drag pans, right-drag / two fingers orbit, wheel / pinch zooms), framed on the city;
 * in presentation mode StoryCamera flies it to each chapter's focus and BaselineSmoke draws the baseline plants.
 * Near plane and closest zoom scale with the city's draw scale (cityLayout.ts), so a 30 km region keeps its depth
 * precision; fog, far plane and farthest zoom are proportional to the city's radius already.
 */
import { useMemo } from 'react';
import { Canvas } from '@react-three/fiber';
import { MapControls } from '@react-three/drei';
import type { Scenario } from '../../../shared/scenario/schema';
import { twinStore, useTwin } from '../state/store';
import { BOX_STRIDE, buildCityLayout, type CityLayout } from './cityLayout';
import { Buildings } from './Buildings';
import { DebugProbe } from './DebugProbe';
import { DemandColumns } from './DemandColumns';
import { Ground } from './Ground';
import { HeatShimmer } from './HeatShimmer';
import { HoverTooltip } from './HoverTooltip';
import { Pipes } from './Pipes';
import { PlantLabels } from './PlantLabels';
import { PlantUnits } from './PlantUnits';
import { SelectionMarkers } from './SelectionMarkers';
import { BaselineSmoke } from '../story/BaselineSmoke';
import { StoryCamera } from '../story/StoryCamera';

const SKY = '#bcd3e6';
/** Camera near plane and closest zoom distance at draw scale 1 (m). */
const NEAR_M = 2;
const MIN_ZOOM_M = 40;

function City({ scenario, layout }: { scenario: Scenario; layout: CityLayout }) {
  const roofHeightM = useMemo(() => (b: number) => layout.boxes[b * BOX_STRIDE + 5], [layout]);
  const { centreX, centreY, radiusM } = layout.bounds;
  return (
    <>
      <fog attach="fog" args={[SKY, radiusM * 2.5, radiusM * 7]} />
      <MapControls
        makeDefault
        target={[centreX, 0, -centreY]}
        maxPolarAngle={Math.PI * 0.45}
        minDistance={MIN_ZOOM_M * layout.drawScale}
        maxDistance={radiusM * 5}
        enableDamping
      />
      <Ground layout={layout} />
      <Buildings scenario={scenario} layout={layout} />
      <Pipes scenario={scenario} layout={layout} roofHeightM={roofHeightM} />
      <PlantUnits scenario={scenario} layout={layout} />
      <DemandColumns layout={layout} roofHeightM={roofHeightM} />
      <HeatShimmer scenario={scenario} layout={layout} />
      <SelectionMarkers layout={layout} />
      <PlantLabels scenario={scenario} layout={layout} />
      <DebugProbe layout={layout} />
      <StoryCamera scenario={scenario} layout={layout} />
      <BaselineSmoke scenario={scenario} layout={layout} />
    </>
  );
}

export function CityScene() {
  const scenario = useTwin((s) => s.scenario);
  const layout = useMemo(() => (scenario ? buildCityLayout(scenario) : null), [scenario]);
  const b = layout?.bounds;
  // Seen from the south-south-east, about 40° above the horizon, the whole city in view.
  const camera = layout && b
    ? { position: [b.centreX + b.radiusM * 0.45, b.radiusM * 1.05, -b.centreY + b.radiusM * 1.25] as [number, number, number], fov: 45, near: NEAR_M * layout.drawScale, far: b.radiusM * 12 }
    : { position: [0, 600, 700] as [number, number, number], fov: 45, near: NEAR_M, far: 10000 };
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
        <hemisphereLight args={['#eef6ff', '#4a5a3a', 1.6]} />
        <directionalLight position={[300, 600, 200]} intensity={1.6} />
        {scenario && layout && <City scenario={scenario} layout={layout} />}
      </Canvas>
      <HoverTooltip />
    </div>
  );
}
