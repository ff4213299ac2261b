/**
 * espoo-clean-heat: the Espoo, Kauniainen and Kirkkonummi district heating network at real scale,
 * as a generated scenario (assets/scenarios/espoo-clean-heat.json, written by `npm run generate`).
 *
 * Reference (docs/reference-figures.md, What the product models): about 250,000 users on a 900 km
 * network; data-centre heat recovery (Microsoft data centres) about 40 % of the district heat, up to 400,000 t
 * CO2 a year less, about 75 % of the data centres' waste heat used; air-to-water heat pumps (Vermo 10 MW, down to
 * -15 °C), Nuijala 50 MW electric boiler and 800 MWh accumulator; coal ended in 2024; Suomenoja heat pumps
 * 2 x 20 + 25 MW. Espoo's annual heat is not in the reference: assumed here (ANNUAL_HEAT_WH, see assumptions).
 *
 * Sizing (estimates for the design only; the simulated year makes the results):
 *  - demand: the degree-day load samples of plants.ts `estimateDemand` over the district blocks (HDD17 of the
 *    Helsinki-Vantaa typical year, hot water flat, 8 % losses); floor areas are scaled so that the estimate's
 *    delivered heat (samples / 1.08) is ANNUAL_HEAT_WH;
 *  - data-centre heat pumps: base-load capacity C covering DC_SHARE_OF_PRODUCTION of the estimated production on the
 *    load-duration curve (`capacityForShare`; the estimate ignores free gains and the air heat pump's summer
 *    share, so the target is set above the 40 % the simulated year is to reach); IT load such that the data
 *    centres' mean heat just carries the heat pumps at full output at the winter COP (Carnot fraction 0.5,
 *    95 °C from the 20 °C loop outlet):  IT · 1.05 = C · (1 - 1/COP_winter).
 *    The share of the waste heat used over the year (reference: about 75 %) then follows from the summer,
 *    when the network needs less than the data centres reject.
 *  - firm capacity 1.1 x the design peak (0.85 x Σ design heat at -26 °C): heat pumps (source-limited), bio, the
 *    electric boiler, then gas peak boilers for the rest.
 */
import type { ScenarioInput } from '../../../shared/scenario/schema';
import { HELSINKI_GROUND } from '../../sim/weather/ground';
import { carnotCop } from '../../sim/plant/cop';
import { DH_WATER } from '../../sim/water';
import { J_PER_MWH } from '../../sim/units';
import { ESPOO_LOCATION, finnishEmissions, helsinkiSupplyCurve, helsinkiWeather, nordicSubstationFaults, substationFaultsAssumption } from '../climate';
import { round } from '../geometry';
import { capacityForShare, estimateDemand } from '../plants';
import { espooPlaces, gulfOfFinland, SHORE_POINTS } from './espooCoast';
import {
  block,
  buildDistrictNetwork,
  district,
  LANDMARK_SCALE,
  plantHall,
  siteFootprint,
  siteRect,
  type DistrictSpec,
  type SiteSpec,
} from './districtNetwork';

type UnitInput = ScenarioInput['plants'][number]['units'][number];

export const ESPOO_CLEAN_HEAT_ID = 'espoo-clean-heat';

/** Annual heat delivered to customers (Wh): ~250,000 users x ~9.6 MWh (see assumptions). */
export const ANNUAL_HEAT_WH = 2.4e12;
export const USERS = 250_000;
const DC_SHARE_OF_PRODUCTION = 0.48;
/** Carnot-fraction COP (reference, Heat pumps) of the data-centre units in winter: 95 °C from the loop's 20 °C outlet. */
const COP_WINTER = carnotCop(95, 20, 0.5);
const DC_FAN_SHARE = 0.05;
const NETWORK_ROUTE_M = 900e3;
const DISTRIBUTION_U_W_PER_MK = 0.22;
const WASTEWATER_FLOW_KG_S = 1300;
const BIO_W = 200e6;
const ELECTRIC_BOILER_W = 50e6;
const ACCUMULATOR_MWH = 800;
const RESERVE_W = 100e6;


/**
 * Districts at approximate coordinates; floor areas in 1000 m2 before scaling, by the district's character:
 * 1950s-70s suburbs (Tapiola, Olari, Kivenlahti), 1980s-2000s centres (Leppävaara, Espoon keskus), new areas
 * (Suurpelto, Saunalahti, Niittykumpu), the Otaniemi campus, Kauniainen and Kirkkonummi centre.
 */
const DISTRICTS: DistrictSpec[] = [
  district('tapiola', 'Tapiola', 60.1756, 24.805, block('residential', 600, 1958, 4), block('office', 300, 1975, 6), block('retail', 150, 1990, 3)),
  district('otaniemi', 'Otaniemi', 60.1867, 24.827, block('school', 400, 1970, 4), block('office', 250, 2005, 5), block('residential', 120, 2015, 5)),
  district('leppavaara', 'Leppävaara', 60.219, 24.813, block('residential', 700, 1985, 5), block('retail', 250, 2003, 3), block('office', 250, 2008, 6)),
  district('matinkyla', 'Matinkylä', 60.159, 24.739, block('residential', 550, 1975, 5), block('retail', 250, 2008, 3)),
  district('olari', 'Olari', 60.174, 24.734, block('residential', 500, 1972, 5), block('school', 100, 1975, 3)),
  district('espoonlahti', 'Espoonlahti', 60.148, 24.656, block('residential', 450, 1980, 5), block('retail', 120, 2000, 3)),
  district('kivenlahti', 'Kivenlahti', 60.138, 24.628, block('residential', 400, 1978, 5)),
  district('soukka', 'Soukka', 60.137, 24.675, block('residential', 300, 1974, 4)),
  district('saunalahti', 'Saunalahti', 60.162, 24.616, block('residential', 250, 2012, 4), block('school', 60, 2012, 3)),
  district('espoon-keskus', 'Espoon keskus', 60.205, 24.656, block('residential', 400, 1988, 5), block('office', 200, 1980, 5)),
  district('kauklahti', 'Kauklahti', 60.192, 24.599, block('residential', 200, 1995, 3)),
  district('kauniainen', 'Kauniainen', 60.21, 24.729, block('residential', 300, 1965, 3), block('school', 60, 1970, 3)),
  district('kirkkonummi', 'Kirkkonummi centre', 60.123, 24.438, block('residential', 350, 1982, 4), block('retail', 80, 1995, 2), block('school', 60, 1985, 3)),
  district('masala', 'Masala', 60.152, 24.535, block('residential', 200, 1992, 3)),
  district('kalajarvi', 'Kalajärvi', 60.288, 24.678, block('residential', 150, 1990, 3)),
  district('viherlaakso', 'Viherlaakso', 60.226, 24.782, block('residential', 300, 1972, 4)),
  district('karakallio', 'Karakallio', 60.229, 24.754, block('residential', 300, 1973, 5)),
  district('kilo', 'Kilo', 60.212, 24.785, block('residential', 200, 1967, 4), block('industrial', 150, 1980, 2)),
  district('kera', 'Kera', 60.218, 24.745, block('office', 200, 1990, 4), block('industrial', 150, 1975, 2)),
  district('lintuvaara', 'Lintuvaara', 60.239, 24.812, block('residential', 250, 1966, 4)),
  district('laaksolahti', 'Laaksolahti', 60.247, 24.77, block('residential', 200, 1980, 2)),
  district('westend', 'Westend and Haukilahti', 60.163, 24.789, block('residential', 350, 1968, 3)),
  district('niittykumpu', 'Niittykumpu', 60.17, 24.762, block('residential', 250, 2015, 6)),
  district('suurpelto', 'Mankkaa and Suurpelto', 60.195, 24.75, block('residential', 300, 2010, 4), block('school', 60, 2010, 3)),
  district('latokaski', 'Latokaski', 60.175, 24.66, block('residential', 200, 1985, 3)),
  district('kaitaa', 'Kaitaa and Iivisniemi', 60.153, 24.696, block('residential', 300, 1976, 5)),
  district('laajalahti', 'Laajalahti', 60.201, 24.836, block('residential', 200, 1955, 4), block('office', 100, 1965, 4)),
  district('jarvenpera', 'Järvenperä', 60.221, 24.7, block('residential', 200, 1985, 3)),
  district('jorvas', 'Jorvas and Sundsberg', 60.137, 24.505, block('residential', 100, 2000, 3), block('industrial', 100, 1990, 2)),
];

const ORIGIN = { latDeg: ESPOO_LOCATION.latitudeDeg, lonDeg: ESPOO_LOCATION.longitudeDeg };

/** Plant sites (approximate): the hub at Suomenoja, Fortum's main production site, first. */
const SITES = {
  hub: { node: 'P-suomenoja', latDeg: 60.164, lonDeg: 24.713 },
  vermo: { node: 'P-vermo', latDeg: 60.213, lonDeg: 24.855 },
  bio: { node: 'P-kivenlahti', latDeg: 60.143, lonDeg: 24.6 },
  reserve: { node: 'P-reserve', latDeg: 60.212, lonDeg: 24.71 },
} satisfies Record<string, SiteSpec>;

/** Data-centre campuses (sites schematic) and the Suomenoja treatment plant, drawn as unconnected buildings. */
const DC_SITES = [
  { id: 'dc-espoo', name: 'Microsoft data centre, Espoo', latDeg: 60.206, lonDeg: 24.56, unitShare: 0.6 },
  { id: 'dc-kirkkonummi', name: 'Microsoft data centre, Kirkkonummi', latDeg: 60.16, lonDeg: 24.47, unitShare: 0.4 },
];

function scaleDistricts(scale: number): DistrictSpec[] {
  return DISTRICTS.map((x) => ({ ...x, blocks: x.blocks.map((b) => ({ ...b, floorAreaM2: Math.round((b.floorAreaM2 * scale) / 1000) * 1000 })) }));
}

function demandOf(districts: DistrictSpec[]) {
  const net = buildDistrictNetwork(networkOptions(districts));
  const demand = estimateDemand(net.buildings.map((b, i) => ({ use: b.use, floorAreaM2: b.floorAreaM2, designHeatW: net.blockDesignHeatW[i] })));
  return { net, demand };
}

function networkOptions(districts: DistrictSpec[]) {
  return {
    origin: ORIGIN,
    districts,
    sites: [SITES.hub, SITES.vermo, SITES.bio, SITES.reserve],
    loops: 4,
    routeFactor: 1.3,
    networkRouteM: NETWORK_ROUTE_M,
    distributionUWPerMK: DISTRIBUTION_U_W_PER_MK,
    feederLengthM: 1500,
    designVelocityMS: 1.2,
  };
}

const roundW = (w: number) => Math.round(w / 1e5) * 1e5;

export function generateEspooCleanHeat(): ScenarioInput {
  // Floor area scaled so that the demand estimate delivers ANNUAL_HEAT_WH (the estimate includes 8 % losses).
  const first = demandOf(scaleDistricts(1)).demand;
  const scale = ANNUAL_HEAT_WH / (first.annualHeatWh / 1.08);
  const { net, demand } = demandOf(scaleDistricts(scale));
  const loads = demand.loadSamplesW;
  const P = demand.designPeakW;

  const dcW = roundW(capacityForShare(loads, DC_SHARE_OF_PRODUCTION));
  // The data centres' mean heat just carries the heat pumps at full output at the winter COP (95 °C from the
  // 20 °C air-loop outlet): no spare source heat in winter; the share used over a year follows from summer.
  const itW = roundW((dcW * (1 - 1 / COP_WINTER)) / (1 + DC_FAN_SHARE));
  const dcUnits = Math.max(4, Math.ceil(dcW / 25e6));
  // Sewage 8 °C in winter cooled to 2 °C carries Q_src = m·c_p·6 K; heat = Q_src / (1 - 1/COP), COP about 2.6.
  const wwWinterHeatW = (WASTEWATER_FLOW_KG_S * DH_WATER.cpJPerKgK * 6) / (1 - 1 / 2.6);
  const gasW = roundW(Math.max(0.3 * P, 1.1 * P - dcW - wwWinterHeatW - BIO_W - ELECTRIC_BOILER_W));
  const gasUnits = Math.ceil(gasW / 150e6);
  const accumulatorM3 = Math.round((ACCUMULATOR_MWH * J_PER_MWH) / (DH_WATER.densityKgM3 * DH_WATER.cpJPerKgK * (95 - 45)));
  const tankD = Math.cbrt((2 * accumulatorM3) / Math.PI);
  const tankLossWPerK = round(0.25 * 2.5 * Math.PI * tankD * tankD, 1);

  const pos = net.sitePositions;
  const hub = pos.get(SITES.hub.node)!;
  const buildings: ScenarioInput['buildings'] = [...net.buildings];
  const sources: NonNullable<ScenarioInput['sources']> = [];
  const dcUnitsList: UnitInput[] = [];
  let unit = 0;
  for (const site of DC_SITES) {
    const at = [round((site.lonDeg - ORIGIN.lonDeg) * 111_320 * Math.cos((ORIGIN.latDeg * Math.PI) / 180), 1), round((site.latDeg - ORIGIN.latDeg) * 110_540, 1)] as [number, number];
    // A 200 x 100 m, 15 m high data hall (two floors), drawn LANDMARK_SCALE x.
    buildings.push({ id: `${site.id}-hall`, name: site.name, use: 'datacentre', footprint: siteRect(at, 200 * LANDMARK_SCALE, 100 * LANDMARK_SCALE), heightM: 15 * LANDMARK_SCALE, floorAreaM2: 40_000, yearBuilt: 2025 });
    const n = Math.round(dcUnits * site.unitShare);
    sources.push({ id: site.id, kind: 'datacentre', name: `${site.name} (air-cooled)`, buildingId: `${site.id}-hall`, itLoadW: roundW(itW * site.unitShare), coolingType: 'air' });
    for (let k = 0; k < n; k++) {
      unit++;
      dcUnitsList.push({
        id: `dc-hp-${unit}`,
        kind: 'heatPump',
        name: `Data-centre heat pump ${unit} (${site.name.replace('Microsoft data centre, ', '')})`,
        source: site.id,
        capacityW: roundW(dcW / dcUnits),
        copModel: 'carnot',
        efficiency: 0.5,
        maxSinkC: 95,
        maxLiftK: 80,
        sourceGlideK: 5,
        stages: 3,
      });
    }
  }
  buildings.push({ id: 'suomenoja-wwtp', name: 'Suomenoja wastewater treatment plant', use: 'industrial', footprint: siteFootprint(hub, 260, -420, -260), heightM: 9, floorAreaM2: 67_600, yearBuilt: 1963 });
  sources.push({ id: 'suomenoja-sewage', kind: 'wastewater', name: 'Treated sewage, Suomenoja', buildingId: 'suomenoja-wwtp', meanFlowKgS: WASTEWATER_FLOW_KG_S, minC: 8, maxC: 14, dischargeC: 2 });
  sources.push({ id: 'outdoor-air', kind: 'outdoorAir', name: 'Outdoor air at Vermo' });

  // Plant halls at their real sizes (drawn LANDMARK_SCALE x): a big boiler and heat pump site 150 x 80 m, 40 m high;
  // a 10 MW heat pump hall 40 x 25 m, 14 m; the bio plant 100 x 60 m, 35 m; the reserve boiler house 50 x 30 m, 25 m.
  const halls = {
    hub: plantHall('suomenoja-hub-hall', 'Suomenoja clean-heat hub', hub, { widthM: 150, depthM: 80, heightM: 40 }, 2024),
    vermo: plantHall('vermo-air-hall', 'Vermo air-to-water heat pump plant', pos.get(SITES.vermo.node)!, { widthM: 40, depthM: 25, heightM: 14 }, 2022),
    bio: plantHall('kivenlahti-bio-hall', 'Kivenlahti bio heat plant', pos.get(SITES.bio.node)!, { widthM: 100, depthM: 60, heightM: 35 }, 2020),
    reserve: plantHall('reserve-hall', 'Reserve heat plant', pos.get(SITES.reserve.node)!, { widthM: 50, depthM: 30, heightM: 25 }, 1990),
  };
  buildings.push(halls.hub, halls.vermo, halls.bio, halls.reserve);

  const plants: ScenarioInput['plants'] = [
    {
      id: 'suomenoja-hub',
      name: 'Suomenoja clean-heat hub (data-centre and Suomenoja heat pumps, Nuijala-type electric boiler and accumulator, gas peak)',
      node: SITES.hub.node,
      main: true,
      footprint: halls.hub.footprint,
      heightM: halls.hub.heightM,
      units: [
        ...dcUnitsList,
        ...[20e6, 20e6, 25e6].map((w, i): UnitInput => ({
          id: `suomenoja-hp-${i + 1}`,
          kind: 'heatPump',
          name: `Suomenoja wastewater heat pump ${i + 1}`,
          source: 'suomenoja-sewage',
          capacityW: w,
          copModel: 'carnot',
          efficiency: 0.5,
          maxSinkC: 90,
          maxLiftK: 90,
          sourceGlideK: 6,
          stages: 2,
        })),
        { id: 'nuijala-eboiler', kind: 'boiler', name: 'Electric boiler (Nuijala, 50 MW)', fuel: 'electric', capacityW: ELECTRIC_BOILER_W, efficiency: 0.99, rampPerS: 1 / 30 },
        {
          id: 'nuijala-accumulator',
          kind: 'storage',
          name: 'Heat accumulator (Nuijala, 800 MWh)',
          type: 'tank',
          volumeM3: accumulatorM3,
          maxChargeW: 100e6,
          maxDischargeW: 100e6,
          lossWPerK: tankLossWPerK,
          coldC: 45,
        },
        ...Array.from({ length: gasUnits }, (_, i): UnitInput => ({
          id: `gas-peak-${i + 1}`,
          kind: 'boiler',
          name: `Gas peak boiler ${i + 1}`,
          fuel: 'gas',
          capacityW: roundW(gasW / gasUnits),
          efficiency: 0.92,
        })),
      ],
    },
    {
      id: 'vermo-air',
      name: 'Vermo air-to-water heat pump plant',
      node: SITES.vermo.node,
      footprint: halls.vermo.footprint,
      heightM: halls.vermo.heightM,
      units: [
        { id: 'vermo-hp', kind: 'heatPump', name: 'Air-to-water heat pump (10 MW)', source: 'outdoor-air', capacityW: 10e6, copModel: 'lorenz', efficiency: 0.4, maxSinkC: 95, maxLiftK: 115, minSourceC: -15, sourceGlideK: 0, stages: 2 },
      ],
    },
    {
      id: 'kivenlahti-bio',
      name: 'Kivenlahti bio heat plant (wood chips)',
      node: SITES.bio.node,
      footprint: halls.bio.footprint,
      heightM: halls.bio.heightM,
      units: [
        { id: 'bio-1', kind: 'boiler', name: 'Wood-chip boiler 1', fuel: 'woodchips', capacityW: BIO_W / 2, efficiency: 0.88, minPartLoad: 0.3, rampPerS: 1 / 900 },
        { id: 'bio-2', kind: 'boiler', name: 'Wood-chip boiler 2', fuel: 'woodchips', capacityW: BIO_W / 2, efficiency: 0.88, minPartLoad: 0.3, rampPerS: 1 / 900 },
      ],
    },
    {
      id: 'reserve',
      name: 'Reserve heat plant (light fuel oil)',
      node: SITES.reserve.node,
      footprint: halls.reserve.footprint,
      heightM: halls.reserve.heightM,
      units: [{ id: 'oil-reserve', kind: 'boiler', name: 'Reserve oil boiler', fuel: 'oil', capacityW: RESERVE_W, efficiency: 0.9, reserve: true }],
    },
  ];

  const floorAreaM2 = net.buildings.reduce((a, b) => a + b.floorAreaM2, 0);
  const distM = NETWORK_ROUTE_M - net.trunkLengthM;
  const mw = (w: number) => `${round(w / 1e6, 1)} MW`;
  return {
    id: ESPOO_CLEAN_HEAT_ID,
    name: 'Espoo Clean Heat: data-centre heat for Espoo, Kauniainen and Kirkkonummi',
    description:
      'The Espoo, Kauniainen and Kirkkonummi district heating network at real scale: about 250,000 users in ' +
      `${net.blockCount} district blocks, ${round(net.trunkLengthM / 1000, 0)} km of trunk mains and the rest of the ~900 km network as ` +
      'one lumped feeder per block. Heat pumps lift the cooling air-loop heat of two Microsoft data-centre campuses to up to 95 °C, ' +
      'Suomenoja heat pumps use treated sewage, a Vermo-type air-to-water heat pump works down to -15 °C, a 50 MW electric boiler ' +
      'and an 800 MWh accumulator follow the electricity price, wood chips and gas cover the cold days. Compared with a gas-fired ' +
      'heat-only plant making the same heat.',
    assumptions: [
      `Annual heat delivered about ${ANNUAL_HEAT_WH / 1e9} GWh: assumed from ~${USERS.toLocaleString('en-US')} users x ~9.6 MWh (about 60 m2 of heated homes, offices, schools and shops per user at ~160 kWh/m2 with hot water); Espoo's figure is not among the reference figures (docs/reference-figures.md), so it is stated here. Floor areas are scaled to it with the degree-day estimate (plants.ts estimateDemand), ${round(floorAreaM2 / 1e6, 2)} million m2 in all; the simulated year credits internal and solar gains the estimate ignores, so it delivers somewhat less (about 2.25 TWh).`,
      `Districts: ${DISTRICTS.length} real districts at approximate coordinates, ${net.blockCount} blocks (one per district and use, each one node and one feeder), ages and uses by the districts' character (1950s-70s suburbs, 1980s-2000s centres, 2010s new areas, Otaniemi campus); positions are schematic.`,
      `Drawing: each block is drawn as ${net.buildings.length} buildings in all, each standing for a city block of about 15,000 m2 of footprint of its use, on a street grid around the district's coordinates, so a district reads as a district from the overview (they share their block's node and feeder; the physics sees the same floor area). Plant halls (Suomenoja hub 150 x 80 m and 40 m high, Vermo 40 x 25 m, Kivenlahti 100 x 60 m, reserve 50 x 30 m) and the data halls (200 x 100 m, 15 m high) are drawn x${LANDMARK_SCALE} (footprint and height) so they can be seen from the overview.`,
      `Network: trunk mains ${round(net.trunkLengthM / 1000, 1)} km (minimum spanning tree between districts and plants plus 4 loop links, straight distance x 1.3). The other ${round(distM / 1000, 0)} km of the ~900 km network (reference) are not drawn: each block has one 1.5 km feeder whose loss coefficient carries its share (by design heat) of ${round(distM / 1000, 0)} km x ${DISTRIBUTION_U_W_PER_MK} W/(m·K) per pipe (Brugg series 2, DN80-100 sizes, reference table), so the distribution losses are kept; Finnish networks lose 7-10 % (reference, Network).`,
      `Time step 300 s: trunk mains up to ~20 km long carry water for hours, and plug flow keeps the fronts at any step; 300 s keeps a year within seconds.`,
      `Data-centre heat pumps: ${dcUnitsList.length} x ${mw(dcW / dcUnits)} (Carnot fraction 0.5, the reference's value for high-temperature units, up to 95 °C, 3 stages), sized on the degree-day load-duration curve for ~40 % of the estimated annual production on the load-duration curve; modelled at the Suomenoja hub node because the engine tops heat-pump water up to the set-point with boilers only at the main plant; the campuses are drawn at schematic sites.`,
      `Data centres: IT load ${mw(itW)} in all (air-cooled, 25-30 °C loop, +5 % fans), sized so that their mean heat just carries the heat pumps at full output in winter (COP ${round(COP_WINTER, 2)}: Carnot fraction 0.5, 95 °C from the 20 °C loop outlet); the share used over the year (reference: about 75 %) follows from the summer, when the network needs less and dry coolers reject the rest.`,
      'Seasonal COP of the data-centre heat pumps: the reference gives 2.5-3.5 for 25-35 °C water into an 80-95 °C network and a system COP of 6.6 (heating and cooling) for the Oilon units in Espoo, i.e. a heating COP of (6.6 + 1) / 2 = 3.8 at 85 °C; in summer the network runs at 68 °C, so the seasonal COP lands at the top of or above the 2.5-3.5 range.',
      `Suomenoja heat pumps 2 x 20 + 25 MW (reference) on treated sewage, ${WASTEWATER_FLOW_KG_S} kg/s (assumed for a plant serving ~400,000 people), 8-14 °C, discharged at 2 °C (Joensuu, Lahti figures of the reference).`,
      'Air-to-water heat pump: one 10 MW unit like Fortum Vermo (reference), down to -15 °C, up to 95 °C, Carnot-fraction 0.4 (reference, air source).',
      `Nuijala: 50 MW electric boiler and an 800 MWh accumulator (reference), the tank ${accumulatorM3.toLocaleString('en-US')} m3 between 95 and 45 °C, 100 MW in and out; both run on the hourly electricity price. Modelled at the hub (only the main plant's storage is dispatched by price).`,
      `Bio heat plant ${mw(BIO_W)} of wood-chip boilers (assumed; stands for Fortum's bio-fuelled heat plants in Espoo), gas peak boilers ${gasUnits} x ${mw(gasW / gasUnits)} making firm capacity 1.1 x the ${mw(P)} design peak, reserve light-fuel-oil boiler ${mw(RESERVE_W)}.`,
      'Baseline: a natural-gas heat-only boiler plant (efficiency 0.90) making the same heat. Coal ended in Espoo in 2024 (reference), so gas is the fossil fuel the network would burn without the clean-heat plants; against the former coal plants (341 g/kWh fuel, efficiency 0.88) the avoided CO2 would be roughly twice as large.',
      'Emission factors: IPCC 2006 Vol. 2 Table 1.4 (gas 202, oil 267, coal 341 g/kWh fuel, wood 0 biogenic) and the Finnish grid residual mix 179 g/kWh (2020), all from the reference.',
      'Prices (assumptions): Finnish spot electricity averaging 45 EUR/MWh (2024 level) with winter dearer than summer, 15 EUR/MWh grid fee and tax for large plants on a high-voltage connection (electricity tax class II for heat pumps feeding district heating), wood chips 30, gas 40, oil 80 EUR/MWh of fuel, EU ETS 80 EUR/t.',
      'Climate: Helsinki-Vantaa typical year (reference, Climate) with a -23 °C design cold; supply temperature Helen-style 65-115 °C (reference, Network).',
      substationFaultsAssumption(true),
      `Map: the Gulf of Finland's shore is an approximate outline (${SHORE_POINTS} points by named shore places, ` +
        "islands not drawn, docs/geography.md), the place names at the districts' and towns' approximate " +
        'coordinates; drawn only, the simulation does not read them.',
    ],
    location: ESPOO_LOCATION,
    simulation: { start: '2025-01-01', days: 365, stepS: 300, seed: 1, loop: { start: '2025-01-13', days: 7 } },
    weather: helsinkiWeather(),
    ground: { ...HELSINKI_GROUND },
    sources,
    buildings,
    network: { nodes: net.nodes, pipes: net.pipes, dpSetpointPa: 100e3, pumpMaxHeadPa: 2.5e6, substationFaults: nordicSubstationFaults(true) },
    supplyCurve: helsinkiSupplyCurve(),
    plants,
    prices: {
      electricity: { kind: 'synthetic', meanEurPerMWh: 45, seasonality: 0.5, volatility: 0.35 },
      electricityNetworkEurPerMWh: 15,
      fuelEurPerMWh: { gas: 40, oil: 80, woodchips: 30, coal: 15 },
      co2EurPerTonne: 80,
    },
    emissions: finnishEmissions(),
    baseline: { name: 'Natural-gas heat-only boiler plant (the fossil fuel left after coal ended in 2024)', fuel: 'gas', efficiency: 0.9 },
    water: gulfOfFinland(ORIGIN),
    places: espooPlaces(ORIGIN, DISTRICTS),
  };
}
