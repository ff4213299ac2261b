/**
 * Night and snow for the scene, held outside React as shader uniforms every material that shows them shares (as
 * liveFrame holds the frame): `night` 0 by day to 1 at night (SunLight.tsx, through civil twilight) lights the
 * buildings' windows; `snow` 0-1 (SnowCover.tsx) whitens the ground and, when the buildings are coloured by use,
 * their roofs (`roofSnow`: a data overlay's roof colours are never covered).
 */
export const ambience = {
  night: { value: 0 },
  snow: { value: 0 },
  roofSnow: { value: 0 },
};

/** How long a cold spell must have lasted before the cover is full: the mean over the KPI history (°C). */
const FULL_COVER_MEAN_C = -3;

/**
 * Snow cover 0-1 from the outdoor temperatures of the recent past (the KPI history, up to 48 simulated hours):
 * none while their mean is at or above 0 °C, full once it is FULL_COVER_MEAN_C or colder, linear between. A display
 * rule, not a snow model: snow lies once it has been freezing for a while and melts after a thaw.
 */
export function snowCover(outdoorC: ReadonlyArray<number>): number {
  if (outdoorC.length === 0) return 0;
  const mean = outdoorC.reduce((a, b) => a + b, 0) / outdoorC.length;
  return Math.min(1, Math.max(0, mean / FULL_COVER_MEAN_C));
}
