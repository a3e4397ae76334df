import { fileURLToPath } from 'node:url';

import { build } from 'tsup';

/** Where the tests' build of the CLI goes (inside the package, so its dependencies resolve). */
export const TEST_BUILD_DIR = fileURLToPath(
  new URL('../node_modules/.cache/baton-cli-test', import.meta.url),
);

/**
 * Builds `src/cli.ts` the way the package build does (tsup, ESM, shebang), with the workspace's
 * `@baton/*` packages bundled from their sources, so the tests run the real program as a plain
 * `node` process and see every workspace change without a rebuild.
 */
export default async function setup(): Promise<void> {
  await build({
    entry: { cli: fileURLToPath(new URL('../src/cli.ts', import.meta.url)) },
    outDir: TEST_BUILD_DIR,
    format: ['esm'],
    platform: 'node',
    target: 'es2022',
    clean: true,
    dts: false,
    silent: true,
    // `ws` stays external; @baton/console is loaded by a computed specifier, never bundled.
    noExternal: [/^@baton\/(client|protocol|transport-ws|server)/],
    esbuildOptions(options) {
      options.conditions = ['@baton/source'];
    },
  });
}
