import { defineConfig, mergeConfig } from 'vitest/config';

import shared from '../../vitest.shared.js';

const include = ['src/**/*.test.ts', 'test/**/*.test.ts'];

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      projects: [
        { extends: true, test: { name: 'node', include } },
        {
          // The client must run unchanged on edge runtimes: its core tests again in an edge-like VM.
          extends: true,
          test: {
            name: 'edge',
            include: ['src/**/*.test.ts'],
            exclude: ['**/*.node.test.ts', '**/node_modules/**'],
            environment: 'edge-runtime',
          },
        },
      ],
    },
  }),
);
