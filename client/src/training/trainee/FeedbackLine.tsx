/** The answer to the trainee's last command, announced to screen readers; a refusal shows the server's reason. */
import { useFeedback } from './feedbackStore';

export function FeedbackLine() {
  const last = useFeedback();
  return (
    <p
      className={`tr-feedback ${last && !last.ok ? 'tr-error' : ''}`}
      role="status"
      aria-live="polite"
      data-testid="feedback"
    >
      {last ? (
        <span key={last.seq}>
          <span className="tr-icon" data-shape={last.ok ? 'tick' : 'cross'} aria-hidden="true" />{' '}
          {last.text}
        </span>
      ) : (
        <span className="tr-label">Commands ask for confirmation; their answers show here.</span>
      )}
    </p>
  );
}
