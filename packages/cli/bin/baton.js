#!/usr/bin/env node
// The `baton` bin. The program itself is built into dist/; this small file is committed so that a
// package manager can link the bin at install time, before anything is built in a checkout.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const program = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(program)) {
  process.stderr.write(
    `baton: the CLI is not built (${fileURLToPath(program)} is missing).\n` +
      'Build it from the repository root: pnpm build (or pnpm turbo run build --filter @baton/cli...)\n',
  );
  process.exit(1);
}
await import(program.href);
