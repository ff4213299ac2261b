/**
 * The tooltip by the pointer for the hovered building, plant or pipe (store.hovered): what it is, in words.
 * It re-renders when the hovered thing changes; following the pointer is done on the DOM node directly.
 */
import { useEffect, useRef } from 'react';
import type { Scenario } from '../../../shared/scenario/schema';
import { useTwin, type Selection } from '../state/store';
import { BUILDING_KIND_LABELS } from './buildingColors';
import { buildingKind } from './cityLayout';
import { pointer } from './picking';

function describe(s: Selection, scenario: Scenario | null): [string, string] | null {
  if (!s || !scenario) return null;
  if (s.kind === 'building') {
    const b = scenario.buildings[s.index];
    if (!b) return null;
    const kind = BUILDING_KIND_LABELS[buildingKind(b)];
    return [b.name ?? `${b.use[0].toUpperCase()}${b.use.slice(1)} ${b.id}`, `${kind} · ${Math.round(b.floorAreaM2).toLocaleString('en')} m² · ${b.yearBuilt}`];
  }
  if (s.kind === 'plant') {
    const p = scenario.plants[s.index];
    return p ? [p.name, `${p.units.length} unit${p.units.length === 1 ? '' : 's'} · click for live values`] : null;
  }
  const p = scenario.network.pipes[s.index];
  return p ? [`Pipe ${p.id}`, `DN ${Math.round(p.innerDiameterM * 1000)} mm inner · supply and return`] : null;
}

export function HoverTooltip() {
  const hovered = useTwin((s) => s.hovered);
  const scenario = useTwin((s) => s.scenario);
  const el = useRef<HTMLDivElement>(null);
  const text = describe(hovered, scenario);

  useEffect(() => {
    if (!text) return;
    let raf = 0;
    const follow = () => {
      if (el.current) el.current.style.transform = `translate(${pointer.x + 16}px, ${pointer.y + 16}px)`;
      raf = requestAnimationFrame(follow);
    };
    follow();
    return () => cancelAnimationFrame(raf);
  }, [text]);

  if (!text) return null;
  return (
    <div
      ref={el}
      role="tooltip"
      style={{
        position: 'fixed',
        left: 0,
        top: 0,
        zIndex: 20,
        pointerEvents: 'none',
        background: 'rgba(10, 14, 22, 0.9)',
        color: '#fff',
        padding: '8px 12px',
        borderRadius: 8,
        font: '500 16px/1.3 system-ui, sans-serif',
        boxShadow: '0 4px 16px rgba(0,0,0,0.4)',
      }}
    >
      <div style={{ fontWeight: 700, fontSize: 18 }}>{text[0]}</div>
      <div style={{ opacity: 0.85 }}>{text[1]}</div>
    </div>
  );
}
