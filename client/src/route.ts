/**
 * Which page the address opens: the live twin (and presentations), a trainee's console, the instructor's station,
 * a run's debrief (/runs/:id) or the list of runs (/runs).
 */
export type Route = 'twin' | 'train' | 'instruct' | 'debrief';

export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/train') return 'train';
  if (path === '/instruct') return 'instruct';
  if (/^\/runs(\/[^/]+)?$/.test(path)) return 'debrief';
  return 'twin';
}
