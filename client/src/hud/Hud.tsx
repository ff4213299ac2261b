/**
 * The HUD over the city: top bar (clock, speed, weather, price, connection), key figures, production chart and
 * alarms on the left, the selection panel and the energy-flow diagram on the right, legend and layer switches at
 * the bottom. Each panel collapses to its title (HudPanel); H, or the top bar's button, hides them all and shows
 * them again (panelStore). The container lets pointer events through to the city; only the panels take them.
 * In presentation mode (variant 'presentation') the story's screen takes the right and the bottom: only the top
 * bar and the left column's panels are offered, and they start hidden and collapsed.
 */
import { useEffect } from 'react';
import './hud.css';
import { TopBar } from './TopBar';
import { KpiCards } from './KpiCards';
import { ProductionChart } from './ProductionChart';
import { AlarmList } from './AlarmList';
import { EnergySankey } from './EnergySankey';
import { SelectionPanel } from './SelectionPanel';
import { Legend } from './Legend';
import { LayerToggles } from './LayerToggles';
import { HudPanel } from './HudPanel';
import { panelStore, usePanels } from './panelStore';

/** H hides or shows every panel, unless it is typed into a form field or comes with a modifier. */
function useHideKey(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'h' && e.key !== 'H') return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      panelStore.getState().toggleHidden();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}

export function Hud({ variant = 'live' }: { variant?: 'live' | 'presentation' }) {
  const hidden = usePanels((s) => s.hidden);
  useHideKey();
  // The columns stay when the panels are hidden: the scene's first view is framed between them (CityScene).
  return (
    <div className="hud">
      <TopBar />
      <div className="hud-left">
        {!hidden && (
          <>
            <KpiCards />
            <ProductionChart />
            <AlarmList />
          </>
        )}
      </div>
      {variant === 'live' && (
        <>
          <div className="hud-right">
            {!hidden && (
              <>
                <SelectionPanel />
                <HudPanel id="sankey" title="Energy flows now" className="hud-wrapper">
                  <EnergySankey />
                </HudPanel>
              </>
            )}
          </div>
          <div className="hud-bottom">
            {!hidden && (
              <>
                <Legend />
                <LayerToggles />
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}
