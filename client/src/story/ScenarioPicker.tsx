/**
 * The scenario picker: everything in assets/scenarios (GET /api/scenarios, read when the picker opens, so new
 * scenarios show without a rebuild), with its story if it has one (GET /api/stories). "Present" opens the
 * scenario's story at chapter 1; "Watch live" runs it in a new session and opens the live twin on it (the public
 * session when it already runs that scenario). Each choice loads a fresh page: a clean session and state.
 */
import { useEffect, useState } from 'react';
import { chapterSearch, presentationStore, usePresentation } from './presentationStore';
import './story.css';

interface ScenarioEntry {
  id: string;
  name: string;
  description: string;
}
interface StoryEntry {
  scenario: string;
  title: string;
  chapters: number;
}

async function watchLive(id: string): Promise<void> {
  const sessions = (await (await fetch('/api/sessions')).json()) as { id: string; scenarioId: string; isPublic: boolean }[];
  if (sessions.some((s) => s.isPublic && s.scenarioId === id)) return location.assign('/');
  const res = await fetch('/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: id }) });
  const body = (await res.json()) as { id?: string; error?: string };
  if (!body.id) throw new Error(body.error ?? `HTTP ${res.status}`);
  location.assign(`/?${new URLSearchParams({ session: body.id })}`);
}

export function PickerButton({ className = '' }: { className?: string }) {
  return (
    <button type="button" className={`story-button ${className}`} data-testid="picker-open" onClick={() => presentationStore.getState().setPickerOpen(true)}>
      Scenarios
    </button>
  );
}

export function ScenarioPicker() {
  const open = usePresentation((s) => s.pickerOpen);
  const [scenarios, setScenarios] = useState<ScenarioEntry[] | null>(null);
  const [stories, setStories] = useState<Map<string, StoryEntry>>(new Map());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && presentationStore.getState().setPickerOpen(false);
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [open]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    Promise.all([fetch('/api/scenarios').then((r) => r.json()), fetch('/api/stories').then((r) => r.json())])
      .then(([sc, st]: [ScenarioEntry[], StoryEntry[]]) => {
        if (!live) return;
        setScenarios(sc);
        setStories(new Map(st.map((s) => [s.scenario, s])));
      })
      .catch((err: unknown) => live && setError(String(err)));
    return () => {
      live = false;
    };
  }, [open]);

  if (!open) return null;
  const close = () => presentationStore.getState().setPickerOpen(false);
  return (
    <div className="story-picker-backdrop" onClick={close}>
      <section className="story-picker story-panel" data-testid="scenario-picker" aria-label="Scenarios" onClick={(e) => e.stopPropagation()}>
        <header className="story-picker-head">
          <h2>Scenarios</h2>
          <button type="button" className="story-button" onClick={close} aria-label="Close">
            ✕
          </button>
        </header>
        {error && <p className="story-error">{error}</p>}
        {!scenarios && !error && <p>Loading…</p>}
        <ul className="story-picker-list">
          {scenarios?.map((s) => {
            const story = stories.get(s.id);
            return (
              <li key={s.id} className="story-picker-item" data-testid="picker-scenario" data-scenario={s.id}>
                <div className="story-picker-text">
                  <div className="story-picker-name">{s.name}</div>
                  <div className="story-picker-meta">{story ? `Story: ${story.title} · ${story.chapters} chapters` : 'No story yet: a short tour is made for it'}</div>
                  {s.description && <div className="story-picker-description">{s.description}</div>}
                </div>
                <div className="story-picker-actions">
                  <a className="story-button story-primary" href={`/${chapterSearch(s.id, 0)}`}>
                    Present
                  </a>
                  <button type="button" className="story-button" onClick={() => {
                      watchLive(s.id).catch((err: unknown) => setError(String(err)));
                    }}>
                    Watch live
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
