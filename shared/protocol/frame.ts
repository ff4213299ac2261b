/**
 * The binary `frame` a session streams to every viewer about ten times a second: simulation time and every
 * dynamic value the view needs, at the precision the view can show. This module is the only place that writes
 * or reads it; server and client both use it.
 *
 * Layout (little-endian):
 *   header (60 bytes)
 *      0 u32 magic 0x32465448 ("HTF2")     4 u32 sequence
 *      8 f64 simulation time (s, calendar.ts)   16 f64 server send time (ms since the Unix epoch)
 *     24 f32 outdoor °C   28 f32 supply set-point °C   32 f32 spot price EUR/MWh   36 f32 speed (simulated s per s)
 *     40 u32 buildings   44 u32 pipes   48 u32 plants   52 u32 units
 *     56 u16 slice index k   58 u16 slice count N (N = 1: a full frame)
 *   then 16-bit values, one block per quantity (that quantity for every element in the frame, then the next):
 *     buildings of slice k   heat demand W, heat delivered W, indoor °C
 *     pipes of slice k       mass flow kg/s (+ from -> to in the supply pipe), supply °C, return °C (pipe mean),
 *                            heat loss W (supply + return pipe to the ground, mean over the last step)
 *     every plant            heat into the network W, outlet °C, return °C, flow kg/s
 *     every unit             heat W (storage: + discharge, - charge), electricity W, COP (storage: state of charge
 *                            0-1), mode (heat pumps 0 off, 1 starting, 2 running, 3 tripped, 4 maintenance;
 *                            others 0/2 off/on)
 * Slices: the two big per-element lists (buildings, pipes; a 25,000-building city has ~47,000 pipes) go in
 * rotating slices. Slice k of N holds elements [floor(k·n/N), floor((k+1)·n/N)) of a list of n (sliceRange), so
 * N frames with k = 0..N-1 refresh every building and pipe once; header, plants and units go whole in every frame.
 * A dropped frame (frames are volatile broadcasts) only delays its slice to that slice's next turn. The join
 * snapshot is a full frame. The sender encodes full frames and cuts the slice to stream from them (sliceFrame);
 * which slice a frame carries is its choice (server/session/frames.ts).
 * Value codes:
 *   °C                 int16 in 0.01 K steps (±327.67 °C, error at most 0.005 K); -32768 = no value (NaN)
 *   W, kg/s, COP, SoC  signed logarithmic uint16: bit 15 the sign, bits 0-14 a magnitude code m; m = 0 is zero,
 *                      m >= 1 is 1e-3 · e^((m-1)·s) with s = ln(1e13)/32766: 1e-3 to 1e10 in steps of 0.09 %
 *                      (error at most 0.046 %; below 1e-3 at most 1e-3 absolute); 0x8000 = no value (NaN)
 *   mode               uint16 integer
 * Decoded, every quantity is a contiguous Float32 block (all buildings' demand, then all their deliveries, ...)
 * that the scene and HUD read directly.
 */
export const FRAME_MAGIC = 0x32465448;
export const FRAME_HEADER_BYTES = 60;
const VALUE_BYTES = 2;

type Code = 'celsius' | 'signedLog' | 'integer';

const QUANTITIES = {
  buildings: { demandW: 'signedLog', deliveredW: 'signedLog', indoorC: 'celsius' },
  pipes: { massFlowKgS: 'signedLog', supplyC: 'celsius', returnC: 'celsius', heatLossW: 'signedLog' },
  plants: { heatW: 'signedLog', outletC: 'celsius', returnC: 'celsius', flowKgS: 'signedLog' },
  units: { heatW: 'signedLog', electricityW: 'signedLog', copOrSoc: 'signedLog', mode: 'integer' },
} as const satisfies Record<string, Record<string, Code>>;

type Group = keyof typeof QUANTITIES;
const GROUPS = Object.keys(QUANTITIES) as Group[];
/** The lists that go in slices; the others go whole in every frame. */
const SLICED: Record<Group, boolean> = { buildings: true, pipes: true, plants: false, units: false };

export type FrameCounts = Record<Group, number>;

/** Slice `index` of `count` (0 <= index < count <= 65535); { index: 0, count: 1 } is a full frame. */
export interface FrameSlice {
  index: number;
  count: number;
}
export const FULL_FRAME: FrameSlice = { index: 0, count: 1 };

export interface FrameHeader {
  sequence: number;
  simTimeS: number;
  sentAtMs: number;
  outdoorC: number;
  supplySetpointC: number;
  priceEurPerMWh: number;
  speed: number;
}

type Blocks<G extends Group> = { [K in keyof (typeof QUANTITIES)[G]]: Float32Array };

/** A frame's values: one Float32 block per quantity. The server fills one to encode; the client decodes into one. */
export interface Frame {
  header: FrameHeader;
  counts: FrameCounts;
  /** The slice the last encoded frame decoded into this one carried. */
  slice: FrameSlice;
  buildings: Blocks<'buildings'>;
  pipes: Blocks<'pipes'>;
  plants: Blocks<'plants'>;
  units: Blocks<'units'>;
}

export class FrameError extends Error {
  override name = 'FrameError';
}

/** The elements [start, end) of a list of n that slice `slice` holds. */
export function sliceRange(n: number, slice: FrameSlice): [number, number] {
  return [Math.floor((slice.index * n) / slice.count), Math.floor(((slice.index + 1) * n) / slice.count)];
}

function groupRange(group: Group, counts: FrameCounts, slice: FrameSlice): [number, number] {
  return SLICED[group] ? sliceRange(counts[group], slice) : [0, counts[group]];
}

function valueCount(counts: FrameCounts, slice: FrameSlice): number {
  let n = 0;
  for (const g of GROUPS) {
    const [a, b] = groupRange(g, counts, slice);
    n += (b - a) * Object.keys(QUANTITIES[g]).length;
  }
  return n;
}

/** Bytes of an encoded frame of this shape carrying `slice`. */
export function frameBytes(counts: FrameCounts, slice: FrameSlice = FULL_FRAME): number {
  return FRAME_HEADER_BYTES + VALUE_BYTES * valueCount(counts, slice);
}

// --- value codes -------------------------------------------------------------------------------------------
const CELSIUS_STEP = 0.01;
const CELSIUS_NONE = -32768;
const LOG_MIN = 1e-3;
const LOG_MAX_CODE = 0x7fff;
const LOG_STEP = Math.log(1e10 / LOG_MIN) / (LOG_MAX_CODE - 1);
const LOG_SIGN = 0x8000;
const LOG_NONE = LOG_SIGN;

const LN_LOG_MIN = Math.log(LOG_MIN);
const PER_LOG_STEP = 1 / LOG_STEP;

function encodeCelsius(v: number): number {
  if (Number.isNaN(v)) return CELSIUS_NONE & 0xffff;
  return Math.max(-32767, Math.min(32767, Math.round(v / CELSIUS_STEP))) & 0xffff;
}

function encodeSignedLog(v: number): number {
  if (Number.isNaN(v)) return LOG_NONE;
  const a = Math.abs(v);
  if (a < LOG_MIN / 2) return 0;
  const m = a <= LOG_MIN ? 1 : Math.min(LOG_MAX_CODE, Math.round((Math.log(a) - LN_LOG_MIN) * PER_LOG_STEP) + 1);
  return v < 0 ? m | LOG_SIGN : m;
}

const encodeInteger = (v: number): number => (Number.isNaN(v) ? 0 : Math.max(0, Math.min(0xffff, Math.round(v))));

/** Magnitudes of the logarithmic codes, made once: decoding looks them up. */
let logMagnitudes: Float64Array | null = null;
function magnitudes(): Float64Array {
  if (!logMagnitudes) {
    logMagnitudes = new Float64Array(LOG_MAX_CODE + 1);
    for (let m = 1; m <= LOG_MAX_CODE; m++) logMagnitudes[m] = LOG_MIN * Math.exp((m - 1) * LOG_STEP);
  }
  return logMagnitudes;
}

function decodeCelsius(u: number): number {
  const s = (u << 16) >> 16;
  return s === CELSIUS_NONE ? NaN : s * CELSIUS_STEP;
}

function decodeSignedLog(u: number, table: Float64Array): number {
  if (u === LOG_NONE) return NaN;
  const a = table[u & LOG_MAX_CODE];
  return u & LOG_SIGN ? -a : a;
}

/** Encodes values[a..b) into out from o on; one loop per code keeps each loop's call monomorphic. */
function encodeBlock(code: Code, values: Float32Array, a: number, b: number, out: Uint16Array, o: number): void {
  if (code === 'celsius') for (let i = a; i < b; i++) out[o++] = encodeCelsius(values[i]);
  else if (code === 'signedLog') for (let i = a; i < b; i++) out[o++] = encodeSignedLog(values[i]);
  else for (let i = a; i < b; i++) out[o++] = encodeInteger(values[i]);
}

/** Decodes codes from o on into block[a..b). */
function decodeBlock(code: Code, codes: Uint16Array, o: number, block: Float32Array, a: number, b: number): void {
  if (code === 'celsius') for (let i = a; i < b; i++) block[i] = decodeCelsius(codes[o++]);
  else if (code === 'signedLog') {
    const table = magnitudes();
    for (let i = a; i < b; i++) block[i] = decodeSignedLog(codes[o++], table);
  } else for (let i = a; i < b; i++) block[i] = codes[o++];
}

// --- frames ------------------------------------------------------------------------------------------------
function blocks<G extends Group>(group: G, n: number, fill: number): Blocks<G> {
  const out = {} as Record<string, Float32Array>;
  for (const q of Object.keys(QUANTITIES[group])) out[q] = new Float32Array(n).fill(fill);
  return out as Blocks<G>;
}

function newFrame(counts: FrameCounts, fill: number): Frame {
  return {
    header: { sequence: 0, simTimeS: 0, sentAtMs: 0, outdoorC: 0, supplySetpointC: 0, priceEurPerMWh: 0, speed: 0 },
    counts: { ...counts },
    slice: FULL_FRAME,
    buildings: blocks('buildings', counts.buildings, fill),
    pipes: blocks('pipes', counts.pipes, fill),
    plants: blocks('plants', counts.plants, fill),
    units: blocks('units', counts.units, fill),
  };
}

/** A zeroed frame of the given shape: fill its header and blocks, then encodeFrame. */
export function createFrame(counts: FrameCounts): Frame {
  return newFrame(counts, 0);
}

/** The bytes of `frame`: a full frame. */
export function encodeFrame(frame: Frame): ArrayBuffer {
  const counts = frame.counts;
  const slice = FULL_FRAME;
  const buffer = new ArrayBuffer(frameBytes(counts, slice));
  const v = new DataView(buffer);
  const h = frame.header;
  v.setUint32(0, FRAME_MAGIC, true);
  v.setUint32(4, h.sequence >>> 0, true);
  v.setFloat64(8, h.simTimeS, true);
  v.setFloat64(16, h.sentAtMs, true);
  v.setFloat32(24, h.outdoorC, true);
  v.setFloat32(28, h.supplySetpointC, true);
  v.setFloat32(32, h.priceEurPerMWh, true);
  v.setFloat32(36, h.speed, true);
  GROUPS.forEach((g, i) => v.setUint32(40 + 4 * i, counts[g], true));
  v.setUint16(56, slice.index, true);
  v.setUint16(58, slice.count, true);
  const out = new Uint16Array(buffer, FRAME_HEADER_BYTES);
  let o = 0;
  for (const g of GROUPS) {
    const [a, b] = groupRange(g, counts, slice);
    for (const [q, code] of Object.entries(QUANTITIES[g]) as [string, Code][]) {
      encodeBlock(code, (frame[g] as Record<string, Float32Array>)[q], a, b, out, o);
      o += b - a;
    }
  }
  return buffer;
}

export interface FrameHead {
  header: FrameHeader;
  counts: FrameCounts;
  slice: FrameSlice;
}

function checkSlice(s: FrameSlice, error: (message: string) => Error): void {
  if (!(Number.isInteger(s.count) && Number.isInteger(s.index) && s.count >= 1 && s.count <= 0xffff && s.index >= 0 && s.index < s.count))
    throw error(`slice ${s.index} of ${s.count} is not a slice`);
}

/**
 * Reads and checks a frame's header without decoding its values: magic, a real slice, and a length that matches
 * counts and slice; throws FrameError otherwise.
 */
export function readFrameHead(data: ArrayBuffer | ArrayBufferView): FrameHead {
  const buffer = toAlignedBuffer(data);
  if (buffer.byteLength < FRAME_HEADER_BYTES) throw new FrameError(`frame too short: ${buffer.byteLength} bytes`);
  const v = new DataView(buffer);
  if (v.getUint32(0, true) !== FRAME_MAGIC) throw new FrameError('not a HeatTwin frame (bad magic)');
  const counts = {} as FrameCounts;
  GROUPS.forEach((g, i) => (counts[g] = v.getUint32(40 + 4 * i, true)));
  const slice = { index: v.getUint16(56, true), count: v.getUint16(58, true) };
  checkSlice(slice, (m) => new FrameError(m));
  const expected = frameBytes(counts, slice);
  if (expected !== buffer.byteLength) throw new FrameError(`frame length ${buffer.byteLength} does not match its counts and slice (${expected})`);
  const header: FrameHeader = {
    sequence: v.getUint32(4, true),
    simTimeS: v.getFloat64(8, true),
    sentAtMs: v.getFloat64(16, true),
    outdoorC: v.getFloat32(24, true),
    supplySetpointC: v.getFloat32(28, true),
    priceEurPerMWh: v.getFloat32(32, true),
    speed: v.getFloat32(36, true),
  };
  return { header, counts, slice };
}

const sameCounts = (a: FrameCounts, b: FrameCounts): boolean => GROUPS.every((g) => a[g] === b[g]);

/**
 * Decodes frame bytes received (ArrayBuffer, or a Node Buffer / Uint8Array view) into `into` when that frame has
 * the same counts, so a slice updates its elements and leaves the others as they were; otherwise into a new frame
 * in which the elements outside the slice are NaN. Throws FrameError, before writing anything, when the bytes
 * are not a frame (bad magic, bad slice, length not matching counts and slice).
 */
export function decodeFrame(data: ArrayBuffer | ArrayBufferView, into?: Frame): Frame {
  const buffer = toAlignedBuffer(data);
  const head = readFrameHead(buffer);
  const frame = into && sameCounts(into.counts, head.counts) ? into : newFrame(head.counts, NaN);
  Object.assign(frame.header, head.header);
  frame.slice = head.slice;
  const values = new Uint16Array(buffer, FRAME_HEADER_BYTES);
  let o = 0;
  for (const g of GROUPS) {
    const [a, b] = groupRange(g, head.counts, head.slice);
    for (const [q, code] of Object.entries(QUANTITIES[g]) as [string, Code][]) {
      decodeBlock(code, values, o, (frame[g] as Record<string, Float32Array>)[q], a, b);
      o += b - a;
    }
  }
  return frame;
}

/**
 * The frame carrying `slice` of a full frame's buildings and pipes, with its header, plants and units: new bytes,
 * cut from the encoded values. Throws FrameError when `full` is not a full frame, RangeError for a bad slice.
 */
export function sliceFrame(full: ArrayBuffer, slice: FrameSlice): ArrayBuffer {
  checkSlice(slice, (m) => new RangeError(m));
  const head = readFrameHead(full);
  if (head.slice.count !== 1) throw new FrameError(`slice ${head.slice.index} of ${head.slice.count} is not a full frame`);
  const out = new ArrayBuffer(frameBytes(head.counts, slice));
  new Uint8Array(out).set(new Uint8Array(full, 0, FRAME_HEADER_BYTES));
  new DataView(out).setUint16(56, slice.index, true);
  new DataView(out).setUint16(58, slice.count, true);
  const from = new Uint16Array(full, FRAME_HEADER_BYTES);
  const to = new Uint16Array(out, FRAME_HEADER_BYTES);
  let oFull = 0;
  let oOut = 0;
  for (const g of GROUPS) {
    const [a, b] = groupRange(g, head.counts, slice);
    for (let q = 0; q < Object.keys(QUANTITIES[g]).length; q++) {
      to.set(from.subarray(oFull + a, oFull + b), oOut);
      oFull += head.counts[g];
      oOut += b - a;
    }
  }
  return out;
}

/** 16-bit views need 2-byte alignment: copy when a received view is not aligned or not the whole buffer. */
function toAlignedBuffer(data: ArrayBuffer | ArrayBufferView): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data;
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer) return data.buffer;
  const copy = new ArrayBuffer(data.byteLength);
  new Uint8Array(copy).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return copy;
}
