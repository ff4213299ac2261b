/**
 * A run's score in its debrief: the total out of 100 (final, or the latest with its moment), and per part its
 * weight and its score (%), less the hint points.
 */
import type { LiveScore } from '../../../../shared/protocol/training';
import { SCORE_PART_LABEL } from '../common/scoreParts';
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
      <table className="tr-table db-score-table" data-testid="score-parts">
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Weight</th>
            <th scope="col">Score (%)</th>
          </tr>
        </thead>
        <tbody>
          {score.parts.map((p) => (
            <tr key={p.part}>
              <th scope="row">{SCORE_PART_LABEL[p.part]}</th>
              <td className="tr-num">{p.weight}</td>
              <td className="tr-num">{(p.score * 100).toFixed(0)} %</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Hints (points off)</th>
            <td />
            <td className="tr-num">{score.hintPoints > 0 ? `−${score.hintPoints.toFixed(1)}` : '0.0'}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}
