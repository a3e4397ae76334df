import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { cliCommand, tryItLines } from '../src/banner.js';

describe('the banner', () => {
  it('suggests npx baton, the built CLI, or curl, whichever works from the root', () => {
    const root = mkdtempSync(join(tmpdir(), 'baton-root-'));
    try {
      expect(cliCommand(root)).toBeUndefined();
      expect(tryItLines('http://127.0.0.1:4104', undefined).join('\n')).toContain(
        'curl -s http://127.0.0.1:4104/a2a/rest/message:send',
      );
      // The bin is linked at install, before the CLI is built: not enough on its own.
      mkdirSync(join(root, 'node_modules/.bin'), { recursive: true });
      writeFileSync(join(root, 'node_modules/.bin/baton'), '');
      expect(cliCommand(root)).toBeUndefined();
      mkdirSync(join(root, 'packages/cli/dist'), { recursive: true });
      writeFileSync(join(root, 'packages/cli/dist/cli.js'), '');
      expect(cliCommand(root)).toBe('npx baton');
      rmSync(join(root, 'node_modules'), { recursive: true });
      expect(cliCommand(root)).toBe('node packages/cli/dist/cli.js');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
