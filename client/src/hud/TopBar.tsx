/**
 * The bar across the top: the city, simulation date and time, speed, outdoor temperature, electricity price,
 * connection, the button that hides or shows the other panels (key H), and the button that opens the scenario
 * picker (story/ScenarioPicker.tsx) in the live twin.
 */
import { useTwin } from '../state/store';
import type { Connection } from '../state/store';
import { shallowEqual, useLiveValue } from './hudTicker';
import { celsiusText, simDateTime, speedText } from './format';
import type { Frame } from '../../../shared/protocol/frame';
import { PickerButton } from '../story/ScenarioPicker';
import { usePresentation } from '../story/presentationStore';
import { panelStore, usePanels } from './panelStore';

function readHeader(f: Frame) {
  const { date, time, weekday } = simDateTime(f.header.simTimeS);
  return {
    date: `${weekday} ${date}`,
    time,
    speed: speedText(f.header.speed),
    outdoor: celsiusText(f.header.outdoorC),
    price: `${f.header.priceEurPerMWh.toFixed(0)} €/MWh`,
  };
}

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

export function TopBar() {
  const cityName = useTwin((s) => s.scenario?.name ?? 'HeatTwin');
  const h = useLiveValue(readHeader, shallowEqual);
  // Presentation mode has its own picker button beside the chapter controls.
  const presenting = usePresentation((s) => s.scenarioId !== null);
  return (
    <header className="hud-topbar hud-panel">
      <div className="hud-title">{cityName}</div>
      <div className="hud-clock" data-testid="sim-clock" title="Simulation date and time (local standard time)">
        <span className="hud-clock-date">{h?.date ?? '—'}</span>{' '}
        <span className="hud-clock-time">{h?.time ?? '--:--'}</span>
      </div>
      <TopFigure label="Speed" value={h?.speed} />
      <TopFigure label="Outdoor" value={h?.outdoor} />
      <TopFigure label="Electricity" value={h?.price} />
      <ConnectionBadge />
      <PanelsButton />
      {!presenting && <PickerButton className="hud-picker-button" />}
    </header>
  );
}

function TopFigure({ label, value }: { label: string; value: string | undefined }) {
  return (
    <div className="hud-topfigure">
      <span className="hud-label">{label}</span>
      <span className="hud-topvalue">{value ?? '—'}</span>
    </div>
  );
}

function ConnectionBadge() {
  const connection = useTwin((s) => s.connection);
  return (
    <div className={`hud-connection hud-connection-${connection}`} data-testid="connection" role="status" aria-live="polite">
      <span className="hud-connection-dot" aria-hidden="true" />
      {CONNECTION_TEXT[connection]}
    </div>
  );
}

function PanelsButton() {
  const hidden = usePanels((s) => s.hidden);
  return (
    <button
      type="button"
      className="hud-toggle hud-panels-button"
      aria-keyshortcuts="H"
      title="Key: H"
      data-testid="panels-toggle"
      onClick={() => panelStore.getState().toggleHidden()}
    >
      {hidden ? 'Show panels' : 'Hide panels'}
    </button>
  );
}
