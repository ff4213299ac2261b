/** The parts of a run's score (server/training/score.ts) as the consoles and the debrief name them. */
import type { ScorePart } from '../../../../shared/protocol/training';

export const SCORE_PART_LABEL: Record<ScorePart, string> = {
  supply: 'Supply temperature',
  dp: 'Worst-point dp',
  indoor: 'Indoor comfort',
  unmet: 'Unmet heat',
  cost: 'Cost per MWh',
  co2: 'CO₂ per MWh',
  response: 'Malfunction response',
  ack: 'Alarm acknowledgement',
};
