/**
 * Plug-flow thermal transport in a pipe network (one instance for the supply, one for the return).
 *
 * Method (docs/reference-figures.md, Network; Modelica Buildings PlugFlowPipe; van der Heijde et al.
 * 2017, "Dynamic equation-based thermo-hydraulic pipe model for district heating and cooling systems", Energy
 * Conversion and Management 151): each pipe holds a queue of water parcels that fill it exactly (mass rho·A·L, kg).
 * In a step of dt seconds the mass |m|·dt enters at the upstream end at the upstream node's temperature and the same
 * mass leaves at the downstream end; the outflow temperature is the mass-weighted mean of the leaving parcels. Fronts
 * move with the water and are not smeared. Flow may reverse (a deque: m > 0 enters at `from`, m < 0 at `to`).
 *
 * Heat loss: every parcel relaxes toward the ground, dT/dt = -(T - T_g)/tau, tau = rho·A·cp/U (s), U heat loss per
 * metre per kelvin (W/(m·K)). For constant T_g a parcel leaves at T_g + (T_in - T_g)·exp(-t_res/tau), which for
 * steady flow is the reference's T_out = T_g + (T_in - T_g)·exp(-U·L/(m·cp)). Because all parcels of one pipe share
 * tau, a parcel's temperature is kept as T = A + x·S: A (°C) is the pipe's reference trajectory (it obeys the same
 * equation, A <- T_g + (A - T_g)·e^(-dt/tau)), S the shared decay factor (S <- S·e^(-dt/tau)), x the parcel's fixed
 * coordinate. So cooling costs O(1) per pipe per step whatever the residence time or the number of parcels, stays
 * exact when T_g changes from step to step (T_g held over a step), and stored heat and loss are O(1) sums per pipe:
 * stored = cp·((A - T_ref)·M + S·sum(m·x)) (J), loss over a step = (1 - e^(-dt/tau))·cp·(heat above ground) (J).
 * Water cools during the steps after the one it entered in; over the pipe that gives every kilogram a mean
 * residence of exactly M/|m| (Little's law), so steady losses match the exponential formula.
 *
 * Nodes are massless mixers: node T = (sum of pipe outflows' m·T + injection m·T) / (their mass), processed in
 * topological order of this step's flow directions (flowOrder.ts); a node with no inflow keeps its temperature.
 * Mass the pipes do not carry away leaves the network at the node at node T (withdrawal: a substation on the supply,
 * the plant on the return). Energy ledger per step: injected - withdrawn - loss = change of stored heat, to rounding.
 *
 * Water whose heat capacity follows its temperature (waterProperties 'fromTemperature'): the water carries its
 * specific enthalpy h(T) (water.ts), so mixing, transport and the ledger balance energy exactly. Inside this
 * module and its parcels every temperature is on the enthalpy scale h/c_p,ref (°C within 0.3 K of T over
 * 0-150 °C, c_p,ref the fluid's), with the arithmetic above unchanged; temperatures in (injections, ground,
 * the initial fill) and out (nodes, pipe ends) are converted at the boundary. Cooling keeps the form
 * d(h/c_p,ref)/dt = -(h - h_g)/(c_p,ref·tau): the loss is U·(T - T_g) times c_p,mean/c_p,ref, which over
 * 10-95 °C stays within 0.3 % of it (docs/water-properties.md). The pipe's water mass is held at the fluid's
 * density: the plant's expansion vessel takes up the water's thermal expansion. With 'constant' (validation
 * cases) the scale is the temperature itself.
 *
 * Parcels (their pool, ring buffers, merging within mergeToleranceK, growth, reversal, renormalisation):
 * parcelPool.ts.
 *
 * Speed (bench/plugFlow.ts): the node loop (transport) makes no calls and reads every per-pipe value once; a pipe
 * whose step flow exceeds the water it holds (common in winter at minute steps) is flushed from its totals
 * without reading its parcels; a pipe's thermal state is one 64-byte record; rare work (ring growth,
 * renormalisation, back pipes of broken cycles) is done in separate passes around it; when the parcel pool
 * outgrows the cache the loop touches the ring ends a few dozen pipes ahead so their cache misses overlap.
 * Results do not depend on any of this beyond rounding.
 */
import { waterEnthalpyJPerKg, waterTemperatureFromEnthalpyC, type Fluid } from '../water';
import { createFlowOrder } from './flowOrder';
import type { FlowOrder } from './flowOrder';
import type { NetworkTopology } from './topology';
import { ParcelPool } from './parcelPool';
import * as layout from './parcelPool';

export interface PlugFlowOptions {
  /** Entering water within this of the inlet-end parcel's temperature (K) merges into it. Default 1e-3 K. */
  mergeToleranceK?: number;
  /** Hard cap on parcels per pipe; at the cap entering water merges into the inlet parcel. Default 4096. */
  maxParcelsPerPipe?: number;
  /** Ring capacity each pipe starts with. Default 8. */
  initialParcelsPerPipe?: number;
  /** Heat capacity constant (the fluid's) or following the water's temperature (water.ts). Default constant. */
  waterProperties?: 'constant' | 'fromTemperature';
}

// The record layouts of parcelPool.ts bound to this module's own constants: optimised code folds a module-level
// const into the instructions, where it loads an imported binding again on every use (a quarter slower here).
const ST = layout.ST;
const ST_SHIFT = layout.ST_SHIFT;
const REF = layout.REF;
const SCALE = layout.SCALE;
const MASS_X = layout.MASS_X;
const MASS = layout.MASS;
const DECAY = layout.DECAY;
const ONE_MINUS_DECAY = layout.ONE_MINUS_DECAY;
const INV_DECAY = layout.INV_DECAY;
const INV_SCALE = layout.INV_SCALE;
const RS_SHIFT = layout.RS_SHIFT;
const OFFSET = layout.OFFSET;
const CAPACITY = layout.CAPACITY;
const HEAD = layout.HEAD;
const COUNT = layout.COUNT;
const PARCEL_SHIFT = layout.PARCEL_SHIFT;
const PARCEL_MASS = layout.PARCEL_MASS;
const PARCEL_X = layout.PARCEL_X;
const RENORMALIZE_BELOW = layout.RENORMALIZE_BELOW;

/** Parcel pools bigger than this (doubles; 8 MB) are prefetched in the node loop. */
const PREFETCH_POOL_DOUBLES = 1 << 20;

/** A forecast (arrivingC) visits at most this many nodes per pipe of the network. */
const FORECAST_VISITS_PER_PIPE = 4;

// Slots of PlugFlow.transportIo.
const IO_GROUND_C = 0;
const IO_DT_S = 1;
const IO_CP = 2;
const IO_TOLERANCE_K = 3;
const IO_LOSS_J = 4;
const IO_INJECTED_KGC = 5;
const IO_WITHDRAWN_KGC = 6;
const IO_FULL_COUNT = 7;
const IO_RENORMALIZE_COUNT = 8;
const IO_TOUCHED = 9;
const IO_SIZE = 10;

export class PlugFlow {
  /** Node temperature after this step's mixing (°C). */
  readonly nodeC: Float64Array;
  /** The same on the enthalpy scale, as the transport mixes it (the same array when cp is constant). */
  private readonly nodeHeatC: Float64Array;
  /** Mass leaving the network at each node this step (kg/s; negative if the pipes carry away more than arrives). */
  readonly nodeWithdrawalKgS: Float64Array;
  /** Enthalpy-scale temperatures of the water entering and leaving each pipe this step (see pipeInletC). */
  private readonly pipeInletHeatC: Float64Array;
  private readonly pipeOutletHeatC: Float64Array;
  /** Their temperatures (°C), converted when first read after a step (the same arrays when cp is constant). */
  private readonly pipeInletOutC: Float64Array;
  private readonly pipeOutletOutC: Float64Array;
  private pipeEndsConvertedAtS = Number.NaN;
  /** Mean heat loss of each pipe to the ground over this step (W). */
  readonly pipeHeatLossW: Float64Array;
  /** Sum of pipeHeatLossW (W). */
  totalHeatLossW = 0;
  /** Heat brought in by injections this step, cp·m·T relative to 0 °C (W). */
  injectedHeatW = 0;
  /** Heat carried out by withdrawals this step, cp·m·T relative to 0 °C (W). */
  withdrawnHeatW = 0;
  /** Simulated time since creation (s). */
  timeS = 0;

  private readonly nodeCount: number;
  private readonly pipeCount: number;
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly cp: number;
  /** Whether heat capacity follows temperature: temperatures in and out go through the enthalpy scale. */
  private readonly enthalpyScale: boolean;
  /** Enthalpy-scale temperatures of this step's injections. */
  private readonly injectionHeatC: Float64Array;
  private readonly toleranceK: number;
  private readonly maxParcels: number;
  /** The water in the pipes: parcels, rings and per-pipe thermal records (parcelPool.ts). */
  private readonly parcels: ParcelPool;
  /** parcels.pipeState and parcels.ring (never replaced). */
  private readonly pipeState: Float64Array;
  private readonly ring: Int32Array;
  /** 1/tau = U/(rho·A·cp) per pipe (1/s). */
  private readonly inverseTauS: Float64Array;
  private decayDtS = Number.NaN;
  /** Mixing accumulators per node: mass (kg) and mass·temperature (kg·°C) delivered by pipes this step. */
  private readonly accMassKg: Float64Array;
  private readonly accMassC: Float64Array;
  /** Mass a back pipe owed its downstream node beyond what it held (kg) and the temperature it was credited at. */
  private readonly backShortKg: Float64Array;
  private readonly backShortC: Float64Array;
  private readonly flowSign: Int8Array;
  /** Pipes found with a full ring, or a decay factor to fold in, during this step's node loop. */
  private readonly fullRings: Int32Array;
  /** Scalars in and out of transport(), indexed by the IO_ constants. */
  private readonly transportIo = new Float64Array(IO_SIZE);
  private readonly renormalizeList: Int32Array;
  private readonly order: FlowOrder;
  private orderValid = false;
  /** Nodes visited by the current arrivingC forecast. */
  private forecastVisits = 0;
  /** Doubles handed back from rarely called helpers (a double returned from a call that is not inlined is boxed). */
  private readonly scratch = new Float64Array(2);

  constructor(topology: NetworkTopology, fluid: Fluid, initialC: number | Float64Array, options: PlugFlowOptions = {}) {
    const n = topology.nodeCount;
    const np = topology.pipeCount;
    this.nodeCount = n;
    this.pipeCount = np;
    this.from = topology.pipeFrom;
    this.to = topology.pipeTo;
    this.cp = fluid.cpJPerKgK;
    this.enthalpyScale = options.waterProperties === 'fromTemperature';
    this.toleranceK = options.mergeToleranceK ?? 1e-3;
    this.maxParcels = Math.max(2, options.maxParcelsPerPipe ?? 4096);
    const initialCapacity = Math.min(this.maxParcels, Math.max(2, options.initialParcelsPerPipe ?? 8));

    this.nodeC = new Float64Array(n);
    if (typeof initialC === 'number') this.nodeC.fill(initialC);
    else this.nodeC.set(initialC);
    this.nodeHeatC = this.enthalpyScale ? this.nodeC.map((t) => this.toHeatC(t)) : this.nodeC;
    this.injectionHeatC = new Float64Array(this.enthalpyScale ? n : 0);
    this.nodeWithdrawalKgS = new Float64Array(n);
    this.pipeInletHeatC = new Float64Array(np);
    this.pipeOutletHeatC = new Float64Array(np);
    this.pipeInletOutC = this.enthalpyScale ? new Float64Array(np) : this.pipeInletHeatC;
    this.pipeOutletOutC = this.enthalpyScale ? new Float64Array(np) : this.pipeOutletHeatC;
    this.pipeHeatLossW = new Float64Array(np);
    this.parcels = new ParcelPool(np, this.toleranceK, this.maxParcels, initialCapacity);
    this.pipeState = this.parcels.pipeState;
    this.ring = this.parcels.ring;
    this.inverseTauS = new Float64Array(np);
    this.accMassKg = new Float64Array(n);
    this.accMassC = new Float64Array(n);
    this.backShortKg = new Float64Array(np);
    this.backShortC = new Float64Array(np);
    this.flowSign = new Int8Array(np);
    this.transportIo[IO_CP] = this.cp;
    this.transportIo[IO_TOLERANCE_K] = this.toleranceK;
    this.fullRings = new Int32Array(np);
    this.renormalizeList = new Int32Array(np);
    this.order = createFlowOrder(topology);

    for (let p = 0; p < np; p++) {
      const areaM2 = (Math.PI / 4) * topology.pipeDiameterM[p] * topology.pipeDiameterM[p];
      const massKg = fluid.densityKgM3 * areaM2 * topology.pipeLengthM[p];
      if (!(massKg > 0) || !Number.isFinite(massKg)) throw new Error(`pipe ${p}: water mass must be positive`);
      const startC = 0.5 * (this.nodeHeatC[this.from[p]] + this.nodeHeatC[this.to[p]]);
      this.parcels.fillPipe(p, startC, massKg);
      this.inverseTauS[p] = topology.pipeHeatLossWPerMK[p] / (fluid.densityKgM3 * areaM2 * fluid.cpJPerKgK);
      this.pipeInletHeatC[p] = startC;
      this.pipeOutletHeatC[p] = startC;
    }
  }

  /** Temperature of the water entering each pipe this step (°C): its upstream node's. */
  get pipeInletC(): Float64Array {
    this.convertPipeEnds();
    return this.pipeInletOutC;
  }

  /** Mean temperature of the water leaving each pipe at its downstream end this step (°C); at zero flow, the
   *  temperature of the water at the pipe's `to` end. */
  get pipeOutletC(): Float64Array {
    this.convertPipeEnds();
    return this.pipeOutletOutC;
  }

  private convertPipeEnds(): void {
    if (!this.enthalpyScale || this.pipeEndsConvertedAtS === this.timeS) return;
    for (let p = 0; p < this.pipeCount; p++) {
      this.pipeInletOutC[p] = this.toC(this.pipeInletHeatC[p]);
      this.pipeOutletOutC[p] = this.toC(this.pipeOutletHeatC[p]);
    }
    this.pipeEndsConvertedAtS = this.timeS;
  }

  /** A temperature (°C) on the enthalpy scale. */
  private toHeatC(tC: number): number {
    return this.enthalpyScale ? waterEnthalpyJPerKg(tC) / this.cp : tC;
  }

  /** An enthalpy-scale temperature in °C. */
  private toC(heatC: number): number {
    return this.enthalpyScale ? waterTemperatureFromEnthalpyC(heatC * this.cp) : heatC;
  }

  /**
   * Advance by dtS seconds. massFlowKgS per pipe (+ = from -> to); injectionKgS (>= 0) and injectionC per node:
   * water entering the network there from outside; groundC: ground temperature around the pipes over the step.
   */
  step(
    massFlowKgS: Float64Array,
    injectionKgS: Float64Array,
    injectionC: Float64Array,
    groundC: number,
    dtS: number,
  ): void {
    if (!(dtS > 0)) throw new Error('dtS must be positive');
    if (dtS !== this.decayDtS) this.setStep(dtS);
    if (this.enthalpyScale) {
      const heatC = this.injectionHeatC;
      const perCp = 1 / this.cp;
      for (let n = 0; n < this.nodeCount; n++) heatC[n] = injectionKgS[n] > 0 ? waterEnthalpyJPerKg(injectionC[n]) * perCp : 0;
      injectionC = heatC;
      groundC = this.toHeatC(groundC);
    }
    const np = this.pipeCount;
    const perSecond = 1 / dtS;
    const cp = this.cp;
    const flowSign = this.flowSign;
    const parcels = this.parcels;
    const orient = parcels.orient;
    const pipeHeatLossW = this.pipeHeatLossW;
    const nodeC = this.nodeHeatC;
    const from = this.from;
    const pipeInletC = this.pipeInletHeatC;
    const pipeOutletC = this.pipeOutletHeatC;

    // 1. Note whether any flow changed direction (a pipe whose flow turns puts its inlet end at the ring's head);
    //    still pipes cool here, flowing ones when the node loop reaches them.
    let signChanged = !this.orderValid;
    let lossJ = 0;
    for (let p = 0; p < np; p++) {
      const f = massFlowKgS[p];
      const s = f > 0 ? 1 : f < 0 ? -1 : 0;
      if (s !== flowSign[p]) {
        flowSign[p] = s;
        signChanged = true;
        if (s !== 0 && s !== orient[p]) parcels.turnRing(p);
      }
      if (s === 0) {
        this.cool(p, groundC, perSecond);
        lossJ += this.scratch[0];
        pipeInletC[p] = nodeC[from[p]];
        pipeOutletC[p] = parcels.endC(p, true);
      }
    }
    if (signChanged) {
      this.order.rebuild(massFlowKgS);
      this.orderValid = true;
    }

    // 2. Back pipes (broken cycles; none in a healthy flow field) deliver their outflow before anything is mixed:
    //    their downstream node comes no later than their upstream one, whose temperature is still last step's.
    //    The node loop leaves them out.
    const order = this.order;
    const backPipes = order.backPipes;
    const backCount = order.backPipeCount;
    const scratch = this.scratch;
    for (let j = 0; j < backCount; j++) {
      const p = backPipes[j];
      this.cool(p, groundC, perSecond);
      lossJ += scratch[0];
      this.drainBackPipe(p, massFlowKgS, dtS);
    }

    // 3. Nodes in flow order: mix, send water into the pipes leaving the node.
    const io = this.transportIo;
    io[IO_GROUND_C] = groundC;
    io[IO_DT_S] = dtS;
    this.transport(massFlowKgS, injectionKgS, injectionC);
    lossJ += io[IO_LOSS_J];
    const injectedKgC = io[IO_INJECTED_KGC];
    let withdrawnKgC = io[IO_WITHDRAWN_KGC];
    const fullCount = io[IO_FULL_COUNT];
    const renormalizeCount = io[IO_RENORMALIZE_COUNT];

    // 4. Back pipes take in their inflow (at their upstream node's temperature, now mixed: the node loop counted
    //    it as withdrawn) and settle what they owed; then the listed rings grow and decay factors are folded in.
    const withdrawal = this.nodeWithdrawalKgS;
    for (let j = 0; j < backCount; j++) {
      const p = backPipes[j];
      const f = massFlowKgS[p];
      const u = f > 0 ? from[p] : this.to[p];
      const dmKg = (f > 0 ? f : -f) * dtS;
      const inC = nodeC[u];
      pipeInletC[p] = inC;
      withdrawal[u] -= dmKg * perSecond;
      withdrawnKgC -= dmKg * inC;
      parcels.pushIn[0] = inC;
      parcels.pushIn[1] = dmKg;
      parcels.push(p);
      this.settleBackPipe(p);
      pipeHeatLossW[p] += scratch[0] * perSecond;
      lossJ += scratch[0];
    }
    for (let i = 0; i < fullCount; i++) parcels.grow(this.fullRings[i]);
    for (let i = 0; i < renormalizeCount; i++) parcels.renormalize(this.renormalizeList[i]);
    this.totalHeatLossW = lossJ * perSecond;
    this.injectedHeatW = cp * injectedKgC * perSecond;
    this.withdrawnHeatW = cp * withdrawnKgC * perSecond;
    this.timeS += dtS;
    if (this.enthalpyScale) {
      const out = this.nodeC;
      for (let n = 0; n < this.nodeCount; n++) out[n] = waterTemperatureFromEnthalpyC(nodeC[n] * cp);
    }
  }

  /**
   * The node loop of a step: nodes in flow order, each mixed and then feeding the pipes that leave it (cool, push,
   * pop, credit the downstream node). Scalars come in and go out through `transportIo` (a Float64Array, so the
   * compiler sees plain doubles, not numbers it must check on every use). No calls in here: after a call the
   * compiler must re-check and reload every array; the rare events (a ring that fills up, a decay factor to fold
   * in) are listed for step() to handle after the loop, and back pipes are fed there too.
   */
  private transport(massFlowKgS: Float64Array, injectionKgS: Float64Array, injectionC: Float64Array): void {
    const io = this.transportIo;
    const groundC = io[IO_GROUND_C];
    const dtS = io[IO_DT_S];
    const perSecond = 1 / dtS;
    const cp = io[IO_CP];
    const toleranceK = io[IO_TOLERANCE_K];
    const maxParcels = this.maxParcels | 0;
    const st = this.pipeState;
    const ring = this.ring;
    const pipeHeatLossW = this.pipeHeatLossW;
    const nodeC = this.nodeHeatC;
    const pipeInletC = this.pipeInletHeatC;
    const pipeOutletC = this.pipeOutletHeatC;
    const order = this.order;
    const nodeOrder = order.nodeOrder;
    const outStart = order.outStart;
    const outPipes = order.outPipes;
    const outDown = order.outDown;
    const feedCount = order.feedCount;
    const accMassKg = this.accMassKg;
    const accMassC = this.accMassC;
    const withdrawal = this.nodeWithdrawalKgS;
    let lossJ = 0;
    const pool = this.parcels.pool;
    const fullRings = this.fullRings;
    const renormalizeList = this.renormalizeList;
    let fullCount = 0;
    let renormalizeCount = 0;
    const nodeCount = this.nodeCount;
    let injectedKgC = 0;
    let withdrawnKgC = 0;
    // Touch the two ring ends of the next PREFETCH pipes ahead of their turn: this short loop has many cache
    // misses in flight at once, where the long pipe loop body would wait for them one by one. Only for a parcel
    // pool bigger than the cache (big networks at short steps); the sum only keeps the loads from being dropped.
    const PREFETCH = 64;
    const outCount = outStart[feedCount];
    let prefetchedTo = pool.length > PREFETCH_POOL_DOUBLES ? 0 : outCount;
    let touched = 0;
    for (let k = 0; k < feedCount; k++) {
      const v = nodeOrder[k];
      let massKg = accMassKg[v];
      let massC = accMassC[v];
      accMassKg[v] = 0;
      accMassC[v] = 0;
      const injKg = injectionKgS[v] * dtS;
      if (injKg > 0) {
        const injKgC = injKg * injectionC[v];
        massKg += injKg;
        massC += injKgC;
        injectedKgC += injKgC;
      }
      let tC = nodeC[v];
      if (massKg > 0) {
        tC = massC / massKg;
        nodeC[v] = tC;
      }
      let outKg = 0;
      const jEnd = outStart[k + 1];
      if (jEnd > prefetchedTo) {
        const qEnd = prefetchedTo + PREFETCH < outCount ? prefetchedTo + PREFETCH : outCount;
        for (let q = prefetchedTo; q < qEnd; q++) {
          const r = outPipes[q] << RS_SHIFT;
          const off = ring[r | OFFSET];
          const head = ring[r | HEAD];
          let tail = head + ring[r | COUNT] - 1;
          if (tail >= ring[r | CAPACITY]) tail -= ring[r | CAPACITY];
          touched += pool[((off + head) << PARCEL_SHIFT) | PARCEL_X] + pool[((off + (tail < 0 ? 0 : tail)) << PARCEL_SHIFT) | PARCEL_MASS];
        }
        prefetchedTo = qEnd;
      }
      for (let j = outStart[k]; j < jEnd; j++) {
        const p = outPipes[j];
        const f = massFlowKgS[p];
        const dmKg = (f > 0 ? f : -f) * dtS;
        outKg += dmKg;
        pipeInletC[p] = tC;
        const b = p << ST_SHIFT; // b | field is the field's index, with no overflow check
        const r = p << RS_SHIFT;

        // Cool the water over the step: A and S decay, loss = cp·(1 - e^(-dt/tau))·(heat above ground).
        const a0 = st[b | REF];
        const sc0 = st[b | SCALE];
        let mx = st[b | MASS_X];
        let massHeld = st[b | MASS];
        const omd = st[b | ONE_MINUS_DECAY];
        const pipeLossJ = cp * omd * ((a0 - groundC) * massHeld + sc0 * mx);
        const a = a0 - omd * (a0 - groundC);
        const sc = sc0 * st[b | DECAY];
        const invSc = st[b | INV_SCALE] * st[b | INV_DECAY];
        if (sc < RENORMALIZE_BELOW) renormalizeList[renormalizeCount++] = p;
        pipeHeatLossW[p] = pipeLossJ * perSecond;
        lossJ += pipeLossJ;

        const x = (tC - a) * invSc;
        let popKg = dmKg;
        let popC: number;
        if (dmKg >= massHeld && massHeld > 0) {
          // Flush (most pipes in winter at minute steps): all the water held leaves, then dmKg - M of the
          // entering water; the pipe is left holding one parcel at tC. The pool is written, never read.
          popC = massHeld * a + mx * sc + (dmKg - massHeld) * tC;
          const i = ring[r | OFFSET] << PARCEL_SHIFT;
          pool[i | PARCEL_MASS] = massHeld;
          pool[i | PARCEL_X] = x;
          ring[r | COUNT] = 1;
          ring[r | HEAD] = 0;
          st[b | REF] = a;
          st[b | SCALE] = sc;
          st[b | INV_SCALE] = invSc;
          st[b | MASS_X] = massHeld * x;
        } else {
          // Push dmKg at tC at the inlet end (the ring's head), merging into the head parcel when within tolerance.
          mx += dmKg * x;
          massHeld += dmKg;
          const off = ring[r | OFFSET];
          const cap = ring[r | CAPACITY];
          let head = ring[r | HEAD];
          let count = ring[r | COUNT];
          let merged = false;
          if (count > 0) {
            const i = (off + head) << PARCEL_SHIFT;
            const xEnd = pool[i | PARCEL_X];
            const dT = (xEnd - x) * sc;
            if ((dT < toleranceK && dT > -toleranceK) || count >= maxParcels) {
              const mEnd = pool[i | PARCEL_MASS];
              const m = mEnd + dmKg;
              pool[i | PARCEL_MASS] = m;
              pool[i | PARCEL_X] = (mEnd * xEnd + dmKg * x) / m;
              merged = true;
            }
          }
          if (!merged) {
            head = head === 0 ? cap - 1 : head - 1;
            const i = (off + head) << PARCEL_SHIFT;
            pool[i | PARCEL_MASS] = dmKg;
            pool[i | PARCEL_X] = x;
            count++;
          }

          // Pop dmKg from the outlet end, the ring's tail (after the push: water may pass right through a short pipe).
          let tail = head + count - 1;
          if (tail >= cap) tail -= cap;
          let remaining = dmKg;
          popKg = 0;
          let popX = 0;
          while (remaining > 0 && count > 0) {
            const i = (off + tail) << PARCEL_SHIFT;
            const m = pool[i | PARCEL_MASS];
            const xp = pool[i | PARCEL_X];
            if (m <= remaining) {
              popKg += m;
              popX += m * xp;
              remaining -= m;
              count--;
              tail = tail === 0 ? cap - 1 : tail - 1;
            } else {
              const kept = m - remaining;
              const taken = m - kept; // exactly what leaves, so the ledger and the parcels agree to the bit
              pool[i | PARCEL_MASS] = kept;
              popKg += taken;
              popX += taken * xp;
              remaining = 0;
            }
          }
          // A full ring gets room for the next push after the loop (one push per pipe per step).
          if (count === cap && cap < maxParcels) fullRings[fullCount++] = p;
          ring[r | COUNT] = count;
          ring[r | HEAD] = count === 0 ? 0 : head;
          st[b | REF] = a;
          st[b | SCALE] = sc;
          st[b | INV_SCALE] = invSc;
          st[b | MASS_X] = count === 0 ? 0 : mx - popX;
          st[b | MASS] = count === 0 ? 0 : massHeld - popKg;
          popC = popKg * a + popX * sc;
        }
        const d = outDown[j];
        accMassKg[d] += popKg;
        accMassC[d] += popC;
        pipeOutletC[p] = popKg > 0 ? popC / popKg : tC;
      }
      const withdrawnKg = massKg - outKg;
      withdrawal[v] = withdrawnKg * perSecond;
      withdrawnKgC += withdrawnKg * tC;
    }

    // Nodes that feed no pipe: all their inflow is in.
    for (let k = feedCount; k < nodeCount; k++) {
      const v = nodeOrder[k];
      let massKg = accMassKg[v];
      let massC = accMassC[v];
      accMassKg[v] = 0;
      accMassC[v] = 0;
      const injKg = injectionKgS[v] * dtS;
      if (injKg > 0) {
        const injKgC = injKg * injectionC[v];
        massKg += injKg;
        massC += injKgC;
        injectedKgC += injKgC;
      }
      let tC = nodeC[v];
      if (massKg > 0) {
        tC = massC / massKg;
        nodeC[v] = tC;
      }
      withdrawal[v] = massKg * perSecond;
      withdrawnKgC += massKg * tC;
    }
    io[IO_TOUCHED] = touched;
    io[IO_LOSS_J] = lossJ;
    io[IO_INJECTED_KGC] = injectedKgC;
    io[IO_WITHDRAWN_KGC] = withdrawnKgC;
    io[IO_FULL_COUNT] = fullCount;
    io[IO_RENORMALIZE_COUNT] = renormalizeCount;
  }

  /** Heat held by the water in all pipes relative to water at refC (J). */
  storedHeatJ(refC = 0): number {
    const st = this.pipeState;
    const refHeatC = this.toHeatC(refC);
    let sum = 0;
    for (let p = 0; p < this.pipeCount; p++) {
      const b = ST * p;
      sum += (st[b + REF] - refHeatC) * st[b + MASS] + st[b + SCALE] * st[b + MASS_X];
    }
    return this.cp * sum;
  }

  /** Mass-weighted mean temperature of the water in one pipe now (°C). */
  pipeMeanC(pipe: number): number {
    const b = ST * pipe;
    const st = this.pipeState;
    return this.toC(st[b + REF] + (st[b + SCALE] * st[b + MASS_X]) / st[b + MASS]);
  }

  /** Mass-weighted mean specific enthalpy of the water in one pipe now (J/kg above water at 0 °C). */
  pipeMeanEnthalpyJPerKg(pipe: number): number {
    const b = ST * pipe;
    const st = this.pipeState;
    return this.cp * (st[b + REF] + (st[b + SCALE] * st[b + MASS_X]) / st[b + MASS]);
  }

  /** Current temperature of the water at one end of a pipe (°C): the `to` end if toEnd, else the `from` end. */
  endC(pipe: number, toEnd: boolean): number {
    return this.toC(this.parcels.endC(pipe, toEnd));
  }

  /** Specific enthalpy of the water at one end of a pipe (J/kg above water at 0 °C), as endC. */
  endEnthalpyJPerKg(pipe: number, toEnd: boolean): number {
    return this.cp * this.parcels.endC(pipe, toEnd);
  }

  /**
   * The temperature of the water that will reach `node` over the next dtS (°C), a forecast for control: the
   * pipes are taken to carry massFlowKgS (kg/s per pipe, + = from -> to; typically the last step's flows) and
   * the nodes to receive injectionKgS at injectionC (per node, this step's). In the first share f of a step a
   * pipe delivers the first f·|m|·dt of the water at its outlet end and, beyond what it holds, the water that
   * entered it first: its upstream node's outflow early in the step. A node's outflow mixes its inflowing pipes'
   * and its injection by enthalpy. Water held in a pipe cools toward groundC (°C) over the step before it
   * leaves, as step() cools it; water passing right through leaves as it entered. Visits are capped at a few per pipe, so a
   * mesh costs no more than a tree; past the cap a node's present temperature stands in.
   */
  arrivingC(
    node: number,
    massFlowKgS: Float64Array,
    injectionKgS: Float64Array,
    injectionC: Float64Array,
    groundC: number,
    dtS: number,
  ): number {
    this.forecastVisits = 0;
    this.scratch[0] = this.toHeatC(groundC);
    return this.toC(this.earlyOutflowHeatC(node, 1, massFlowKgS, injectionKgS, injectionC, dtS));
  }

  /** Enthalpy-scale temperature of a node's outflow over the first `share` of the step (arrivingC). */
  private earlyOutflowHeatC(
    node: number,
    share: number,
    massFlowKgS: Float64Array,
    injectionKgS: Float64Array,
    injectionC: Float64Array,
    dtS: number,
  ): number {
    if (++this.forecastVisits > FORECAST_VISITS_PER_PIPE * this.pipeCount) return this.nodeHeatC[node];
    const groundHeatC = this.scratch[0];
    const { incStart, incPipes } = this.order;
    const parcels = this.parcels;
    let massKg = 0;
    let massC = 0;
    for (let j = incStart[node]; j < incStart[node + 1]; j++) {
      const p = incPipes[j];
      const f = massFlowKgS[p];
      const toEnd = this.to[p] === node;
      if (!(toEnd ? f > 0 : f < 0)) continue;
      const stepKg = (f > 0 ? f : -f) * dtS;
      const dmKg = share * stepKg;
      parcels.peekEnd(p, toEnd, dmKg);
      const heldKg = parcels.peeked[0];
      const shortKg = dmKg - heldKg;
      const keep = this.pipeState[ST * p + DECAY];
      let kgC = groundHeatC * heldKg + keep * (parcels.peeked[1] - groundHeatC * heldKg);
      if (shortKg > 0) {
        const upstream = toEnd ? this.from[p] : this.to[p];
        kgC += shortKg * this.earlyOutflowHeatC(upstream, shortKg / stepKg, massFlowKgS, injectionKgS, injectionC, dtS);
      }
      massKg += dmKg;
      massC += kgC;
    }
    const injKg = share * injectionKgS[node] * dtS;
    if (injKg > 0) {
      massKg += injKg;
      massC += injKg * this.toHeatC(injectionC[node]);
    }
    return massKg > 0 ? massC / massKg : this.nodeHeatC[node];
  }

  /** Pipes whose flow closes a directed cycle in the current order (0 in a healthy flow field). */
  get backPipeCount(): number {
    return this.order.backPipeCount;
  }

  /** Number of parcels in a pipe, or in all pipes if no pipe is given (diagnostics, tests). */
  parcelCount(pipe?: number): number {
    return this.parcels.parcelCount(pipe);
  }

  private setStep(dtS: number): void {
    const st = this.pipeState;
    for (let p = 0; p < this.pipeCount; p++) {
      const d = Math.exp(-dtS * this.inverseTauS[p]);
      st[ST * p + DECAY] = d;
      st[ST * p + ONE_MINUS_DECAY] = 1 - d;
      st[ST * p + INV_DECAY] = 1 / d;
    }
    this.decayDtS = dtS;
  }

  /** Cool a pipe's water toward the ground over the step (A and S decay); sets its loss (W), and in J in scratch[0]. */
  private cool(p: number, groundC: number, perSecond: number): void {
    const st = this.pipeState;
    const b = ST * p;
    const omd = st[b + ONE_MINUS_DECAY];
    if (omd === 0) {
      this.pipeHeatLossW[p] = 0;
      this.scratch[0] = 0;
      return;
    }
    const a = st[b + REF];
    const sc = st[b + SCALE];
    const lossJ = this.cp * omd * ((a - groundC) * st[b + MASS] + sc * st[b + MASS_X]);
    this.pipeHeatLossW[p] = lossJ * perSecond;
    st[b + REF] = a - omd * (a - groundC);
    const scNew = sc * st[b + DECAY];
    st[b + SCALE] = scNew;
    st[b + INV_SCALE] *= st[b + INV_DECAY];
    if (scNew < RENORMALIZE_BELOW) this.parcels.renormalize(p);
    this.scratch[0] = lossJ;
  }

  /** A back pipe delivers its outflow before its inflow is known; what it does not hold is owed at its inlet's
   *  last temperature and settled in settleBackPipe. */
  private drainBackPipe(p: number, massFlowKgS: Float64Array, dtS: number): void {
    const f = massFlowKgS[p];
    const forward = f > 0;
    const dmKg = (forward ? f : -f) * dtS;
    const parcels = this.parcels;
    parcels.pop(p, dmKg);
    let massKg = parcels.popped[0];
    let massC = parcels.popped[1];
    const shortKg = dmKg - massKg;
    this.backShortKg[p] = shortKg;
    if (shortKg > 0) {
      const guessC = this.nodeHeatC[forward ? this.from[p] : this.to[p]];
      this.backShortC[p] = guessC;
      massKg += shortKg;
      massC += shortKg * guessC;
    }
    const d = forward ? this.to[p] : this.from[p];
    this.accMassKg[d] += massKg;
    this.accMassC[d] += massC;
    this.pipeOutletHeatC[p] = massKg > 0 ? massC / massKg : parcels.tailC(p);
  }

  /** After a back pipe's inflow: remove the water it owed (now at its downstream end). Puts the heat (J) the
   *  credit mis-stated in scratch[0], booked as the pipe's loss so the ledger stays exact. Zero unless the flow exceeded the pipe. */
  private settleBackPipe(p: number): void {
    const shortKg = this.backShortKg[p];
    this.scratch[0] = 0;
    if (!(shortKg > 0)) return;
    this.backShortKg[p] = 0;
    this.parcels.pop(p, shortKg);
    this.scratch[0] = this.cp * (this.parcels.popped[1] - shortKg * this.backShortC[p]);
  }
}

/** Plug-flow transport state for a network, filled with water at initialC (°C, one value or one per node). */
export function createPlugFlow(
  topology: NetworkTopology,
  fluid: Fluid,
  initialC: number | Float64Array,
  options?: PlugFlowOptions,
): PlugFlow {
  return new PlugFlow(topology, fluid, initialC, options);
}
