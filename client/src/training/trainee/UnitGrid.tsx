/**
 * Every plant with its outlet and return temperatures and heat out, and every unit (heat pumps, boilers,
 * storage) with its state as a word and a shape, its load and its COP or state of charge, with the unit's
 * commands for an operator (unitActions.ts). React renders the rows once per scenario; the live values are written
 * into their elements on the HUD tick (2 Hz) straight from liveFrame, so nothing re-renders as frames arrive.
 */
import { useLayoutEffect, useRef } from 'react';
import { liveFrame } from '../../net/liveFrame';
import { useHudTick } from '../../hud/hudTicker';
import type { Scenario, UnitSpec } from '../../../../shared/scenario/schema';
import { askConfirm } from './confirmStore';
import { frameUnitOffsets } from './schematicLayout';
import { unitActions } from './unitActions';
import { mwText, readUnit } from './unitState';

export const KIND_TEXT: Record<UnitSpec['kind'], string> = {
  heatPump: 'Heat pump',
  boiler: 'Boiler',
  storage: 'Storage',
};

/** Writes `text` into the element `selector` finds under `root`, when it differs (live values, HUD tick). */
export function write(root: ParentNode, selector: string, text: string): void {
  const el = root.querySelector(selector);
  if (el && el.textContent !== text) el.textContent = text;
}

export function celsius(c: number): string {
  return Number.isFinite(c) ? `${c.toFixed(1)} °C` : '— °C';
}

export function UnitGrid({ scenario, canControl }: { scenario: Scenario; canControl: boolean }) {
  const root = useRef<HTMLDivElement>(null);

  const paint = () => {
    const f = liveFrame.frame;
    const el = root.current;
    if (!f || !el) return;
    for (const card of el.querySelectorAll<HTMLElement>('[data-unit-index]')) {
      const i = Number(card.dataset.unitIndex);
      if (i >= f.counts.units) continue;
      const r = readUnit(card.dataset.kind as UnitSpec['kind'], f.units.heatW[i], f.units.copOrSoc[i], f.units.mode[i]);
      if (card.dataset.state !== r.state) card.dataset.state = r.state;
      const shape = card.querySelector<HTMLElement>('.tr-u-shape');
      if (shape && shape.dataset.shape !== r.shape) shape.dataset.shape = r.shape;
      write(card, '.tr-u-state', r.state);
      write(card, '.tr-u-load', r.load);
      write(card, '.tr-u-extra', r.extra);
    }
    for (const plant of el.querySelectorAll<HTMLElement>('[data-plant-index]')) {
      const p = Number(plant.dataset.plantIndex);
      if (p >= f.counts.plants) continue;
      write(plant, '.tr-p-out', celsius(f.plants.outletC[p]));
      write(plant, '.tr-p-ret', celsius(f.plants.returnC[p]));
      write(plant, '.tr-p-heat', mwText(f.plants.heatW[p]));
    }
  };
  useHudTick(paint);
  // Mounted again (the plant pane's tabs), it shows the latest values at once rather than on the next tick.
  useLayoutEffect(paint);

  const firstUnit = frameUnitOffsets(scenario);
  return (
    <div ref={root} className="tr-units" data-testid="unit-grid">
      {scenario.plants.map((plant, p) => (
        <section key={plant.id} className="tr-plant" aria-label={plant.name}>
          <div className="tr-plant-head" data-plant-index={p}>
            <span className="tr-plant-name">{plant.name}</span>
            <span className="tr-num">
              <span className="tr-label">Outlet</span> <span className="tr-p-out">—</span>
            </span>
            <span className="tr-num">
              <span className="tr-label">Return</span> <span className="tr-p-ret">—</span>
            </span>
            <span className="tr-num">
              <span className="tr-label">Heat</span> <span className="tr-p-heat">—</span>
            </span>
          </div>
          {plant.units.map((spec, k) => {
            const i = firstUnit[p] + k;
            const name = spec.name ?? spec.id;
            return (
              <div key={spec.id} className="tr-unit" data-unit-index={i} data-kind={spec.kind} data-unit-id={spec.id}>
                <span className="tr-icon tr-u-shape" data-shape="box" aria-hidden="true" />
                <span className="tr-u-name" title={spec.id}>
                  {name}
                  <span className="tr-label"> {KIND_TEXT[spec.kind]}</span>
                </span>
                <span className="tr-u-state" data-testid={`unit-state-${spec.id}`}>
                  —
                </span>
                <span className="tr-num tr-u-load" title="Heat load">
                  —
                </span>
                <span className="tr-num tr-u-extra" />
                {canControl && spec.kind !== 'storage' && (
                  <span className="tr-u-actions">
                    {unitActions(spec).map(({ action, label, command }) => (
                      <button
                        key={action}
                        type="button"
                        onClick={() => askConfirm(label, command)}
                        aria-label={`${action} ${name}`}
                      >
                        {action}
                      </button>
                    ))}
                  </span>
                )}
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}
