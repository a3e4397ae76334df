import { METHODS, OPERATION_NAMES, type OperationName } from '@baton/protocol';

/** One compiled REST 1.0 route. */
interface CompiledRoute {
  operation: OperationName;
  verb: string;
  pattern: RegExp;
  names: string[];
  /** Literal characters in the template: routes with more are tried first. */
  weight: number;
}

/** A matched REST request: the operation, its path parameters and the tenant prefix if any. */
export interface RestMatch {
  operation: OperationName;
  pathParams: Record<string, string>;
  tenant: string | undefined;
}

/** What {@link matchRestRoute} found: a route, a path served with another verb, or nothing. */
export type RestMatchResult =
  | { kind: 'match'; match: RestMatch }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

function compile(operation: OperationName, verb: string, template: string): CompiledRoute {
  const names: string[] = [];
  let source = '';
  let weight = 0;
  for (const piece of template.split(/(\{[A-Za-z]+\})/)) {
    const param = /^\{([A-Za-z]+)\}$/.exec(piece);
    if (param) {
      names.push(param[1]!);
      source += '([^/]+?)';
    } else {
      source += piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      weight += piece.length;
    }
  }
  return { operation, verb, pattern: new RegExp(`^${source}$`), names, weight };
}

// `/tasks/{id}:cancel` must win over `/tasks/{id}`: try the routes with more literal text first.
const ROUTES: readonly CompiledRoute[] = OPERATION_NAMES.flatMap((operation) =>
  METHODS[operation].rest.map((route) => compile(operation, route.verb, route.path)),
).sort((a, b) => b.weight - a.weight);

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function matchPath(verb: string, path: string, allow: Set<string>): RestMatch | undefined {
  let weight = -1;
  for (const route of ROUTES) {
    // Once a path fits a route, lighter routes would only fit by swallowing its literal suffix.
    if (route.weight < weight) break;
    const found = route.pattern.exec(path);
    if (!found) continue;
    weight = route.weight;
    const values = found.slice(1).map(decode);
    if (values.some((value) => value === undefined || value === '')) continue;
    if (route.verb !== verb) {
      allow.add(route.verb);
      continue;
    }
    const pathParams = Object.fromEntries(route.names.map((name, i) => [name, values[i]!]));
    return { operation: route.operation, pathParams, tenant: undefined };
  }
  return undefined;
}

/**
 * Matches a path below the REST base against the 1.0 routes of the method table, with and
 * without a `/{tenant}` prefix (the unprefixed form wins when both fit).
 */
export function matchRestRoute(verb: string, path: string): RestMatchResult {
  const allow = new Set<string>();
  const direct = matchPath(verb, path, allow);
  if (direct) return { kind: 'match', match: direct };
  const prefixed = /^\/([^/]+)(\/.+)$/.exec(path);
  if (prefixed) {
    const tenant = decode(prefixed[1]!);
    const match = tenant ? matchPath(verb, prefixed[2]!, allow) : undefined;
    if (match) return { kind: 'match', match: { ...match, tenant } };
  }
  if (allow.size > 0) return { kind: 'method-not-allowed', allow: [...allow] };
  return { kind: 'not-found' };
}
