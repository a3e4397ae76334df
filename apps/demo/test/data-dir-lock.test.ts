import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { lockDataDir } from '../src/data-dir-lock.js';

describe('data directory lock', () => {
  it('refuses a live holder, takes over a dead one, and releases', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-lock-'));
    try {
      const release = lockDataDir(dir);
      writeFileSync(join(dir, 'demo.lock'), `${process.ppid}\n`);
      expect(() => lockDataDir(dir)).toThrow(/in use by another demo stack/);
      writeFileSync(join(dir, 'demo.lock'), '999999999\n');
      lockDataDir(dir)();
      release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
