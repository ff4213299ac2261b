/**
 * A run's score in its debrief: the total out of 100 (final, or the latest with its moment) and its breakdown.
 */
import type { LiveScore } from '../../../../shared/protocol/training';
import { ScoreBreakdownTable } from '../common/ScoreBreakdownTable';
import { minuteText } from './timeline';

export function ScoreTable({ score }: { score: LiveScore | null }) {
  if (!score) return <p className="tr-empty">No score yet: the run ended before its first.</p>;
  return (
    <>
      <p className="db-score">
        <span className="tr-label">
          {score.finished ? 'Final score' : `Latest score (${minuteText(score.atS / 60)})`}
        </span>{' '}
        <strong className="tr-num" data-testid="score-total">
          {score.total.toFixed(1)} / 100 points
        </strong>
      </p>
      <ScoreBreakdownTable score={score} className="db-score-table" />
    </>
  );
}
