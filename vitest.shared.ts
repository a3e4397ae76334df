import { defineConfig } from 'vitest/config';

/**
 * Workspace packages resolve to their TypeScript sources in tests (the `@baton/source` export
 * condition), so a change in one package is seen by its dependents without a rebuild.
 */
export const sourceConditions = ['@baton/source'];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
});
