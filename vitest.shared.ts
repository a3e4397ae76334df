import { defineConfig } from 'vitest/config';

/**
 * Workspace packages resolve to their TypeScript sources in tests (the `@baton/source` export
 * condition), so a change in one package is seen by its dependents without a rebuild.
 */
export const sourceConditions = ['@baton/source'];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  // CI runs every package's suite at once on two cores: generous limits keep a loaded machine
  // from turning slow tests into failures. Packages may raise them further.
  // `expect.poll` (vitest's default: 1 s) waits for something to happen eventually, such as a
  // stream freed after its client left; how fast that happens is the benchmarks' business.
  test: { testTimeout: 30_000, hookTimeout: 60_000, expect: { poll: { timeout: 10_000 } } },
});
