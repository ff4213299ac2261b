/**
 * The debrief pages: /runs/:id shows one run to its instructor or one of its trainees, /runs lists the
 * instructor's runs. Without a login or a trainee's join in this tab, a clear word and the way to log in.
 */
import '../common/training.css';
import './debrief.css';
import { useEffect, useState } from 'react';
import { runIdSchema } from '../../../../shared/protocol/runs';
import { debriefReader, type Reader } from './access';
import { RunDebrief } from './RunDebrief';
import { RunList } from './RunList';

/** The run the address names: null for the list, or the id's error. */
function runIdOf(pathname: string): { id: string | null } | { error: string } {
  const raw = /^\/runs\/([^/]+)\/?$/.exec(pathname)?.[1];
  if (raw === undefined) return { id: null };
  const id = runIdSchema.safeParse(decodeURIComponent(raw));
  return id.success ? { id: id.data } : { error: `id: ${id.error.issues[0].message}` };
}

export function DebriefPage() {
  const [target] = useState(() => runIdOf(location.pathname));
  const [reader, setReader] = useState<Reader | null | undefined>(undefined);
  useEffect(() => {
    if ('id' in target) void debriefReader(target.id).then(setReader);
  }, [target]);

  let body;
  if ('error' in target)
    body = (
      <p className="db-error" role="alert">
        {target.error}
      </p>
    );
  else if (reader === undefined) body = <p className="tr-empty">Checking who you are…</p>;
  else if (reader === null || (target.id === null && reader.kind !== 'instructor'))
    body = (
      <div className="db-report db-denied" role="alert">
        <h1>Log in to read this debrief</h1>
        <p>
          A run's debrief is for its instructor and its trainees. Instructors: log in at the{' '}
          <a href="/instruct">instructor station</a> in this tab, then open this page again. Trainees: open it from the
          tab you joined the run in.
        </p>
      </div>
    );
  else body = target.id === null ? <RunList token={reader.token} /> : <RunDebrief runId={target.id} reader={reader} />;
  return <main className="tr-root db-page">{body}</main>;
}
