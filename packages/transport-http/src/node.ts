import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

import { getRequestListener } from '@hono/node-server';

import { NodeSseHost } from './node-sse.js';
import { SSE_HOST, type SseHostSource } from './sse.js';

/** The env a Node server passes to `app.fetch(request, env)` (hono's `c.env`). */
export interface NodeFetchEnv {
  incoming: IncomingMessage;
  outgoing: ServerResponse;
  /** Gives Baton's SSE writer for this request on first use; absent when native SSE is off. */
  [SSE_HOST]?: SseHostSource;
}

/** Where the SSE writer of a request is kept once created. */
const NODE_SSE_HOST = Symbol('NodeSseHost');

interface NativeSseEnv extends NodeFetchEnv {
  [NODE_SSE_HOST]?: NodeSseHost;
}

/** Creates a request's {@link NodeSseHost} when a binding first asks for it: only streams do. */
const nodeSseHosts: SseHostSource = {
  hostFor: (env) =>
    ((env as NativeSseEnv)[NODE_SSE_HOST] ??= new NodeSseHost((env as NativeSseEnv).outgoing)),
};

/** Anything with a fetch handler, such as the hono app of `createA2AHono`. */
export interface FetchApp {
  fetch(request: Request, env: NodeFetchEnv): Response | Promise<Response>;
}

/** Options of {@link createNodeRequestListener}. */
export interface NodeRequestListenerOptions {
  /**
   * Write SSE streams straight to Node's `ServerResponse` (less memory per open stream, fewer
   * writes per event). `false` streams them through the web `Response` body, as on other
   * runtimes; the bytes on the wire are the same.
   * @default true
   */
  nativeSse?: boolean;
}

/** Options of {@link serveNode}. */
export interface ServeNodeOptions extends NodeRequestListenerOptions {
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
  /** The Node HTTP server, e.g. to attach the WebSocket binding to. */
  server: Server;
  /** Stops accepting connections, ends open ones (SSE streams included), and resolves when done. */
  close(): Promise<void>;
}

/**
 * A Node request listener serving a fetch app through `@hono/node-server`, with Baton's SSE
 * streams written straight to the response (see {@link NodeRequestListenerOptions.nativeSse}).
 * For your own `http.createServer`; {@link serveNode} does it all.
 * @example
 * const server = createServer(createNodeRequestListener(createA2AHono(handler)));
 * attachWebSocketServer(server, handler);
 * server.listen(4101);
 */
export function createNodeRequestListener(
  app: FetchApp,
  options: NodeRequestListenerOptions = {},
): (incoming: IncomingMessage, outgoing: ServerResponse) => void {
  const native = options.nativeSse ?? true;
  const listener = getRequestListener((request, bindings) => {
    // createServer gives HTTP/1 bindings.
    const env = bindings as NativeSseEnv;
    if (!native) return app.fetch(request, env);
    env[SSE_HOST] = nodeSseHosts;
    // A stream starts once the app (and any middleware around it) has its final response.
    return Promise.resolve(app.fetch(request, env)).then(
      (response) => env[NODE_SSE_HOST]?.take(response) ?? response,
      (error: unknown) => {
        env[NODE_SSE_HOST]?.abandon();
        throw error;
      },
    );
  });
  return (incoming, outgoing) => void listener(incoming, outgoing);
}

/**
 * Serves a fetch app on Node with `@hono/node-server`, resolving once it listens. Prints nothing.
 * @example
 * const server = await serveNode(createA2AHono(handler), { port: 4101 });
 * console.log(`${server.url}/.well-known/agent-card.json`);
 */
export function serveNode(app: FetchApp, options: ServeNodeOptions = {}): Promise<NodeServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  const server = createServer(createNodeRequestListener(app, options));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject);
      const info = server.address() as AddressInfo;
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      let closing: Promise<void> | undefined;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        server,
        close: () =>
          (closing ??= new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          })),
      });
    });
  });
}
