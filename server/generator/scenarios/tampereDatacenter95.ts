/**
 * tampere-datacenter-95: a data centre whose recovered heat is lifted to 95 °C in winter and fed straight into an
 * older high-temperature network; assets/scenarios/tampere-datacenter-95.json, written by
 * `npm run generate`.
 *
 * Reference (docs/reference-figures.md, What the product models): Tampere, Valtatie 30: six Oilon
 * ChillHeat units turn recovered data-centre heat into 95 °C water in winter, fed straight into the network; about
 * 50 GWh a year, about 2.5 % of the network's heat. So the network delivers about 50 / 0.025 = 2,000 GWh a year
 * (ANNUAL_HEAT_WH, an inference from the reference, not a Tampere statistic).
 *
 * Sizing (estimates for the design; the simulated year makes the results):
 *  - demand: plants.ts `estimateDemand` over the district blocks, floor areas scaled so its delivered heat
 *    (samples / 1.08) is ANNUAL_HEAT_WH;
 *  - data centre: the heat pumps take all its heat all year (the network always needs more than 7 MW), so
 *      heat = IT · 1.05 · COP / (COP - 1)  =>  IT = 50 GWh · (1 - 1/COP_year) / (1.05 · 8760 h),
 *    COP_year the Carnot-fraction COP (efficiency 0.5, reference) at the year's mean sink (the supply set-point,
 *    at most 95 °C) and loop outlet (air-cooled loop 25-30 °C less 5 K), from the degree-day daily temperatures;
 *    six units, together 1.25 x the winter output, so that the source, not the hardware, limits them;
 *  - main plant (Naistenlahti) wood-chip boilers 40 % of the design peak, Lielahti bio 100 MW, gas peak boilers
 *    up to firm capacity 1.1 x the peak, Hervanta gas reserve 150 MW.
 */
import type { ScenarioInput } from '../../../shared/scenario/schema';
import { HELSINKI_GROUND } from '../../sim/weather/ground';
import { carnotCop } from '../../sim/plant/cop';
import { finnishEmissions, helsinkiSupplyCurve, helsinkiWeather, nordicSubstationFaults, substationFaultsAssumption } from '../climate';
import { round } from '../geometry';
import { dailyMeanC, estimateDemand } from '../plants';
import { block, buildDistrictNetwork, district, LANDMARK_SCALE, plantHall, siteRect, type DistrictSpec } from './districtNetwork';

type UnitInput = ScenarioInput['plants'][number]['units'][number];

export const TAMPERE_DC95_ID = 'tampere-datacenter-95';
export const ANNUAL_HEAT_WH = 2.0e12;
export const DATACENTRE_HEAT_WH = 50e9;
const DC_FAN_SHARE = 0.05;
const HP_UNITS = 6;
const HP_EFFICIENCY = 0.5;
const NETWORK_ROUTE_M = 700e3;
const DISTRIBUTION_U_W_PER_MK = 0.25;

const LOCATION = { name: 'Tampere, Finland', latitudeDeg: 61.4978, longitudeDeg: 23.761 };
const ORIGIN = { latDeg: LOCATION.latitudeDeg, lonDeg: LOCATION.longitudeDeg };


/** Districts at approximate coordinates; floor areas in 1000 m2 before scaling. Mostly older stock. */
const DISTRICTS: DistrictSpec[] = [
  district('keskusta', 'Keskusta', 61.4978, 23.761, block('residential', 500, 1955, 6), block('office', 350, 1975, 6), block('retail', 200, 1985, 4)),
  district('tammela', 'Tammela', 61.503, 23.78, block('residential', 350, 1960, 5)),
  district('kaleva', 'Kaleva', 61.502, 23.81, block('residential', 450, 1965, 6), block('school', 150, 1975, 4)),
  district('amuri', 'Amuri and Pyynikki', 61.499, 23.735, block('residential', 300, 1955, 4)),
  district('pispala', 'Pispala', 61.505, 23.705, block('residential', 200, 1950, 3)),
  district('hatanpaa', 'Hatanpää', 61.481, 23.77, block('residential', 250, 1990, 5), block('office', 150, 2000, 5)),
  district('nekala', 'Nekala', 61.482, 23.8, block('industrial', 250, 1975, 2), block('residential', 100, 1960, 3)),
  district('harmala', 'Härmälä and Rantaperkiö', 61.47, 23.74, block('residential', 250, 2005, 5)),
  district('hervanta', 'Hervanta', 61.45, 23.85, block('residential', 650, 1978, 6), block('school', 300, 1985, 4)),
  district('hervantajarvi', 'Hervantajärvi', 61.438, 23.87, block('residential', 120, 2020, 4)),
  district('vuores', 'Vuores', 61.438, 23.805, block('residential', 250, 2015, 4)),
  district('peltolammi', 'Peltolammi', 61.457, 23.75, block('residential', 200, 1970, 5)),
  district('multisilta', 'Multisilta', 61.445, 23.725, block('residential', 150, 1982, 4)),
  district('kaukajarvi', 'Kaukajärvi', 61.477, 23.87, block('residential', 250, 1972, 5)),
  district('annala', 'Annala and Vehmainen', 61.48, 23.835, block('residential', 150, 1985, 3)),
  district('messukyla', 'Messukylä', 61.493, 23.855, block('residential', 150, 1980, 3)),
  district('linnainmaa', 'Linnainmaa', 61.512, 23.87, block('residential', 150, 1985, 3)),
  district('kauppi', 'Kauppi and Hakametsä', 61.51, 23.83, block('school', 250, 1990, 4), block('retail', 100, 1975, 2)),
  district('takahuhti', 'Takahuhti', 61.52, 23.82, block('residential', 150, 1975, 4)),
  district('atala', 'Atala', 61.532, 23.85, block('residential', 120, 1975, 3)),
  district('lielahti', 'Lielahti', 61.515, 23.68, block('industrial', 150, 1970, 2), block('retail', 120, 2005, 2)),
  district('epila', 'Epilä and Ikuri', 61.515, 23.655, block('residential', 150, 1965, 3)),
  district('tesoma', 'Tesoma', 61.518, 23.625, block('residential', 300, 1972, 5)),
  district('lentavanniemi', 'Lentävänniemi', 61.535, 23.655, block('residential', 180, 1975, 5)),
  district('rahola', 'Rahola and Haukiluoma', 61.505, 23.63, block('residential', 120, 1985, 3)),
  district('santalahti', 'Santalahti and Hiedanranta', 61.51, 23.72, block('residential', 120, 2018, 6)),
];

const SITES = {
  naistenlahti: { node: 'P-naistenlahti', latDeg: 61.514, lonDeg: 23.768 },
  lielahti: { node: 'P-lielahti', latDeg: 61.52, lonDeg: 23.7 },
  valtatie: { node: 'P-valtatie30', latDeg: 61.506, lonDeg: 23.792 },
  hervanta: { node: 'P-hervanta', latDeg: 61.456, lonDeg: 23.835 },
};

function networkOptions(districts: DistrictSpec[]) {
  return {
    origin: ORIGIN,
    districts,
    sites: [SITES.naistenlahti, SITES.lielahti, SITES.valtatie, SITES.hervanta],
    loops: 3,
    routeFactor: 1.3,
    networkRouteM: NETWORK_ROUTE_M,
    distributionUWPerMK: DISTRIBUTION_U_W_PER_MK,
    feederLengthM: 1500,
    designVelocityMS: 1.2,
  };
}

function demandOf(scale: number) {
  const districts = DISTRICTS.map((x) => ({ ...x, blocks: x.blocks.map((b) => ({ ...b, floorAreaM2: Math.round((b.floorAreaM2 * scale) / 1000) * 1000 })) }));
  const net = buildDistrictNetwork(networkOptions(districts));
  const demand = estimateDemand(net.buildings.map((b, i) => ({ use: b.use, floorAreaM2: b.floorAreaM2, designHeatW: net.blockDesignHeatW[i] })));
  return { net, demand };
}

/** Piecewise-linear supply curve, flat outside its points (server/sim/control/supplyCurve.ts does the same). */
function supplyC(points: ReadonlyArray<readonly [number, number]>, outdoorC: number): number {
  if (outdoorC <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i];
    const [x0, y0] = points[i - 1];
    if (outdoorC <= x1) return y0 + ((y1 - y0) * (outdoorC - x0)) / (x1 - x0);
  }
  return points[points.length - 1][1];
}

/** Air-cooled loop 25 °C up to 10 °C outdoors, 30 °C from 25 °C (server/sim/sources/datacentre.ts); outlet 5 K lower. */
function loopOutletC(outdoorC: number): number {
  return 25 + 5 * Math.min(1, Math.max(0, (outdoorC - 10) / 15)) - 5;
}

const roundW = (w: number, step = 1e5) => Math.round(w / step) * step;

export function generateTampereDatacenter95(): ScenarioInput {
  const scale = ANNUAL_HEAT_WH / (demandOf(1).demand.annualHeatWh / 1.08);
  const { net, demand } = demandOf(scale);
  const P = demand.designPeakW;
  const curve = helsinkiSupplyCurve();
  // Year-mean source share of the heat, 1 - 1/COP, over the degree-day daily temperatures.
  let sourceShare = 0;
  let winterCop = Infinity;
  for (let day = 0; day < 365; day++) {
    const t = dailyMeanC(day);
    const cop = carnotCop(Math.min(95, supplyC(curve.points, t)), loopOutletC(t), HP_EFFICIENCY);
    sourceShare += (1 - 1 / cop) / 365;
    winterCop = Math.min(winterCop, cop);
  }
  const itW = roundW((DATACENTRE_HEAT_WH * sourceShare) / ((1 + DC_FAN_SHARE) * 8760), 1e4);
  const winterHeatW = (itW * (1 + DC_FAN_SHARE)) / (1 - 1 / winterCop);
  const unitW = roundW((1.25 * winterHeatW) / HP_UNITS, 1e4);
  const woodMainW = roundW(0.4 * P, 1e6);
  const lielahtiW = 100e6;
  const gasW = roundW(Math.max(0.2 * P, 1.1 * P - woodMainW - lielahtiW), 1e6);
  const gasUnits = Math.ceil(gasW / 150e6);

  const pos = net.sitePositions;
  const valtatie = pos.get(SITES.valtatie.node)!;
  // Plant halls at their real sizes, drawn LANDMARK_SCALE x: a big CHP/boiler site 150 x 80 m, 40 m high; the bio
  // plant 100 x 60 m, 35 m; the heat pump room 40 x 25 m, 12 m; the reserve boiler house 60 x 40 m, 25 m. The data
  // centre (a 100 x 60 m, 15 m hall) stands west of its heat pump plant, so the source arc joins them.
  const halls = {
    naistenlahti: plantHall('naistenlahti-hall', 'Naistenlahti power plant', pos.get(SITES.naistenlahti.node)!, { widthM: 150, depthM: 80, heightM: 40 }, 1977),
    lielahti: plantHall('lielahti-hall', 'Lielahti bio heat plant', pos.get(SITES.lielahti.node)!, { widthM: 100, depthM: 60, heightM: 35 }, 2019),
    valtatie: plantHall('valtatie30-hall', 'Valtatie 30 heat pump plant', valtatie, { widthM: 40, depthM: 25, heightM: 12 }, 2021),
    hervanta: plantHall('hervanta-hall', 'Hervanta reserve heat plant', pos.get(SITES.hervanta.node)!, { widthM: 60, depthM: 40, heightM: 25 }, 1985),
  };
  const buildings: ScenarioInput['buildings'] = [
    ...net.buildings,
    {
      id: 'valtatie30-dc',
      name: 'Data centre, Valtatie 30',
      use: 'datacentre',
      footprint: siteRect(valtatie, 100 * LANDMARK_SCALE, 60 * LANDMARK_SCALE, -(20 + 20 + 100 / 2) * LANDMARK_SCALE, 30 + (60 * LANDMARK_SCALE) / 2),
      heightM: 15 * LANDMARK_SCALE,
      floorAreaM2: 12_000,
      yearBuilt: 2015,
    },
    halls.naistenlahti,
    halls.lielahti,
    halls.valtatie,
    halls.hervanta,
  ];
  const units: UnitInput[] = Array.from({ length: HP_UNITS }, (_, i) => ({
    id: `chillheat-${i + 1}`,
    kind: 'heatPump',
    name: `Oilon ChillHeat heat pump ${i + 1}`,
    source: 'valtatie30-dc-heat',
    capacityW: unitW,
    copModel: 'carnot',
    efficiency: HP_EFFICIENCY,
    maxSinkC: 95,
    maxLiftK: 80,
    sourceGlideK: 5,
    minPartLoad: 0.3,
    stages: 2,
  }));
  const floorAreaM2 = net.buildings.reduce((a, b) => a + b.floorAreaM2, 0);
  const mw = (w: number) => `${round(w / 1e6, 1)} MW`;
  return {
    id: TAMPERE_DC95_ID,
    name: 'Tampere: data-centre heat at 95 °C into an old high-temperature network',
    description:
      'A data centre at Valtatie 30 in Tampere: six Oilon ChillHeat heat pumps take the heat of its cooling loop and, in winter, ' +
      'lift it to 95 °C, hot enough to go straight into the old high-temperature network (supply up to 115 °C on the coldest days). ' +
      `The rest of Tampere's network is aggregated into ${net.blockCount} district blocks with its main bio plants, gas peak and reserve. ` +
      'Small in share, about 2.5 % of the network\'s heat, but it needs no new pipes and no lower network temperature.',
    assumptions: [
      `Annual heat delivered about ${ANNUAL_HEAT_WH / 1e9} GWh: inferred from the reference (about 50 GWh from the data centre = about 2.5 % of the network), not a Tampere statistic. Floor areas scaled to it with the degree-day estimate (plants.ts estimateDemand): ${round(floorAreaM2 / 1e6, 2)} million m2; the simulated year credits internal and solar gains, so it delivers somewhat less.`,
      `Districts: ${DISTRICTS.length} Tampere districts at approximate coordinates, ${net.blockCount} blocks (one per district and use, each one node and one feeder), mostly older stock (1950s-80s); positions schematic.`,
      `Drawing: the blocks are drawn as ${net.buildings.length} buildings, each standing for a city block of about 15,000 m2 of footprint of its use, on a street grid around the district's coordinates (they share their block's node and feeder; the physics sees the same floor area). Plant halls (Naistenlahti 150 x 80 m and 40 m high, Lielahti 100 x 60 m, the Valtatie 30 heat pump room 40 x 25 m, Hervanta 60 x 40 m) and the data centre (100 x 60 m, 15 m high) are drawn x${LANDMARK_SCALE} (footprint and height) so they can be seen from the overview.`,
      `Network: trunk mains ${round(net.trunkLengthM / 1000, 1)} km (minimum spanning tree plus 3 loop links, straight distance x 1.3); the rest of an assumed ~700 km network is one 1.5 km feeder per block whose loss coefficient carries its share of ${DISTRIBUTION_U_W_PER_MK} W/(m·K) per pipe over that length (an older network: a little above the Brugg series-2 values of 0.18-0.23 for DN50-100, reference), for losses in the Finnish 7-10 % (reference, Network). Time step 300 s for the long trunks.`,
      'Supply temperature: an older high-temperature network, Helen-style 65-115 °C by outdoor temperature (reference, Network), so the heat pumps (at most 95 °C) feed the supply directly most of the year and preheat on the coldest days.',
      `Data centre: IT load ${mw(itW)} (air-cooled, 25-30 °C loop, +5 % fans), sized so that its heat, lifted at the year's mean Carnot-fraction COP (efficiency 0.5, reference; sink = supply set-point up to 95 °C), gives ~50 GWh a year (reference).`,
      `Heat pumps: six Oilon ChillHeat units (reference) of ${mw(unitW)} each, together 1.25 x the winter output the data centre's heat can carry, so the source and not the hardware limits them; up to 95 °C; the plant feeds the network at Valtatie 30 (a satellite plant: it heats part of the return to the set-point or 95 °C, whichever is lower).`,
      `Plants (assumed, standing for Tampere's real ones, modelled heat-only): Naistenlahti wood-chip boilers ${mw(woodMainW)} and gas peak boilers ${gasUnits} x ${mw(gasW / gasUnits)} (firm capacity 1.1 x the ${mw(P)} design peak) at the main plant; Lielahti bio heat plant ${mw(lielahtiW)}; Hervanta gas reserve 150 MW.`,
      'Baseline: a natural-gas heat-only boiler plant (efficiency 0.90) making the same heat. Emission factors IPCC 2006 (gas 202, oil 267, coal 341 g/kWh fuel, wood 0) and the Finnish residual mix 179 g/kWh (reference).',
      'Climate: the reference gives only the Helsinki-Vantaa typical year; Tampere is 1-2 K colder in winter, which the scaling of floor area to the annual heat absorbs. Prices as in espoo-clean-heat (spot 45 EUR/MWh mean, 15 EUR/MWh fee, wood chips 30, gas 40 EUR/MWh, EU ETS 80 EUR/t).',
      substationFaultsAssumption(true),
    ],
    location: LOCATION,
    simulation: { start: '2025-01-01', days: 365, stepS: 300, seed: 1, loop: { start: '2025-01-13', days: 7 } },
    weather: helsinkiWeather(),
    ground: { ...HELSINKI_GROUND },
    sources: [{ id: 'valtatie30-dc-heat', kind: 'datacentre', name: 'Data centre cooling loop, Valtatie 30 (air-cooled)', buildingId: 'valtatie30-dc', itLoadW: itW, coolingType: 'air' }],
    buildings,
    network: { nodes: net.nodes, pipes: net.pipes, dpSetpointPa: 100e3, pumpMaxHeadPa: 2.5e6, substationFaults: nordicSubstationFaults(true) },
    supplyCurve: curve,
    plants: [
      {
        id: 'naistenlahti',
        name: 'Naistenlahti (main plant: wood-chip boilers, gas peak)',
        node: SITES.naistenlahti.node,
        main: true,
        footprint: halls.naistenlahti.footprint,
        heightM: halls.naistenlahti.heightM,
        units: [
          { id: 'naistenlahti-bio-1', kind: 'boiler', name: 'Wood-chip boiler 1', fuel: 'woodchips', capacityW: woodMainW / 2, efficiency: 0.88, minPartLoad: 0.3, rampPerS: 1 / 900 },
          { id: 'naistenlahti-bio-2', kind: 'boiler', name: 'Wood-chip boiler 2', fuel: 'woodchips', capacityW: woodMainW / 2, efficiency: 0.88, minPartLoad: 0.3, rampPerS: 1 / 900 },
          ...Array.from({ length: gasUnits }, (_, i): UnitInput => ({ id: `naistenlahti-gas-${i + 1}`, kind: 'boiler', name: `Gas peak boiler ${i + 1}`, fuel: 'gas', capacityW: roundW(gasW / gasUnits), efficiency: 0.92 })),
        ],
      },
      {
        id: 'lielahti-bio',
        name: 'Lielahti bio heat plant (wood chips)',
        node: SITES.lielahti.node,
        footprint: halls.lielahti.footprint,
        heightM: halls.lielahti.heightM,
        units: [{ id: 'lielahti-bio-1', kind: 'boiler', name: 'Wood-chip boiler', fuel: 'woodchips', capacityW: lielahtiW, efficiency: 0.88, minPartLoad: 0.3, rampPerS: 1 / 900 }],
      },
      {
        id: 'valtatie30',
        name: 'Valtatie 30 data-centre heat pumps (95 °C)',
        node: SITES.valtatie.node,
        footprint: halls.valtatie.footprint,
        heightM: halls.valtatie.heightM,
        units,
      },
      {
        id: 'hervanta-reserve',
        name: 'Hervanta reserve heat plant (gas)',
        node: SITES.hervanta.node,
        footprint: halls.hervanta.footprint,
        heightM: halls.hervanta.heightM,
        units: [{ id: 'hervanta-gas', kind: 'boiler', name: 'Reserve gas boiler', fuel: 'gas', capacityW: 150e6, efficiency: 0.92, reserve: true }],
      },
    ],
    prices: {
      electricity: { kind: 'synthetic', meanEurPerMWh: 45, seasonality: 0.5, volatility: 0.35 },
      electricityNetworkEurPerMWh: 15,
      fuelEurPerMWh: { gas: 40, oil: 80, woodchips: 30, coal: 15 },
      co2EurPerTonne: 80,
    },
    emissions: finnishEmissions(),
    baseline: { name: 'Natural-gas heat-only boiler plant', fuel: 'gas', efficiency: 0.9 },
  };
}


