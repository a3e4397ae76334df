import { type NodeServer, serveNode } from '@baton/transport-http/node';

import { createConsoleApp } from './console-app.js';
import { type ConsoleOptions } from './options.js';
import { isLocalHost } from './server/access.js';

/** Options of {@link startConsole}: the app's options plus where to listen. */
export interface StartConsoleOptions extends ConsoleOptions {
  /**
   * Interface to listen on. Anything but `127.0.0.1`, `localhost` or `::1` requires `token`.
   * @default '127.0.0.1'
   */
  host?: string | undefined;
  /**
   * TCP port; 0 picks a free one.
   * @default 4100
   */
  port?: number | undefined;
}

/** A running console. */
export interface RunningConsole extends NodeServer {
  /** The address to open, with `?token=` when a token is set. */
  openUrl: string;
}

/**
 * Serves the console on Node and resolves once it listens. Refuses to listen beyond localhost
 * without a token.
 * @example
 * const console_ = await startConsole({ store, agents, port: 4100 });
 * console.log(`Console: ${console_.openUrl}`);
 */
export async function startConsole(options: StartConsoleOptions = {}): Promise<RunningConsole> {
  const host = options.host ?? '127.0.0.1';
  if (!isLocalHost(host) && !options.token) {
    throw new TypeError(`a token is required to serve the console on ${host} (not localhost)`);
  }
  const app = createConsoleApp(options);
  const server = await serveNode(app, { hostname: host, port: options.port ?? 4100 });
  const shown =
    isLocalHost(host) || host === '0.0.0.0' || host === '::'
      ? server.url.replace(/\/\/(0\.0\.0\.0|\[::\])/, '//127.0.0.1')
      : server.url;
  const openUrl = options.token
    ? `${shown}/?token=${encodeURIComponent(options.token)}`
    : `${shown}/`;
  return { ...server, openUrl };
}
