/**
 * The live score (the run against the automation's reference up to now, server/training/score.ts): the total
 * out of 100, and per part its weight, its score and the points it brings (100·w·s/Σw), less the hint points.
 */
import { useTraining } from '../../state/trainingStore';
import { SCORE_PART_LABEL } from '../common/scoreParts';

export function ScorePanel() {
  const score = useTraining((s) => s.score);
  const weights = score ? score.parts.reduce((sum, p) => sum + p.weight, 0) : 0;
  return (
    <section className="tr-panel ins-panel" aria-labelledby="ins-score-title">
      <h2 className="tr-h" id="ins-score-title">
        Score
        <span className="tr-spacer ins-score-total tr-num" data-testid="score-total">
          {score ? `${score.total.toFixed(1)} / 100 points` : '—'}
        </span>
      </h2>
      {score && (
        <table className="tr-table">
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
              <th scope="row">Hints</th>
              <td />
              <td />
              <td className="tr-num">{score.hintPoints > 0 ? `−${score.hintPoints.toFixed(1)}` : '0.0'}</td>
            </tr>
          </tbody>
        </table>
      )}
      {score?.finished && <p className="ins-ok">Final: the exercise has ended.</p>}
    </section>
  );
}
