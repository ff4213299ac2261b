/**
 * REST and socket payloads around sessions: creating one, joining one, asking for history.
 */
import { z } from 'zod';
import { calendarDateSchema } from './calendarDate';
import type { Role } from './commands';
import { HEAT_PUMP_SOURCE_KEYS, SOURCE_KEYS } from './heatSources';

export const SESSION_PURPOSES = ['training', 'presentation', 'kiosk'] as const;
export type SessionPurpose = (typeof SESSION_PURPOSES)[number];

export const createSessionSchema = z
  .object({
    /** Scenario id from assets/scenarios. */
    scenario: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/),
    /** Simulation start date; defaults to the scenario's. */
    start: calendarDateSchema.optional(),
    /** Simulated seconds per wall-clock second, or 'max'. */
    speed: z.union([z.number().finite().min(0.1).max(1e6), z.literal('max')]).default(60),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    paused: z.boolean().default(false),
    /**
     * What the session is for: a few slots are kept for presentations and kiosks, so training sessions
     * cannot take them all.
     */
    purpose: z.enum(SESSION_PURPOSES).default('training'),
    /** Backtracks: a snapshot every `everyMin` simulated minutes, the last `keep` of them kept to jump back to. */
    backtrack: z
      .object({ everyMin: z.number().finite().min(1).max(24 * 60).default(10), keep: z.number().int().min(1).max(48).default(12) })
      .strict()
      .optional(),
  })
  .strict();
/** A session to create; fields with defaults (speed, paused, purpose) may be left out. */
export type CreateSession = z.input<typeof createSessionSchema>;

export const joinSchema = z
  .object({
    sessionId: z.string().min(1).max(64),
    /** Role token handed out when the session was created; none joins as a viewer. */
    token: z.string().min(1).max(128).optional(),
    /**
     * SHA-256 (hex) of the scenario the client already holds (of JSON.stringify(scenario) as the server sent
     * it); when it matches the session's, the server does not send the scenario again.
     */
    scenarioHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits (SHA-256)').optional(),
  })
  .strict();
export type Join = z.infer<typeof joinSchema>;

/**
 * The answer to `join`. scenarioHash: the session's scenario hash, for the client to keep with the scenario;
 * scenarioSent: whether a `scenario` event came before this answer (false when the client's hash matched, or
 * when this socket had already joined the session).
 */
export type JoinAck = { ok: true; role: Role; scenarioHash: string; scenarioSent: boolean } | { ok: false; error: string };

export const historyRequestSchema = z
  .object({
    /** Simulation times (s) bounding the rows; default the whole buffer. */
    from: z.number().finite().optional(),
    to: z.number().finite().optional(),
  })
  .strict();
export type HistoryRequest = z.infer<typeof historyRequestSchema>;

/** One KPI sample: what the `kpi` event carries about once a second and history keeps every 5 minutes. */
export interface KpiSample {
  simTimeS: number;
  outdoorC: number;
  supplySetpointC: number;
  priceEurPerMWh: number;
  heatDemandMW: number;
  heatDeliveredMW: number;
  unmetHeatMW: number;
  networkLossMW: number;
  /** Heat the prosumer buildings sell into the network (MW): their service pipes then run backwards. */
  prosumerExportMW: number;
  electricityMW: number;
  /** Heat by source kind (MW), the ledger's source keys. */
  heatBySourceMW: Record<string, number>;
  /** Heat-pump electricity by heat-pump source kind (MW): heatBySourceMW[k] over it is that source's COP. */
  heatPumpElectricityBySourceMW: Record<string, number>;
  wasteHeatSharePct: number;
  /** Heat-pump COP this step (0 when none runs). */
  cop: number;
  co2TonnesPerH: number;
  baselineCo2TonnesPerH: number;
  /**
   * Running totals since `totalsFromS`, the simulated time the simulation's ledger began counting (the session's
   * start; a jump back, or far ahead, restarts the simulation a warm-up day before its target and the totals
   * with it). Baseline: the scenario's heat-only plant making the same heat (server/sim/bookkeeping.ts).
   */
  co2Tonnes: number;
  baselineCo2Tonnes: number;
  costEur: number;
  baselineCostEur: number;
  /** Fuel burnt in boilers (MWh of fuel, lower heating value; electricity is not fuel). */
  fuelMWh: number;
  /** Fuel the baseline plant would burn for the same heat (MWh, its efficiency applied). */
  baselineFuelMWh: number;
  /**
   * The scenario's districts together (0 when it names none), running totals like the above: heat their buildings
   * used, heat made inside them, and their net export over their edges (server/sim/districts.ts).
   */
  districtUsedMWh: number;
  districtProducedMWh: number;
  districtNetExportMWh: number;
  totalsFromS: number;
  /**
   * Per scenario source, in the order of scenario.sources: the heat it rejects that its heat pumps do not take
   * (MW, the last step's): what a data centre's dry coolers, a supermarket's condensers or an office's chillers
   * throw away; 0 for wastewater and outdoor air, which reject nothing. Live samples only: history rows do not
   * keep it.
   */
  dumpedHeatBySourceMW?: number[];
}

/** Every numeric KpiSample field, in the order history rows and CSV columns use. */
export const KPI_FIELDS = [
  'simTimeS',
  'outdoorC',
  'supplySetpointC',
  'priceEurPerMWh',
  'heatDemandMW',
  'heatDeliveredMW',
  'unmetHeatMW',
  'networkLossMW',
  'prosumerExportMW',
  'electricityMW',
  'wasteHeatSharePct',
  'cop',
  'co2TonnesPerH',
  'baselineCo2TonnesPerH',
  'co2Tonnes',
  'baselineCo2Tonnes',
  'costEur',
  'baselineCostEur',
  'fuelMWh',
  'baselineFuelMWh',
  'districtUsedMWh',
  'districtProducedMWh',
  'districtNetExportMWh',
  'totalsFromS',
] as const satisfies readonly KpiField[];
export type KpiField = Exclude<
  keyof KpiSample,
  'heatBySourceMW' | 'heatPumpElectricityBySourceMW' | 'dumpedHeatBySourceMW'
>;
// Fails to compile when KpiSample gains a numeric field KPI_FIELDS lacks.
const kpiFieldsComplete: Exclude<KpiField, (typeof KPI_FIELDS)[number]> extends never ? true : never = true;
void kpiFieldsComplete;

export interface Alarm {
  simTimeS: number;
  severity: 'info' | 'warning' | 'critical';
  source: string;
  message: string;
}

/**
 * The columns of a history row: every numeric KpiSample field, then heat and heat-pump electricity by source as
 * "heatBySourceMW.<key>" and "heatPumpElectricityBySourceMW.<key>" (MW), so a row holds a whole sample and the
 * live view's production chart can be drawn from history by source.
 */
export const HISTORY_COLUMNS = [
  ...KPI_FIELDS,
  ...SOURCE_KEYS.map((k) => `heatBySourceMW.${k}` as const),
  ...HEAT_PUMP_SOURCE_KEYS.map((k) => `heatPumpElectricityBySourceMW.${k}` as const),
];
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

/** A sample's value in a history column (a source the sample does not name made 0 MW). */
export function historyValue(k: KpiSample, column: HistoryColumn): number {
  const dot = column.indexOf('.');
  if (dot < 0) return k[column as KpiField];
  const bySource = column.startsWith('heatBySourceMW.') ? k.heatBySourceMW : k.heatPumpElectricityBySourceMW;
  return bySource[column.slice(dot + 1)] ?? 0;
}

export interface History {
  resolutionS: number;
  columns: HistoryColumn[];
  rows: number[][];
}
