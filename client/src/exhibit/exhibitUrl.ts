/**
 * Which exhibit document the kiosk shows: `/exhibit?config=<id>` names assets/exhibits/<id>.json, default
 * DEFAULT_EXHIBIT. An id the server could not have (bad characters, too long) falls back to the default rather
 * than leaving the kiosk without a screen.
 */
import { z } from 'zod';

export const DEFAULT_EXHIBIT = 'espoo';

const urlSchema = z.object({
  config: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/)
    .catch(DEFAULT_EXHIBIT)
    .default(DEFAULT_EXHIBIT),
});

export function exhibitIdFromUrl(search: string): string {
  return urlSchema.parse({ config: new URLSearchParams(search).get('config') ?? undefined }).config;
}
