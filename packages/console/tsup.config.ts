import { defineConfig, type Options } from 'tsup';

/** The browser bundle: Preact UI, `@baton/client` and the protocol schemas, split per view. */
export const uiBuild: Options = {
  entry: { main: 'src/ui/main.tsx' },
  outDir: 'dist/public',
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  splitting: true,
  minify: true,
  sourcemap: false,
  dts: false,
  clean: true,
  noExternal: [/.*/],
  publicDir: 'src/ui/static',
  esbuildOptions(options) {
    options.jsx = 'automatic';
    options.jsxImportSource = 'preact';
    options.chunkNames = 'chunks/[name]-[hash]';
    options.conditions = ['@baton/source', 'browser', 'import'];
  },
};

export default defineConfig([
  {
    entry: ['src/index.ts'],
    tsconfig: 'tsconfig.build.json',
    format: ['esm'],
    dts: true,
    clean: false,
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
  },
  uiBuild,
]);
