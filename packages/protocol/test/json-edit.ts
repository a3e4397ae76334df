/** Path segments of a field path such as `message.parts[0].text`. */
export function parsePath(path: string): (string | number)[] {
  if (path === '') return [];
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(match[2] === undefined ? match[1]! : Number(match[2]));
  }
  return segments;
}

type Container = Record<string | number, unknown>;

function walk(value: unknown, segments: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Container)[segment];
  }
  return current;
}

/** The value at a field path, or undefined. */
export function getAt(value: unknown, path: string): unknown {
  return walk(value, parsePath(path));
}

/** Whether the object at the parent path has the last segment as an own key. */
export function hasAt(value: unknown, path: string): boolean {
  const segments = parsePath(path);
  const parent = walk(value, segments.slice(0, -1));
  return parent !== null && typeof parent === 'object' && Object.hasOwn(parent, segments.at(-1)!);
}

function parentOf(value: unknown, path: string): [Container, string | number] {
  const segments = parsePath(path);
  const parent = walk(value, segments.slice(0, -1));
  if (parent === null || typeof parent !== 'object') throw new Error(`no object at ${path}`);
  return [parent as Container, segments.at(-1)!];
}

/** Changes to apply to a copy of a JSON payload, in the order rename, del, set. */
export interface JsonEdit {
  /** Moves a field to a new key of the same object: `{ 'message.messageId': 'message_id' }`. */
  rename?: Record<string, string>;
  /** Removes fields. */
  del?: string[];
  /** Sets fields, creating none of the intermediate objects. */
  set?: Record<string, unknown>;
}

/** Applies an edit to a deep copy of a JSON value. */
export function applyEdit(value: unknown, edit: JsonEdit): unknown {
  const copy = structuredClone(value);
  for (const [path, key] of Object.entries(edit.rename ?? {})) {
    const [parent, last] = parentOf(copy, path);
    if (!Object.hasOwn(parent, last)) throw new Error(`nothing to rename at ${path}`);
    parent[key] = parent[last];
    delete parent[last];
  }
  for (const path of edit.del ?? []) {
    const [parent, last] = parentOf(copy, path);
    if (!Object.hasOwn(parent, last)) throw new Error(`nothing to delete at ${path}`);
    delete parent[last];
  }
  for (const [path, next] of Object.entries(edit.set ?? {})) {
    const [parent, last] = parentOf(copy, path);
    parent[last] = next;
  }
  return copy;
}
