import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.json': 'application/json',
};

/** The built front end: `public/` beside the built server, else `dist/public` of the package. */
export function defaultPublicDir(): string | undefined {
  const candidates = [
    new URL('./public/', import.meta.url),
    new URL('../../dist/public/', import.meta.url),
  ];
  for (const candidate of candidates) {
    const dir = fileURLToPath(candidate);
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return undefined;
}

const MISSING =
  '<!doctype html><title>Baton console</title><p>The console front end is not built: run ' +
  '<code>pnpm --filter @baton/console build</code>.</p>';

/**
 * Serves the front end: files by path, and `index.html` for every other page path (the UI
 * routes in the hash). File contents are read once and kept.
 */
export function serveStatic(app: Hono, publicDir: string | undefined): void {
  const cache = new Map<string, Promise<Uint8Array | undefined>>();
  const load = (relative: string) => {
    let entry = cache.get(relative);
    if (!entry) {
      const file = normalize(join(publicDir!, relative));
      entry = file.startsWith(normalize(publicDir! + sep))
        ? readFile(file).then(
            (b) => new Uint8Array(b),
            () => undefined,
          )
        : Promise.resolve(undefined);
      cache.set(relative, entry);
    }
    return entry;
  };
  app.get('*', async (c) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/api/')) return c.json({ error: 'not found' }, 404);
    if (!publicDir) return c.html(MISSING, 503);
    const ext = extname(path);
    const relative = ext ? path.slice(1) : 'index.html';
    const bytes = await load(relative);
    if (!bytes) return c.text('not found', 404);
    const hashed = /-[A-Z0-9]{8}\.(js|css)$/i.test(path);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': TYPES[extname(relative)] ?? 'application/octet-stream',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...(relative === 'index.html' && {
        'Content-Security-Policy':
          "default-src 'self'; img-src 'self' data: blob:; media-src 'self' data: blob:; " +
          "style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
      }),
    });
  });
}
