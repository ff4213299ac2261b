/**
 * The binary `frame` a session streams to every viewer about ten times a second: simulation time and every
 * dynamic value the view needs, in one ArrayBuffer. This module is the only place that writes or reads it;
 * server and client both use it.
 *
 * Layout (little-endian; all sections Float32, 4-byte aligned):
 *   header  u32 magic 0x31465448 ("HTF1")   u32 sequence
 *           f64 simulation time (s, calendar.ts)   f64 server send time (ms since the Unix epoch)
 *           f32 outdoor °C   f32 supply set-point °C   f32 spot price EUR/MWh   f32 speed (simulated s per s)
 *           u32 buildings   u32 pipes   u32 plants   u32 units                                  (56 bytes)
 *   buildings × 3   heat demand W, heat delivered W, indoor °C           (one block per quantity)
 *   pipes     × 4   mass flow kg/s (+ from -> to in the supply pipe), supply °C, return °C (pipe mean),
 *                   heat loss W (supply + return pipe to the ground, mean over the last step)
 *   plants    × 4   heat into the network W, outlet °C, return °C, flow kg/s
 *   units     × 4   heat W (storage: + discharge, - charge), electricity W, COP (storage: state of charge 0-1),
 *                   mode (heat pumps 0 off, 1 starting, 2 running, 3 tripped, 4 maintenance; others 0/2 off/on)
 * Each quantity is a contiguous block (all buildings' demand, then all their deliveries, ...), so a view can
 * take a Float32Array over one block without copying.
 */
export const FRAME_MAGIC = 0x31465448;
export const FRAME_HEADER_BYTES = 56;
export const BUILDING_FIELDS = ['demandW', 'deliveredW', 'indoorC'] as const;
export const PIPE_FIELDS = ['massFlowKgS', 'supplyC', 'returnC', 'heatLossW'] as const;
export const PLANT_FIELDS = ['heatW', 'outletC', 'returnC', 'flowKgS'] as const;
export const UNIT_FIELDS = ['heatW', 'electricityW', 'copOrSoc', 'mode'] as const;

export interface FrameCounts {
  buildings: number;
  pipes: number;
  plants: number;
  units: number;
}

export interface FrameHeader {
  sequence: number;
  simTimeS: number;
  sentAtMs: number;
  outdoorC: number;
  supplySetpointC: number;
  priceEurPerMWh: number;
  speed: number;
}

type Blocks<F extends readonly string[]> = { [K in F[number]]: Float32Array };

/** A frame's values as typed-array views over one buffer: write them, then send `buffer`. */
export interface Frame {
  buffer: ArrayBuffer;
  header: FrameHeader;
  counts: FrameCounts;
  buildings: Blocks<typeof BUILDING_FIELDS>;
  pipes: Blocks<typeof PIPE_FIELDS>;
  plants: Blocks<typeof PLANT_FIELDS>;
  units: Blocks<typeof UNIT_FIELDS>;
}

export function frameBytes(c: FrameCounts): number {
  return (
    FRAME_HEADER_BYTES +
    4 *
      (c.buildings * BUILDING_FIELDS.length +
        c.pipes * PIPE_FIELDS.length +
        c.plants * PLANT_FIELDS.length +
        c.units * UNIT_FIELDS.length)
  );
}

export class FrameError extends Error {
  override name = 'FrameError';
}

function views<F extends readonly string[]>(buffer: ArrayBuffer, offset: number, count: number, fields: F): [Blocks<F>, number] {
  const out = {} as Blocks<F>;
  for (const f of fields) {
    (out as Record<string, Float32Array>)[f] = new Float32Array(buffer, offset, count);
    offset += 4 * count;
  }
  return [out, offset];
}

function viewFrame(buffer: ArrayBuffer, counts: FrameCounts, header: FrameHeader): Frame {
  let o = FRAME_HEADER_BYTES;
  const [buildings, o1] = views(buffer, o, counts.buildings, BUILDING_FIELDS);
  const [pipes, o2] = views(buffer, (o = o1), counts.pipes, PIPE_FIELDS);
  const [plants, o3] = views(buffer, (o = o2), counts.plants, PLANT_FIELDS);
  const [units] = views(buffer, (o = o3), counts.units, UNIT_FIELDS);
  return { buffer, header, counts, buildings, pipes, plants, units };
}

/** A zeroed frame of the given shape; fill its blocks and header, then `writeFrameHeader` and send. */
export function createFrame(counts: FrameCounts): Frame {
  const header: FrameHeader = { sequence: 0, simTimeS: 0, sentAtMs: 0, outdoorC: 0, supplySetpointC: 0, priceEurPerMWh: 0, speed: 0 };
  return viewFrame(new ArrayBuffer(frameBytes(counts)), counts, header);
}

/** Writes `frame.header` and the counts into the buffer's first 56 bytes. */
export function writeFrameHeader(frame: Frame): void {
  const v = new DataView(frame.buffer);
  const h = frame.header;
  v.setUint32(0, FRAME_MAGIC, true);
  v.setUint32(4, h.sequence >>> 0, true);
  v.setFloat64(8, h.simTimeS, true);
  v.setFloat64(16, h.sentAtMs, true);
  v.setFloat32(24, h.outdoorC, true);
  v.setFloat32(28, h.supplySetpointC, true);
  v.setFloat32(32, h.priceEurPerMWh, true);
  v.setFloat32(36, h.speed, true);
  v.setUint32(40, frame.counts.buildings, true);
  v.setUint32(44, frame.counts.pipes, true);
  v.setUint32(48, frame.counts.plants, true);
  v.setUint32(52, frame.counts.units, true);
}

/**
 * Reads a frame from bytes received (ArrayBuffer, or a Node Buffer / Uint8Array view). Checks the magic and
 * that the length matches the counts; throws FrameError otherwise. The returned views share the buffer.
 */
export function decodeFrame(data: ArrayBuffer | ArrayBufferView): Frame {
  const buffer = toAlignedBuffer(data);
  if (buffer.byteLength < FRAME_HEADER_BYTES) throw new FrameError(`frame too short: ${buffer.byteLength} bytes`);
  const v = new DataView(buffer);
  if (v.getUint32(0, true) !== FRAME_MAGIC) throw new FrameError('not a HeatTwin frame (bad magic)');
  const counts: FrameCounts = {
    buildings: v.getUint32(40, true),
    pipes: v.getUint32(44, true),
    plants: v.getUint32(48, true),
    units: v.getUint32(52, true),
  };
  if (frameBytes(counts) !== buffer.byteLength)
    throw new FrameError(`frame length ${buffer.byteLength} does not match its counts (${frameBytes(counts)})`);
  const header: FrameHeader = {
    sequence: v.getUint32(4, true),
    simTimeS: v.getFloat64(8, true),
    sentAtMs: v.getFloat64(16, true),
    outdoorC: v.getFloat32(24, true),
    supplySetpointC: v.getFloat32(28, true),
    priceEurPerMWh: v.getFloat32(32, true),
    speed: v.getFloat32(36, true),
  };
  return viewFrame(buffer, counts, header);
}

/** Float32 views need 4-byte alignment: copy when a received view is not aligned or not the whole buffer. */
function toAlignedBuffer(data: ArrayBuffer | ArrayBufferView): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data;
  if (data.byteOffset % 4 === 0 && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer)
    return data.buffer;
  const copy = new ArrayBuffer(data.byteLength);
  new Uint8Array(copy).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return copy;
}
