/**
 * Properties of district heating water, held constant over the network's range (40-120 °C).
 * Reference (docs/reference-figures.md, Network): c_p about 4180 J/(kg·K), 4190 at 60-90 °C;
 * density about 970 kg/m3 at 80 °C. Dynamic viscosity 3.5e-4 Pa·s at 80 °C (IAPWS; 3.55e-4 at 80 °C).
 */
export const WATER_CP_J_PER_KG_K = 4190;
export const WATER_DENSITY_KG_PER_M3 = 970;
export const WATER_VISCOSITY_PA_S = 3.5e-4;
export const KELVIN = 273.15;

export interface Fluid {
  densityKgM3: number;
  viscosityPaS: number;
  cpJPerKgK: number;
}

export const DH_WATER: Fluid = {
  densityKgM3: WATER_DENSITY_KG_PER_M3,
  viscosityPaS: WATER_VISCOSITY_PA_S,
  cpJPerKgK: WATER_CP_J_PER_KG_K,
};
