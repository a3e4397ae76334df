import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll } from 'vitest';

/** A fresh directory under the OS temp dir, removed after the test file. */
export function tempDir(prefix = 'baton-sqlite-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A database path in a fresh temp directory. */
export function tempDatabase(name = 'baton.sqlite'): string {
  return join(tempDir(), name);
}
