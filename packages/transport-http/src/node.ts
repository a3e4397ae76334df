import { type AddressInfo } from 'node:net';

import { serve } from '@hono/node-server';

/** Anything with a fetch handler, such as the hono app of `createA2AHono`. */
export interface FetchApp {
  fetch(request: Request, ...rest: never[]): Response | Promise<Response>;
}

/** Options of {@link serveNode}. */
export interface ServeNodeOptions {
  /**
   * TCP port; 0 picks a free one (read it from `url`).
   * @default 0
   */
  port?: number;
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  hostname?: string;
}

/** A running Node server. */
export interface NodeServer {
  /** The listening base URL, e.g. `http://127.0.0.1:4101`. */
  url: string;
  port: number;
  /** Stops accepting connections, ends open ones (SSE streams included), and resolves when done. */
  close(): Promise<void>;
}

/**
 * Serves a fetch app on Node with `@hono/node-server`, resolving once it listens. Prints nothing.
 * @example
 * const server = await serveNode(createA2AHono(handler), { port: 4101 });
 * console.log(`${server.url}/.well-known/agent-card.json`);
 */
export function serveNode(app: FetchApp, options: ServeNodeOptions = {}): Promise<NodeServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: (request: Request) => app.fetch(request), port: options.port ?? 0, hostname },
      (info: AddressInfo) => {
        server.off('error', reject);
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        let closing: Promise<void> | undefined;
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: () =>
            (closing ??= new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              if ('closeAllConnections' in server) server.closeAllConnections();
            })),
        });
      },
    );
    server.once('error', reject);
  });
}
