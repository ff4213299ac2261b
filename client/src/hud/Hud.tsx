/**
 * The HUD over the city: top bar (clock, speed, weather, price, connection), key figures, production chart and
 * alarms on the left, the selection panel and the energy-flow diagram on the right, legend and layer switches at
 * the bottom. Each panel collapses to its title (HudPanel); H, or the top bar's button, hides them all and shows
 * them again (panelStore). The container lets pointer events through to the city; only the panels take them.
 * In presentation mode (variant 'presentation') the story's screen takes the right and the bottom: only the top
 * bar and the left column's panels are offered, and they start hidden and collapsed.
 * On a narrow screen (phone, tablet: SHEET_MEDIA) the same panels become a bottom sheet (hud.css): a row of tabs
 * at the bottom opens one panel at a time above it, and the open tab lowers the sheet to the tabs again. A
 * building or plant picked on the city opens its panel there.
 */
import { useEffect } from 'react';
import './hud.css';
import { twinStore, useTwin } from '../state/store';
import { TopBar } from './TopBar';
import { KpiCards } from './KpiCards';
import { ProductionChart } from './ProductionChart';
import { AlarmList } from './AlarmList';
import { EnergySankey } from './EnergySankey';
import { SelectionPanel } from './SelectionPanel';
import { Legend } from './Legend';
import { LayerToggles } from './LayerToggles';
import { HudPanel } from './HudPanel';
import { panelStore, usePanels, useSheetLayout, type HudPanel as PanelId } from './panelStore';

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

/** The sheet's tab of each panel: short, so a phone's width holds them. */
const TAB_NAMES: Record<PanelId, string> = {
  kpis: 'Figures',
  production: 'Production',
  alarms: 'Alarms',
  selection: 'Selected',
  sankey: 'Flows',
  legend: 'Legend',
  layers: 'Layers',
};

/** The panels shown now, in the sheet's order: alarms while there are any, the selection while there is one. */
function useSheetPanels(variant: 'live' | 'presentation'): PanelId[] {
  const alarms = useTwin((s) => s.alarms.length > 0);
  const selected = useTwin((s) => s.selection !== null);
  const left: PanelId[] = ['kpis', 'production', ...(alarms ? (['alarms'] as const) : [])];
  if (variant === 'presentation') return left;
  return [...(selected ? (['selection'] as const) : []), ...left, 'sankey', 'legend', 'layers'];
}

/** A new pick on the city opens its panel in the sheet. */
function useSelectionOpensSheet(inSheet: boolean): void {
  useEffect(() => {
    if (!inSheet) return;
    return twinStore.subscribe((s, prev) => {
      if (s.selection && s.selection !== prev.selection) panelStore.getState().setSheet('selection');
    });
  }, [inSheet]);
}

function SheetTabs({ panels, open }: { panels: PanelId[]; open: PanelId | null }) {
  const { setSheet } = panelStore.getState();
  return (
    <nav className="hud-tabs hud-panel" aria-label="Panels">
      {panels.map((id) => (
        <button
          key={id}
          type="button"
          className="hud-tab"
          aria-expanded={open === id}
          aria-controls={`hud-panel-${id}`}
          data-testid="sheet-tab"
          data-tab={id}
          onClick={() => setSheet(open === id ? null : id)}
        >
          {TAB_NAMES[id]}
        </button>
      ))}
    </nav>
  );
}

export function Hud({ variant = 'live' }: { variant?: 'live' | 'presentation' }) {
  const hidden = usePanels((s) => s.hidden);
  const sheet = usePanels((s) => s.sheet);
  const inSheet = useSheetLayout();
  const sheetPanels = useSheetPanels(variant);
  const open = sheet && sheetPanels.includes(sheet) ? sheet : null;
  useHideKey();
  useSelectionOpensSheet(inSheet);
  // The columns stay when the panels are hidden: the scene's first view is framed between them (CityScene).
  return (
    <div className={`hud${inSheet && !hidden && open ? ' hud-sheet-open' : ''}`}>
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
      {inSheet && !hidden && <SheetTabs panels={sheetPanels} open={open} />}
    </div>
  );
}
