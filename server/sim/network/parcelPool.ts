/**
 * The water held in the pipes of one plug-flow network (plugFlow.ts): each pipe's queue of parcels and its
 * per-pipe totals, with the queue operations and the rare maintenance around the transport step (ring growth,
 * pool compaction, ring reversal, renormalisation).
 *
 * Representation (plugFlow.ts states the transport and cooling equations): a parcel is (mass m in kg, fixed
 * coordinate x); its temperature is T = A + x·S (°C), with A (°C) and S the pipe's reference trajectory and shared
 * decay factor, kept in the pipe's thermal record with its totals M = sum(m) (kg) and sum(m·x) (kg·K).
 *
 * Parcels: one pooled Float64Array of (mass kg, x) pairs; each pipe owns a ring buffer [offset, offset + capacity).
 * A parcel entering within mergeToleranceK of the neighbouring parcel's current temperature joins it (energy is
 * conserved exactly; a merged parcel spans water of slightly different age, so the outlet error stays below about
 * the tolerance). A pipe then holds about min(residence time / dt, its temperature drop / tolerance) parcels, so
 * steady flow does not grow the queue without bound; at 1 s steps a tolerance of ~0.01 K keeps big networks
 * compact and still well inside the 0.05 K the transport must keep (docs/validation.md, Heat transport). A ring
 * that fills up moves to a doubled ring at the end of the pool after the step (so a push never needs room); when
 * the pool is full it is compacted and doubled (rare, amortised O(1)). A ring's head is the inlet end of the
 * pipe's current flow: a pipe whose flow turns has its ring reversed in place, so the step always pushes at the
 * head and pops at the tail. When S falls below RENORMALIZE_BELOW it is folded into the coordinates (x <- x·S,
 * S <- 1) so x stays finite.
 *
 * The transport loop in plugFlow.ts reads and writes pipeState, ring and pool directly (inlined push and pop, for
 * speed) using the layout constants below; push and pop here serve the rare back pipes.
 */

/** Rescale a pipe's parcel coordinates when its decay factor falls below this (keeps x finite). */
export const RENORMALIZE_BELOW = 1e-100;

// Record layouts, the one definition the transport loop in plugFlow.ts and this module both address through.
// Each record is 2^SHIFT numbers wide, so record i's field f is at (i << SHIFT) | f: a shift and an or, which the
// optimised loop does without overflow checks (checkRecordLayout holds every field inside its record).

// Per-pipe thermal state in `pipeState`: one 64-byte record per pipe, so a pipe costs one cache line.
export const ST_SHIFT = 3;
export const ST = 1 << ST_SHIFT;
/** Reference trajectory A (°C). */
export const REF = 0;
/** Shared decay factor S. */
export const SCALE = 1;
/** Sum over parcels of m·x (kg·K). */
export const MASS_X = 2;
/** Water mass held (kg); rho·A·L between steps. */
export const MASS = 3;
/** e^(-dt/tau) and 1 - e^(-dt/tau) for the current step length. */
export const DECAY = 4;
export const ONE_MINUS_DECAY = 5;
/** e^(+dt/tau) and 1/S: a push then multiplies instead of dividing. */
export const INV_DECAY = 6;
export const INV_SCALE = 7;
// Per-pipe ring buffer in `ring`: first pool slot, capacity, head slot, parcel count. The head is the inlet end of
// the current flow (the `from` end while `orient` is +1, the `to` end while it is -1), so the step always pushes
// at the head and pops at the tail; a pipe whose flow turns has its ring reversed (rare, O(parcels)).
export const RS_SHIFT = 2;
export const RS = 1 << RS_SHIFT;
export const OFFSET = 0;
export const CAPACITY = 1;
export const HEAD = 2;
export const COUNT = 3;
// A parcel in `pool`, one record per pool slot.
export const PARCEL_SHIFT = 1;
export const PARCEL = 1 << PARCEL_SHIFT;
/** Mass (kg). */
export const PARCEL_MASS = 0;
/** Fixed coordinate x (K): the parcel's temperature is A + x·S. */
export const PARCEL_X = 1;

/** Throws unless a record's fields are distinct and each lies inside the record, as (i << shift) | field needs. */
export function checkRecordLayout(name: string, shift: number, fields: Record<string, number>): void {
  const width = 1 << shift;
  const seen = new Set<number>();
  for (const [field, offset] of Object.entries(fields)) {
    if (!Number.isInteger(offset) || offset < 0 || offset >= width) {
      throw new Error(`${name}.${field}: offset ${offset} is outside the record of ${width}`);
    }
    if (seen.has(offset)) throw new Error(`${name}.${field}: offset ${offset} is taken by another field`);
    seen.add(offset);
  }
}

checkRecordLayout('pipeState', ST_SHIFT, { REF, SCALE, MASS_X, MASS, DECAY, ONE_MINUS_DECAY, INV_DECAY, INV_SCALE });
checkRecordLayout('ring', RS_SHIFT, { OFFSET, CAPACITY, HEAD, COUNT });
checkRecordLayout('pool', PARCEL_SHIFT, { PARCEL_MASS, PARCEL_X });

export class ParcelPool {
  /** Per-pipe thermal records (stride ST, fields REF ... INV_SCALE). */
  readonly pipeState: Float64Array;
  /** Per-pipe rings (stride RS, fields OFFSET ... COUNT). */
  readonly ring: Int32Array;
  /** +1: ring head at the pipe's `from` end; -1: at its `to` end. */
  readonly orient: Int8Array;
  /** Parcel pool: slot s holds the parcel record at PARCEL·s (PARCEL_MASS, PARCEL_X). Replaced when compacted (grow). */
  pool: Float64Array;
  /** Result of the last pop: [mass (kg), mass·temperature (kg·°C)]; a typed array, as boxed number fields
   *  would allocate on every store. */
  readonly popped = new Float64Array(2);
  /** Result of the last peekOutlet: [mass (kg), mass·temperature (kg·°C)]. */
  readonly peeked = new Float64Array(2);
  /** Arguments of push: [temperature (°C), mass (kg)] (a double passed to a call that is not inlined is boxed). */
  readonly pushIn = new Float64Array(2);
  private poolSlots: number;
  private poolUsed: number;
  private readonly pipeCount: number;
  private readonly toleranceK: number;
  private readonly maxParcels: number;
  private readonly initialCapacity: number;

  constructor(pipeCount: number, toleranceK: number, maxParcels: number, initialCapacity: number) {
    this.pipeCount = pipeCount;
    this.toleranceK = toleranceK;
    this.maxParcels = maxParcels;
    this.initialCapacity = initialCapacity;
    this.pipeState = new Float64Array(ST * pipeCount);
    this.ring = new Int32Array(RS * pipeCount);
    this.orient = new Int8Array(pipeCount).fill(1);
    this.poolSlots = Math.max(16, 2 * pipeCount * initialCapacity);
    this.pool = new Float64Array(PARCEL * this.poolSlots);
    this.poolUsed = 0;
  }

  /** Fill pipe p (in order 0, 1, ...) with one parcel of massKg at startC: the reference trajectory itself (x = 0). */
  fillPipe(p: number, startC: number, massKg: number): void {
    const st = this.pipeState;
    st[ST * p + REF] = startC;
    st[ST * p + SCALE] = 1;
    st[ST * p + INV_SCALE] = 1;
    st[ST * p + MASS] = massKg;
    this.ring[RS * p + OFFSET] = this.poolUsed;
    this.ring[RS * p + CAPACITY] = this.initialCapacity;
    this.ring[RS * p + COUNT] = 1;
    this.pool[PARCEL * this.poolUsed + PARCEL_MASS] = massKg;
    this.poolUsed += this.initialCapacity;
  }

  /** Current temperature of the water at one end of a pipe (°C): the `to` end if toEnd, else the `from` end. */
  endC(pipe: number, toEnd: boolean): number {
    const r = RS * pipe;
    const count = this.ring[r + COUNT];
    const b = ST * pipe;
    if (count === 0) return this.pipeState[b + REF];
    let i = this.ring[r + HEAD];
    if (toEnd === (this.orient[pipe] === 1)) {
      i += count - 1;
      if (i >= this.ring[r + CAPACITY]) i -= this.ring[r + CAPACITY];
    }
    return this.pipeState[b + REF] + this.pool[PARCEL * (this.ring[r + OFFSET] + i) + PARCEL_X] * this.pipeState[b + SCALE];
  }

  /** Current temperature of the water at a pipe's ring tail, the outlet end of its flow (°C). */
  tailC(pipe: number): number {
    return this.endC(pipe, this.orient[pipe] === 1);
  }

  /** Number of parcels in a pipe, or in all pipes if no pipe is given. */
  parcelCount(pipe?: number): number {
    if (pipe !== undefined) return this.ring[RS * pipe + COUNT];
    let n = 0;
    for (let p = 0; p < this.pipeCount; p++) n += this.ring[RS * p + COUNT];
    return n;
  }

  /** Remove up to dmKg from the outlet end (the ring's tail); result in `popped`. Back pipes only: the step loop
   *  does its own pops inline. */
  pop(p: number, dmKg: number): void {
    const pool = this.pool;
    const ring = this.ring;
    const st = this.pipeState;
    const r = RS * p;
    const b = ST * p;
    const off = ring[r + OFFSET];
    const cap = ring[r + CAPACITY];
    const head = ring[r + HEAD];
    let count = ring[r + COUNT];
    let tail = head + count - 1;
    if (tail >= cap) tail -= cap;
    let remaining = dmKg;
    let massKg = 0;
    let massX = 0;
    while (remaining > 0 && count > 0) {
      const i = PARCEL * (off + tail);
      const m = pool[i + PARCEL_MASS];
      const x = pool[i + PARCEL_X];
      if (m <= remaining) {
        massKg += m;
        massX += m * x;
        remaining -= m;
        count--;
        tail = tail === 0 ? cap - 1 : tail - 1;
      } else {
        const left = m - remaining;
        const taken = m - left; // exactly what leaves, so the ledger and the parcels agree to the bit
        pool[i + PARCEL_MASS] = left;
        massKg += taken;
        massX += taken * x;
        remaining = 0;
      }
    }
    ring[r + COUNT] = count;
    if (count === 0) {
      ring[r + HEAD] = 0;
      st[b + MASS_X] = 0;
      st[b + MASS] = 0;
    } else {
      st[b + MASS_X] -= massX;
      st[b + MASS] -= massKg;
    }
    this.popped[0] = massKg;
    this.popped[1] = massKg * st[b + REF] + massX * st[b + SCALE];
  }

  /**
   * The first dmKg of water at one end of a pipe (its `to` end if toEnd), read without removing it, into
   * `peeked`: what the pipe would deliver there if dmKg left it now; no more than the pipe holds.
   */
  peekEnd(p: number, toEnd: boolean, dmKg: number): void {
    const pool = this.pool;
    const r = RS * p;
    const b = ST * p;
    const off = this.ring[r + OFFSET];
    const cap = this.ring[r + CAPACITY];
    let count = this.ring[r + COUNT];
    // Walk from the ring's tail when it sits at that end, else from its head.
    const fromTail = toEnd === (this.orient[p] === 1);
    let i = this.ring[r + HEAD];
    if (fromTail) {
      i += count - 1;
      if (i >= cap) i -= cap;
    }
    let remaining = dmKg;
    let massKg = 0;
    let massX = 0;
    while (remaining > 0 && count > 0) {
      const j = PARCEL * (off + i);
      const taken = Math.min(pool[j + PARCEL_MASS], remaining);
      massKg += taken;
      massX += taken * pool[j + PARCEL_X];
      remaining -= taken;
      count--;
      if (fromTail) i = i === 0 ? cap - 1 : i - 1;
      else i = i === cap - 1 ? 0 : i + 1;
    }
    this.peeked[0] = massKg;
    this.peeked[1] = massKg * this.pipeState[b + REF] + massX * this.pipeState[b + SCALE];
  }

  /** Push pushIn[1] kg at pushIn[0] °C at the inlet end (the ring's head), merging into the head parcel when
   *  within tolerance. Back pipes only: the step loop does its own pushes inline. Every ring that may be pushed
   *  has a free slot between steps (unless it is at the parcel cap, where pushes merge). */
  push(p: number): void {
    const tC = this.pushIn[0];
    const dmKg = this.pushIn[1];
    const st = this.pipeState;
    const ring = this.ring;
    const b = ST * p;
    const r = RS * p;
    const sc = st[b + SCALE];
    const x = (tC - st[b + REF]) * st[b + INV_SCALE];
    st[b + MASS_X] += dmKg * x;
    st[b + MASS] += dmKg;
    const count = ring[r + COUNT];
    if (count > 0) {
      const i = PARCEL * (ring[r + OFFSET] + ring[r + HEAD]);
      const xEnd = this.pool[i + PARCEL_X];
      const dT = (xEnd - x) * sc;
      if ((dT < this.toleranceK && dT > -this.toleranceK) || count >= this.maxParcels) {
        const mEnd = this.pool[i + PARCEL_MASS];
        const m = mEnd + dmKg;
        this.pool[i + PARCEL_MASS] = m;
        this.pool[i + PARCEL_X] = (mEnd * xEnd + dmKg * x) / m;
        return;
      }
      if (count === ring[r + CAPACITY]) this.grow(p);
    }
    const cap = ring[r + CAPACITY];
    const head = ring[r + HEAD] === 0 ? cap - 1 : ring[r + HEAD] - 1;
    ring[r + HEAD] = head;
    const i = PARCEL * (ring[r + OFFSET] + head);
    this.pool[i + PARCEL_MASS] = dmKg;
    this.pool[i + PARCEL_X] = x;
    ring[r + COUNT] = count + 1;
    // Keep room for the next push: the step loop pushes without checking.
    if (count + 1 === cap && cap < this.maxParcels) this.grow(p);
  }

  /** Reverse a pipe's ring in place so its head is the inlet end of the flow that has just turned. */
  turnRing(p: number): void {
    const r = RS * p;
    const pool = this.pool;
    const off = this.ring[r + OFFSET];
    const cap = this.ring[r + CAPACITY];
    const count = this.ring[r + COUNT];
    let lo = this.ring[r + HEAD];
    let hi = lo + count - 1;
    if (hi >= cap) hi -= cap;
    for (let k = 0; k < count >> 1; k++) {
      const i = PARCEL * (off + lo);
      const j = PARCEL * (off + hi);
      const m = pool[i + PARCEL_MASS];
      const x = pool[i + PARCEL_X];
      pool[i + PARCEL_MASS] = pool[j + PARCEL_MASS];
      pool[i + PARCEL_X] = pool[j + PARCEL_X];
      pool[j + PARCEL_MASS] = m;
      pool[j + PARCEL_X] = x;
      lo = lo === cap - 1 ? 0 : lo + 1;
      hi = hi === 0 ? cap - 1 : hi - 1;
    }
    this.orient[p] = -this.orient[p];
  }

  /** Fold the decay factor into a pipe's parcel coordinates (x <- x·S, S <- 1) and re-sum its totals exactly. */
  renormalize(p: number): void {
    const st = this.pipeState;
    const b = ST * p;
    const r = RS * p;
    const sc = st[b + SCALE];
    const off = this.ring[r + OFFSET];
    const cap = this.ring[r + CAPACITY];
    const count = this.ring[r + COUNT];
    let slot = this.ring[r + HEAD];
    let massX = 0;
    let massKg = 0;
    for (let k = 0; k < count; k++) {
      const i = PARCEL * (off + slot);
      const x = this.pool[i + PARCEL_X] * sc;
      this.pool[i + PARCEL_X] = x;
      massKg += this.pool[i + PARCEL_MASS];
      massX += this.pool[i + PARCEL_MASS] * x;
      if (++slot === cap) slot = 0;
    }
    st[b + SCALE] = 1;
    st[b + INV_SCALE] = 1;
    st[b + MASS_X] = massX;
    st[b + MASS] = massKg;
  }

  /** Double a full pipe's ring: move it to the free end of the pool, or compact the pool into a bigger one. */
  grow(p: number): void {
    const r = RS * p;
    const newCap = Math.min(this.maxParcels, 2 * this.ring[r + CAPACITY]);
    if (this.poolUsed + newCap > this.poolSlots) {
      this.compact(p, newCap);
      return;
    }
    this.copyRing(p, this.pool, this.poolUsed);
    this.ring[r + OFFSET] = this.poolUsed;
    this.ring[r + CAPACITY] = newCap;
    this.poolUsed += newCap;
  }

  private compact(grownPipe: number, newCap: number): void {
    const ring = this.ring;
    let needed = 0;
    for (let p = 0; p < this.pipeCount; p++) needed += p === grownPipe ? newCap : ring[RS * p + CAPACITY];
    const slots = 2 * needed;
    const pool = new Float64Array(PARCEL * slots);
    let used = 0;
    for (let p = 0; p < this.pipeCount; p++) {
      this.copyRing(p, pool, used);
      ring[RS * p + OFFSET] = used;
      if (p === grownPipe) ring[RS * p + CAPACITY] = newCap;
      used += ring[RS * p + CAPACITY];
    }
    this.pool = pool;
    this.poolSlots = slots;
    this.poolUsed = used;
  }

  /** Copy pipe p's parcels, from-end first, to slots [at, at + count) of target; sets its head to 0. */
  private copyRing(p: number, target: Float64Array, at: number): void {
    const src = this.pool;
    const r = RS * p;
    const off = this.ring[r + OFFSET];
    const cap = this.ring[r + CAPACITY];
    const count = this.ring[r + COUNT];
    let slot = this.ring[r + HEAD];
    for (let k = 0; k < count; k++) {
      target[PARCEL * (at + k) + PARCEL_MASS] = src[PARCEL * (off + slot) + PARCEL_MASS];
      target[PARCEL * (at + k) + PARCEL_X] = src[PARCEL * (off + slot) + PARCEL_X];
      if (++slot === cap) slot = 0;
    }
    this.ring[r + HEAD] = 0;
  }
}
