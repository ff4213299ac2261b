/** Energy unit conversions: the core books joules (SI); tariffs, emission factors and reports speak kWh and MWh. */
export const J_PER_KWH = 3.6e6;
export const J_PER_MWH = 3.6e9;
