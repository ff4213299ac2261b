/** Which page the address opens: the live twin (and presentations), a trainee's console, the instructor's station. */
export type Route = 'twin' | 'train' | 'instruct';

export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/train') return 'train';
  if (path === '/instruct') return 'instruct';
  return 'twin';
}
