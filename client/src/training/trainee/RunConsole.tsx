/**
 * The console itself, on one screen (CSS grid, trainee.css): the status bar (role, simulation clock and state,
 * connection, briefing), the 3D city sharing its pane with the trends, the plant pane (a plant's schematic or
 * the unit cards, as two tabs; plant-wide controls and the answer to the last command), the alarm list, the
 * transmitters' readings and the event log.
 * Connects to the run's session with the trainee's token while mounted; keeps trend samples from then on.
 * Controls show only for a role that may use them (an operator).
 */
import { useEffect, useId, useState } from 'react';
import { connectTwin } from '../../net/socket';
import { useTwin } from '../../state/store';
import { roleAllows } from '../../../../shared/protocol/commands';
import type { ExerciseBrief } from '../../../../shared/protocol/runs';
import type { Scenario } from '../../../../shared/scenario/schema';
import { CityTrendsPane } from '../common/CityTrendsPane';
import { RunStatusBar } from '../common/RunStatusBar';
import { TabList, tabPanelProps, type Tab } from '../common/TabList';
import { useTrendBuffer } from '../common/useTrendBuffer';
import { AlarmPanel } from './AlarmPanel';
import { BriefingDialog } from './BriefingDialog';
import { ControlDialog } from './ControlDialog';
import { FeedbackLine } from './FeedbackLine';
import { PlantControls } from './PlantControls';
import { PlantSchematic } from './PlantSchematic';
import { ReadingsPanel } from './ReadingsPanel';
import { TraineeLog } from './TraineeLog';
import { UnitGrid } from './UnitGrid';
import { joinSearch, type TraineeJoin } from './traineeSession';

type PlantView = 'schematic' | 'units';
const PLANT_VIEWS: ReadonlyArray<Tab<PlantView>> = [
  { id: 'schematic', label: 'Schematic' },
  { id: 'units', label: 'Units' },
];

/**
 * The plant pane's two views as tabs (arrow keys move between them, as the ARIA tabs pattern has it): a plant's
 * schematic, or every unit's card. Only the open one is mounted; it shows the latest values as it mounts.
 */
function PlantViews({ scenario, canControl }: { scenario: Scenario; canControl: boolean }) {
  const [view, setView] = useState<PlantView>('schematic');
  const id = useId();
  return (
    <>
      <TabList
        tabs={PLANT_VIEWS}
        open={view}
        onOpen={setView}
        idBase={id}
        label="Schematic or units"
        className="tr-plant-tabs"
      />
      <div {...tabPanelProps(id, 'schematic')} hidden={view !== 'schematic'}>
        {view === 'schematic' && <PlantSchematic scenario={scenario} canControl={canControl} />}
      </div>
      <div {...tabPanelProps(id, 'units')} hidden={view !== 'units'}>
        {view === 'units' && <UnitGrid scenario={scenario} canControl={canControl} />}
      </div>
    </>
  );
}

export interface RunConsoleProps {
  join: TraineeJoin | null;
  sessionId: string;
  brief: ExerciseBrief | null;
  onLeave: () => void;
}

export function RunConsole({ join, sessionId, brief, onLeave }: RunConsoleProps) {
  const scenario = useTwin((s) => s.scenario);
  const role = useTwin((s) => s.role);
  const connection = useTwin((s) => s.connection);
  const [briefingOpen, setBriefingOpen] = useState(false);
  const token = join?.token;
  useEffect(() => connectTwin({ search: joinSearch(sessionId, token) }), [sessionId, token]);
  const canControl = roleAllows(role, 'operator');
  const trends = useTrendBuffer(join && { runId: join.runId, token: join.token });

  return (
    <main className="tr-root tr-console">
      <RunStatusBar title={brief?.title ?? scenario?.name ?? 'Training run'} role={role} connection={connection}>
        {join && <span className="tr-label">Signed in as {join.name}</span>}
        <button type="button" onClick={() => setBriefingOpen(true)} disabled={!brief}>
          Briefing
        </button>
        {join && (
          <button type="button" onClick={onLeave}>
            Leave
          </button>
        )}
      </RunStatusBar>
      <CityTrendsPane buffer={trends} objectives={brief?.objectives ?? null} />
      <section className="tr-panel tr-plantpane" aria-labelledby="tr-plant-title">
        <h2 className="tr-h" id="tr-plant-title">
          Plants and units
        </h2>
        {canControl ? <FeedbackLine /> : <p className="tr-empty">Watching: the controls are the operator&apos;s.</p>}
        {scenario ? (
          <PlantViews scenario={scenario} canControl={canControl} />
        ) : (
          <p className="tr-empty">Waiting for the city…</p>
        )}
        {scenario && canControl && <PlantControls scenario={scenario} />}
      </section>
      <AlarmPanel canAck={canControl} />
      <div className="tr-side">
        <ReadingsPanel />
        <TraineeLog canAct={canControl} />
      </div>
      <ControlDialog />
      <BriefingDialog brief={brief} open={briefingOpen} onClose={() => setBriefingOpen(false)} />
    </main>
  );
}
