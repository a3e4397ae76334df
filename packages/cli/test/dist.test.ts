import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${PACKAGE_DIR}package.json`, 'utf8'));
const bin = `${PACKAGE_DIR}${manifest.bin.baton}`;

describe('the published bin', () => {
  // A bin in dist/ would not exist at install time in a checkout, so pnpm could not link it.
  it('is the committed bin/baton.js, which runs dist/cli.js built from src/cli.ts', () => {
    expect(manifest.bin).toEqual({ baton: './bin/baton.js' });
    expect(manifest.files).toContain('bin');
    expect(readFileSync(bin, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(readFileSync(bin, 'utf8')).toContain("'../dist/cli.js'");
    expect(readFileSync(`${PACKAGE_DIR}tsup.config.ts`, 'utf8')).toContain("'src/cli.ts'");
  });

  // The other tests run their own build of src/cli.ts (test/global-setup.ts); this one checks the
  // package build, which turbo's `test` task waits for.
  it('runs as a program once built', async () => {
    const program = `${PACKAGE_DIR}dist/cli.js`;
    expect(existsSync(program), `${program} is missing: run \`pnpm build\` first`).toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--version']);
    expect(stdout.trim()).toBe(manifest.version);
  });

  it('says how to build the CLI when dist/cli.js is missing', async () => {
    const unbuilt = mkdtempSync(join(tmpdir(), 'baton-unbuilt-'));
    try {
      mkdirSync(join(unbuilt, 'bin'));
      copyFileSync(bin, join(unbuilt, 'bin/baton.js'));
      writeFileSync(join(unbuilt, 'package.json'), '{ "type": "module" }');
      const run = promisify(execFile)(process.execPath, [join(unbuilt, 'bin/baton.js'), '--help']);
      await expect(run).rejects.toMatchObject({
        code: 1,
        stdout: '',
        stderr: expect.stringMatching(/the CLI is not built[^]*pnpm build/),
      });
    } finally {
      rmSync(unbuilt, { recursive: true, force: true });
    }
  });
});
