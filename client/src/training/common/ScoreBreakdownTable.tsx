/**
 * A score's breakdown (server/training/score.ts): per part its weight, its score (%) and the points it brings
 * (100·w·s/Σw), then the hint points taken off. The instructor's live score and a run's debrief show it alike.
 */
import type { ScoreBreakdown } from '../../../../shared/protocol/training';
import { SCORE_PART_LABEL } from './scoreParts';

export function ScoreBreakdownTable({ score, className = '' }: { score: ScoreBreakdown; className?: string }) {
  const weights = score.parts.reduce((sum, p) => sum + p.weight, 0);
  return (
    <table className={`tr-table ${className}`} data-testid="score-parts">
      <thead>
        <tr>
          <th scope="col">Part</th>
          <th scope="col">Weight</th>
          <th scope="col">Score (%)</th>
          <th scope="col">Points</th>
        </tr>
      </thead>
      <tbody>
        {score.parts.map((p) => (
          <tr key={p.part}>
            <th scope="row">{SCORE_PART_LABEL[p.part]}</th>
            <td className="tr-num">{p.weight}</td>
            <td className="tr-num">{(p.score * 100).toFixed(0)} %</td>
            <td className="tr-num">{weights > 0 ? ((100 * p.weight * p.score) / weights).toFixed(1) : '—'}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">Hints (points off)</th>
          <td />
          <td />
          <td className="tr-num">{score.hintPoints > 0 ? `−${score.hintPoints.toFixed(1)}` : '0.0'}</td>
        </tr>
      </tbody>
    </table>
  );
}
