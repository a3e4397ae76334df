import { defineConfig, mergeConfig } from 'vitest/config';

import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 120_000,
      // The browser tests share one Chromium and one built front end: keep files in sequence.
      fileParallelism: false,
      // The browser tests poll the page; on a CI machine running every package's suite at once a
      // view can take seconds to settle, far past vitest's default 1 s for `expect.poll`.
      expect: { poll: { timeout: 15_000 } },
    },
  }),
);
