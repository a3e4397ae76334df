import { defineConfig, mergeConfig } from 'vitest/config';

import shared from '../../vitest.shared.js';

/** Tests of the runtime-neutral core that use no Node APIs: they also run in an edge-like VM. */
const neutral = ['test/connection.test.ts'];

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      testTimeout: 20_000,
      hookTimeout: 20_000,
      projects: [
        {
          extends: true,
          test: { name: 'node', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
        },
        { extends: true, test: { name: 'edge', include: neutral, environment: 'edge-runtime' } },
      ],
    },
  }),
);
