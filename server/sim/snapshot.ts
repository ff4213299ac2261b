/**
 * Snapshot and restore of a running simulation's state, so training can go back in time.
 *
 * What is saved: the simulation's `state` (simulation.ts: exactly what a step reads before it writes it) and
 * nothing else: not the compiled model (static, shared by all simulations of a scenario), not the outputs (each
 * step rewrites them), not the engine's scratch. The walk copies numbers, strings, booleans, typed arrays, nested
 * objects and arrays, class instances' own fields (PlugFlow's parcel pool, rings, per-pipe records). Shared
 * references are saved once and restored as the same object. Functions are skipped: state held in closures is
 * invisible to a walk.
 *
 * The hydraulic solver keeps its warm start (chord flows, cached friction factors) in a closure; it is saved and
 * loaded through the solver's own saveWarmStart/loadWarmStart, so a run continued after a snapshot and a run
 * restored from it step bit for bit alike (test/session/snapshot.test.ts), and taking a snapshot leaves the live
 * run untouched. After a restore the outputs still hold the last step run until the next step rewrites them.
 *
 * The snapshot is a tree of plain objects, arrays and typed arrays: structured-clonable (postMessage, worker
 * boundaries) and independent of the live simulation (restoring never aliases its arrays).
 */
import type { Simulation, SimulationState } from './simulation';
import type { HydraulicWarmStart } from './network/hydraulics';

type TypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

/** A saved value: a primitive, a typed array {o: id, t: copy}, an object {o, p: fields}, an array {o, a}, a reference {r: id}. */
export type StateValue =
  | number
  | string
  | boolean
  | null
  | undefined
  | { o: number; t: TypedArray }
  | { o: number; p: Record<string, StateValue> }
  | { o: number; a: StateValue[] }
  | { r: number };

export interface SimSnapshot {
  /** Simulation time at the snapshot (s). */
  timeS: number;
  stepIndex: number;
  /** Node and pipe counts, checked on restore. */
  nodeCount: number;
  pipeCount: number;
  state: StateValue;
  hydraulics: { supply: HydraulicWarmStart; return: HydraulicWarmStart };
}

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/** Fields of the state not walked: the hydraulic solvers (saved through their warm starts). */
const SKIP_ROOT = new Set<keyof SimulationState>(['hydraulics']);

/** Saves the state. */
export function takeSnapshot(sim: Simulation): SimSnapshot {
  const { state } = sim;
  return {
    timeS: state.timeS,
    stepIndex: state.stepIndex,
    nodeCount: sim.model.topology.nodeCount,
    pipeCount: sim.model.topology.pipeCount,
    state: captureState(state, SKIP_ROOT),
    hydraulics: { supply: state.hydraulics.supply.saveWarmStart(), return: state.hydraulics.return.saveWarmStart() },
  };
}

/** Puts a snapshot's state into a simulation of the same compiled scenario (the same one, or a fresh one). */
export function restoreSnapshot(sim: Simulation, snap: SimSnapshot): void {
  if (snap.nodeCount !== sim.model.topology.nodeCount || snap.pipeCount !== sim.model.topology.pipeCount)
    throw new SnapshotError('snapshot is of another network');
  applyState(sim.state, snap.state, SKIP_ROOT);
  sim.state.hydraulics.supply.loadWarmStart(snap.hydraulics.supply);
  sim.state.hydraulics.return.loadWarmStart(snap.hydraulics.return);
}

/**
 * Saves every non-function value reachable from `root` (own enumerable fields), skipping the root's fields in
 * `skip`. Maps, Sets and other exotic objects are refused (SnapshotError) so nothing is silently lost.
 */
export function captureState(root: object, skip: ReadonlySet<string> = new Set()): StateValue {
  const ids = new Map<object, number>();
  const walk = (v: unknown, isRoot: boolean): StateValue => {
    if (v === null || v === undefined || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'function') return undefined;
    if (typeof v !== 'object') throw new SnapshotError(`cannot snapshot a ${typeof v}`);
    const seen = ids.get(v);
    if (seen !== undefined) return { r: seen };
    if (ArrayBuffer.isView(v)) {
      if (v instanceof DataView) throw new SnapshotError('cannot snapshot a DataView');
      const id = ids.size;
      ids.set(v, id);
      return { o: id, t: (v as TypedArray).slice() };
    }
    if (v instanceof Map || v instanceof Set || v instanceof ArrayBuffer || v instanceof Promise)
      throw new SnapshotError(`cannot snapshot a ${v.constructor.name}`);
    const id = ids.size;
    ids.set(v, id);
    if (Array.isArray(v)) return { o: id, a: v.map((x) => walk(x, false)) };
    const p: Record<string, StateValue> = {};
    for (const key of Object.keys(v)) {
      if (isRoot && skip.has(key)) continue;
      const value = (v as Record<string, unknown>)[key];
      if (typeof value === 'function') continue;
      p[key] = walk(value, false);
    }
    return { o: id, p };
  };
  return walk(root, true);
}

/**
 * Writes saved state back into the live object graph: primitives assigned, typed arrays copied in place when
 * their length matches (so other holders of the array see the values) and replaced by a copy otherwise (a grown
 * parcel pool), objects and arrays recursed into, references pointed at the object restored under that id.
 */
export function applyState(root: object, state: StateValue, skip: ReadonlySet<string> = new Set()): void {
  const byId = new Map<number, unknown>();
  const restore = (current: unknown, s: StateValue, isRoot: boolean): unknown => {
    if (s === null || s === undefined || typeof s !== 'object') return s;
    if ('t' in s) {
      const t = s.t;
      let out: TypedArray;
      if (ArrayBuffer.isView(current) && current.constructor === t.constructor && (current as TypedArray).length === t.length) {
        out = current as TypedArray;
        out.set(t);
      } else out = t.slice();
      byId.set(s.o, out);
      return out;
    }
    if ('r' in s) {
      if (!byId.has(s.r)) throw new SnapshotError(`dangling reference ${s.r}`);
      return byId.get(s.r);
    }
    if ('a' in s) {
      const arr = Array.isArray(current) ? current : [];
      byId.set(s.o, arr);
      arr.length = s.a.length;
      for (let i = 0; i < s.a.length; i++) arr[i] = restore(arr[i], s.a[i], false);
      return arr;
    }
    const obj = (current !== null && typeof current === 'object' ? current : {}) as Record<string, unknown>;
    byId.set(s.o, obj);
    for (const key of Object.keys(s.p)) {
      if (isRoot && skip.has(key)) continue;
      const next = restore(obj[key], s.p[key], false);
      if (obj[key] !== next) obj[key] = next;
    }
    return obj;
  };
  restore(root, state, true);
}
