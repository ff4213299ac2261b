/** Options of the default scenario, `espoo-district` (assets/scenarios/espoo-district.json, written by cli.ts). */
import type { CityOptions } from './city';

export const ESPOO_DISTRICT = {
  seed: 1,
  buildings: 275,
  id: 'espoo-district',
  name: 'Espoo district (synthetic): waste heat from a data-centre campus',
} as const satisfies CityOptions;
