import { useEffect, useState } from 'preact/hooks';

/** The current hash route: `#/tasks/abc?state=working` → path parts and query. */
export interface Route {
  parts: string[];
  query: URLSearchParams;
}

function read(): Route {
  const hash = location.hash.replace(/^#/, '') || '/tasks';
  const [path = '', search = ''] = hash.split('?');
  return {
    parts: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(search),
  };
}

/** The current route, updated on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const update = () => setRoute(read());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** A hash link to a path with query parameters (empty ones left out). */
export function href(path: string, params: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

/** Replaces the query of the current route without adding a history entry. */
export function replaceQuery(path: string, params: Record<string, string | undefined>): void {
  history.replaceState(null, '', href(path, params));
  dispatchEvent(new HashChangeEvent('hashchange'));
}
