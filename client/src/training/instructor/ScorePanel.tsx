/**
 * The live score (the run against the automation's reference up to now, server/training/score.ts): the total
 * out of 100, and per part its weight, its score and the points it brings (100·w·s/Σw), less the hint points.
 */
import { useTraining } from '../../state/trainingStore';
import { ScoreBreakdownTable } from '../common/ScoreBreakdownTable';

export function ScorePanel() {
  const score = useTraining((s) => s.score);
  return (
    <section className="tr-panel ins-panel" aria-labelledby="ins-score-title">
      <h2 className="tr-h" id="ins-score-title">
        Score
        <span className="tr-spacer ins-score-total tr-num" data-testid="score-total">
          {score ? `${score.total.toFixed(1)} / 100 points` : '—'}
        </span>
      </h2>
      {score && <ScoreBreakdownTable score={score} />}
      {score?.finished && <p className="ins-ok">Final: the exercise has ended.</p>}
    </section>
  );
}
