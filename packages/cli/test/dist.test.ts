import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${PACKAGE_DIR}package.json`, 'utf8'));
const bin = `${PACKAGE_DIR}${manifest.bin.baton}`;

describe('the published bin', () => {
  it('is dist/cli.js, built from src/cli.ts with a shebang', () => {
    expect(manifest.bin).toEqual({ baton: './dist/cli.js' });
    expect(readFileSync(`${PACKAGE_DIR}src/cli.ts`, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(readFileSync(`${PACKAGE_DIR}tsup.config.ts`, 'utf8')).toContain("'src/cli.ts'");
  });

  // The other tests run their own build of src/cli.ts (test/global-setup.ts); this one checks the
  // package build, which turbo's `test` task waits for.
  it('runs as a program once built', async () => {
    expect(existsSync(bin), `${bin} is missing: run \`pnpm build\` first`).toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--version']);
    expect(stdout.trim()).toBe(manifest.version);
  });
});
