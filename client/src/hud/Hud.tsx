/**
 * The HUD over the city: top bar (clock, speed, weather, price, connection), key figures, production chart and
 * alarms on the left, the energy-flow diagram and the selection panel on the right, legend and layer switches at
 * the bottom. The container lets pointer events through to the city; only the panels take them.
 * In presentation mode (variant 'presentation') only the top bar stays: the story's screen takes the rest.
 */
import './hud.css';
import { TopBar } from './TopBar';
import { KpiCards } from './KpiCards';
import { ProductionChart } from './ProductionChart';
import { AlarmList } from './AlarmList';
import { EnergySankey } from './EnergySankey';
import { SelectionPanel } from './SelectionPanel';
import { Legend } from './Legend';
import { LayerToggles } from './LayerToggles';

export function Hud({ variant = 'live' }: { variant?: 'live' | 'presentation' }) {
  if (variant === 'presentation')
    return (
      <div className="hud">
        <TopBar />
      </div>
    );
  return (
    <div className="hud">
      <TopBar />
      <div className="hud-left">
        <KpiCards />
        <ProductionChart />
        <AlarmList />
      </div>
      <div className="hud-right">
        <SelectionPanel />
        <EnergySankey />
      </div>
      <div className="hud-bottom">
        <Legend />
        <LayerToggles />
      </div>
    </div>
  );
}
