/**
 * A row of tabs as the ARIA tabs pattern has them: the open one in the tab order, arrow keys move between
 * them. The caller keeps which is open and renders the panels, labelled with tabPanelProps.
 */
import type { KeyboardEvent } from 'react';

export interface Tab<T extends string> {
  id: T;
  label: string;
}

interface Props<T extends string> {
  tabs: ReadonlyArray<Tab<T>>;
  open: T;
  onOpen: (id: T) => void;
  /** Unique on the page (useId): the tabs' and panels' element ids start with it. */
  idBase: string;
  label: string;
  className?: string;
}

export function TabList<T extends string>({ tabs, open, onOpen, idBase, label, className }: Props<T>) {
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const at = tabs.findIndex((t) => t.id === open);
    const next = tabs[(at + step + tabs.length) % tabs.length].id;
    onOpen(next);
    document.getElementById(`${idBase}-tab-${next}`)?.focus();
  };
  return (
    <div className={className ? `tr-tabs ${className}` : 'tr-tabs'} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`${idBase}-tab-${t.id}`}
          aria-selected={open === t.id}
          aria-controls={`${idBase}-panel-${t.id}`}
          tabIndex={open === t.id ? 0 : -1}
          onClick={() => onOpen(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** The attributes of the panel of tab `id`. */
export function tabPanelProps(idBase: string, id: string) {
  return { role: 'tabpanel', id: `${idBase}-panel-${id}`, 'aria-labelledby': `${idBase}-tab-${id}` } as const;
}
