/**
 * A hint in the instructor's own words, sent to the trainees (it enters the run's record as a hint line).
 * Checked with the shared hint schema; Enter sends, Escape clears the field.
 */
import { useState, type FormEvent } from 'react';
import { hintCommandSchema } from '../../../../shared/protocol/commands';
import { CommandError, issueText, useCommand } from './useCommand';

export function HintBox() {
  const { busy, error, setError, send } = useCommand();
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSent(false);
    const parsed = hintCommandSchema.safeParse({ type: 'hint', action: 'send', text: text.trim() });
    if (!parsed.success) return setError(issueText(parsed.error.issues));
    const ack = await send(parsed.data);
    if (!ack.ok) return;
    setText('');
    setSent(true);
  }

  return (
    <form className="tr-panel ins-panel" onSubmit={(e) => void submit(e)} aria-labelledby="ins-hint-title">
      <h2 className="tr-h" id="ins-hint-title">
        Send a hint
      </h2>
      <div className="ins-row">
        <input
          aria-label="Hint text"
          className="ins-grow"
          maxLength={500}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setText('');
          }}
          placeholder="e.g. Look at the main plant"
        />
        <button type="submit" disabled={busy}>
          Send
        </button>
      </div>
      <CommandError error={error} />
      {sent && !error && (
        <p className="ins-ok" role="status">
          Sent.
        </p>
      )}
    </form>
  );
}
