/**
 * Which page the address opens: the live twin (and presentations), a trainee's console, the instructor's station,
 * a run's debrief (/runs/:id) or the list of runs (/runs), or the public exhibit kiosk (/exhibit).
 */
export type Route = 'twin' | 'train' | 'instruct' | 'debrief' | 'exhibit';

export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/train') return 'train';
  if (path === '/instruct') return 'instruct';
  if (path === '/exhibit') return 'exhibit';
  if (/^\/runs(\/[^/]+)?$/.test(path)) return 'debrief';
  return 'twin';
}
