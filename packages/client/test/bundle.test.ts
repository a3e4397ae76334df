// The published bundle must run on any runtime: build it and check it imports nothing
// Node-specific and no package but @baton/protocol.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const outDir = mkdtempSync(join(tmpdir(), 'baton-client-bundle-'));

describe('the built bundle', () => {
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('imports only @baton/protocol and uses no Node API', () => {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/tsup/dist/cli-default.js'), '--out-dir', outDir, '--no-dts'],
      {
        cwd: root,
        stdio: 'pipe',
      },
    );
    const files = readdirSync(outDir).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const code = readFileSync(join(outDir, file), 'utf8');
      const imports = [...code.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map(
        (m) => m[1],
      );
      expect(
        imports.filter((name) => !name!.startsWith('.')),
        file,
      ).toEqual(imports.filter((name) => name === '@baton/protocol'));
      expect(code, file).not.toMatch(/\bnode:|\brequire\(|\bprocess\.|\bBuffer\b|__dirname/);
    }
  }, 60_000);
});
