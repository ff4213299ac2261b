/**
 * The run's CSV export from the page. A login cookie lets the plain link do; a token (a trainee's, or the
 * station's) must go as a Bearer header, so the file is fetched and handed to the browser as a download.
 */
export const csvPath = (runId: string): string => `/api/runs/${encodeURIComponent(runId)}/export.csv`;

/** Downloads the export with the token; the error text when the server refuses. */
export async function downloadCsv(runId: string, token: string): Promise<string | null> {
  const res = await fetch(csvPath(runId), { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
  if (!res) return 'connection: the server cannot be reached';
  if (!res.ok) return `CSV: HTTP ${res.status}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `run-${runId}.csv`;
  a.click();
  // The download reads the blob after this task; let go of it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return null;
}
