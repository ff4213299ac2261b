/**
 * The page at `/` until the 3D client is built (client/dist): what runs, and where to look. Values are
 * escaped; the page refreshes itself every 5 s.
 */
import type { SessionInfo } from '../session/session';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function statusPage(sessions: SessionInfo[], clients: number): string {
  const rows = sessions
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.id)}</td><td>${escapeHtml(s.scenarioId)}</td><td>${escapeHtml(s.status)}</td>` +
        `<td>${escapeHtml(String(s.speed))}</td><td>${(s.simTimeS / 86400).toFixed(3)}</td><td>${s.clients ?? 0}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>HeatTwin server</title><style>body{font-family:system-ui,sans-serif;margin:2rem}td,th{padding:.2rem .8rem;text-align:left}</style></head>
<body><h1>HeatTwin live server</h1><p>${clients} connected client(s). The 3D client is not built (client/dist is missing).</p>
<table><tr><th>session</th><th>scenario</th><th>status</th><th>speed</th><th>sim day</th><th>clients</th></tr>${rows}</table>
<p><a href="/api/health">/api/health</a> · <a href="/api/scenarios">/api/scenarios</a> · <a href="/api/sessions">/api/sessions</a> · <a href="/metrics">/metrics</a></p>
</body></html>`;
}
