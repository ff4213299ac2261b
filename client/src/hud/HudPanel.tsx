/**
 * A HUD panel whose title is a disclosure button: the whole title bar (at least 44 px tall) collapses the panel
 * to it or opens it again (panelStore; Enter or Space from the keyboard), with aria-expanded saying which. A
 * collapsed panel's content stays mounted, only hidden, so its charts keep the series they have collected and
 * come back as they were. `headExtra` goes beside the title (the selection's close button).
 * In the narrow screen's bottom sheet (panelStore's `sheet`) only the open panel shows, opened from the sheet's
 * tabs (Hud.tsx); its title bar lowers the sheet to them again.
 */
import type { ReactNode } from 'react';
import { panelStore, usePanels, useSheetLayout, type HudPanel as PanelId } from './panelStore';

interface Props {
  id: PanelId;
  title: string;
  /** The section's name for assistive technology, when it says more than the title. */
  label?: string;
  className?: string;
  headExtra?: ReactNode;
  testId?: string;
  children: ReactNode;
}

export function HudPanel({ id, title, label, className, headExtra, testId, children }: Props) {
  const inSheet = useSheetLayout();
  const collapsed = usePanels((s) => (inSheet ? s.sheet !== id : s.collapsed[id]));
  const bodyId = `hud-panel-${id}`;
  const toggle = () => (inSheet ? panelStore.getState().setSheet(null) : panelStore.getState().toggle(id));
  return (
    <section
      className={`hud-panel hud-panel-${id}${collapsed ? ' hud-collapsed' : ''}${className ? ` ${className}` : ''}`}
      aria-label={label ?? title}
      data-panel={id}
      data-testid={testId}
      hidden={inSheet && collapsed}
    >
      <div className="hud-panel-head">
        <h2 className="hud-h">
          <button
            type="button"
            className="hud-collapse"
            aria-expanded={!collapsed}
            aria-controls={bodyId}
            data-testid="panel-toggle"
            onClick={toggle}
          >
            <span className="hud-collapse-title">{title}</span>
            <span className="hud-chevron" aria-hidden="true" />
          </button>
        </h2>
        {headExtra}
      </div>
      <div id={bodyId} className="hud-panel-body" hidden={collapsed}>
        {children}
      </div>
    </section>
  );
}
