/**
 * The Gulf of Finland off Espoo, Kauniainen and Kirkkonummi, and the towns round them, for espoo-clean-heat's map.
 *
 * The shore is an approximate outline drawn by hand (docs/geography.md): one point at the approximate coordinates
 * of each named shore place, west to east from the Inkoo archipelago past Porkkala, Kirkkonummi's bays, Espoo's
 * shore (Kivenlahti, the Saunalahti and Espoonlahti bays, Soukka, Kaitaa, Suomenoja, Matinkylä, Westend,
 * Keilaniemi, Otaniemi and Laajalahti) and Helsinki's to Sipoo. It is not traced from survey data: expect it off
 * by a few hundred metres, and islands are not drawn. The sea closes to the south along Estonia's north coast
 * (three points at Tallinn's latitude, out of sight in the overview's haze). Every district lies on land
 * (test/generator.test.ts).
 */
import type { ScenarioInput } from '../../../shared/scenario/schema';
import { project, type DistrictSpec, type LatLon } from './districtNetwork';

type Water = NonNullable<ScenarioInput['water']>[number];
type Place = NonNullable<ScenarioInput['places']>[number];

/** [latitude, longitude] in degrees, west to east, the sea to the south. */
const SHORE: ReadonlyArray<readonly [number, number]> = [
  [59.95, 23.5], // Ekenäs archipelago, the map's west edge
  [60.03, 24.0], // Inkoo
  [60.06, 24.22], // Pikkala bay
  [60.02, 24.33], // Porkkala, west shore
  [59.98, 24.4], // Porkkalanniemi
  [60.05, 24.42], // Porkkala, east shore
  [60.085, 24.38], // Kantvik
  [60.112, 24.44], // Kirkkonummi bay, south of the centre
  [60.09, 24.49],
  [60.115, 24.535], // Sarvvik
  [60.125, 24.58], // Stensvik, Espoo's west end
  [60.127, 24.588],
  [60.146, 24.592], // Saunalahti bay
  [60.129, 24.6],
  [60.127, 24.63], // Kivenlahti
  [60.13, 24.641],
  [60.142, 24.65], // Espoonlahti bay
  [60.129, 24.663],
  [60.126, 24.676], // Soukanniemi
  [60.138, 24.692], // Iivisniemi
  [60.145, 24.706], // Kaitaa
  [60.157, 24.716], // Finnoo bay at Suomenoja
  [60.149, 24.74], // Matinkylä, Nuottaniemi
  [60.15, 24.77], // Haukilahti
  [60.152, 24.795], // Westend
  [60.166, 24.818], // Keilalahti
  [60.17, 24.836], // Keilaniemi
  [60.184, 24.846], // Otaniemi's east shore
  [60.203, 24.852], // Laajalahti bay
  [60.195, 24.875], // Munkkiniemi
  [60.182, 24.886], // Seurasaari
  [60.163, 24.905], // Lapinlahti
  [60.15, 24.925], // Hernesaari
  [60.156, 24.956], // Kaivopuisto
  [60.166, 24.976], // Katajanokka
  [60.185, 24.985], // Kalasatama
  [60.198, 25.06], // Herttoniemi
  [60.205, 25.15], // Vuosaari
  [60.22, 25.35], // Sipoo
  [60.28, 25.8], // Porvoo archipelago, the map's east edge
];

export const SHORE_POINTS = SHORE.length;

/** Estonia's north coast, east to west, closing the sea. */
const FAR_SHORE: ReadonlyArray<readonly [number, number]> = [
  [59.55, 25.8],
  [59.47, 24.75], // Tallinn
  [59.4, 23.5],
];

/** Towns beyond the network's districts (town halls or centres, approximate). */
const TOWNS: ReadonlyArray<{ name: string; latDeg: number; lonDeg: number }> = [
  { name: 'Helsinki', latDeg: 60.1699, lonDeg: 24.9384 },
  { name: 'Vantaa', latDeg: 60.2925, lonDeg: 25.044 },
  { name: 'Siuntio', latDeg: 60.1383, lonDeg: 24.2267 },
];

/** Districts that are towns of their own (the scenario's network covers three municipalities). */
const TOWN_DISTRICTS = new Set(['kauniainen', 'kirkkonummi']);

const toPoint = (origin: LatLon, [latDeg, lonDeg]: readonly [number, number]) => {
  const [x, y] = project(origin, { latDeg, lonDeg });
  return [Math.round(x), Math.round(y)] as [number, number];
};

/** The gulf as one polygon in the scenario's frame (metres east and north of `origin`). */
export function gulfOfFinland(origin: LatLon): Water[] {
  return [{ name: 'Gulf of Finland', polygon: [...SHORE, ...FAR_SHORE].map((p) => toPoint(origin, p)) }];
}

/** The districts' names at their coordinates, the towns round them, and the gulf's name out at sea. */
export function espooPlaces(origin: LatLon, districts: ReadonlyArray<DistrictSpec>): Place[] {
  return [
    ...districts.map((d): Place => ({
      name: d.name,
      kind: TOWN_DISTRICTS.has(d.id) ? 'town' : 'district',
      at: toPoint(origin, [d.latDeg, d.lonDeg]),
    })),
    ...TOWNS.map((t): Place => ({ name: t.name, kind: 'town', at: toPoint(origin, [t.latDeg, t.lonDeg]) })),
    { name: 'Gulf of Finland', kind: 'water', at: toPoint(origin, [60.12, 24.8]) },
  ];
}
