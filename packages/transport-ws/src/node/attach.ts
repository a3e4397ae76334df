import { createServer, type IncomingMessage } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Duplex } from 'node:stream';

import { type A2ARequestHandler } from '@baton/server';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';

import { type ConnectionInit, handshakeRefusal } from '../handshake.js';
import { type A2AWebSocketServerOptions } from '../options.js';
import { type A2AWebSocketServer, createA2AWebSocketServer } from '../server.js';
import { Heartbeat } from './heartbeat.js';
import { BAD_REQUEST_REFUSAL, NOT_FOUND_REFUSAL, refuseUpgrade, toHeaders } from './upgrade.js';

/** Options of {@link attachWebSocketServer}: the server's limits plus the Node specifics. */
export interface AttachWebSocketOptions extends A2AWebSocketServerOptions {
  /**
   * Path of the WebSocket endpoint. Upgrades to other paths are left to other `upgrade`
   * listeners, or refused with 404 when there is none.
   * @default '/a2a/ws'
   */
  path?: string | undefined;
  /**
   * Interval of protocol pings in ms; a peer that has not answered one (pong or any frame) by
   * the next is terminated, and its calls and streams are canceled. 0 turns heartbeats off.
   * @default 30000
   */
  heartbeatMs?: number | undefined;
}

/** Anything that emits Node's `upgrade` event: an `http`, `https` or hono node-server. */
export interface UpgradeEmitter {
  on(
    event: 'upgrade',
    listener: (request: IncomingMessage, socket: Duplex, head: Buffer) => void,
  ): unknown;
  off(
    event: 'upgrade',
    listener: (request: IncomingMessage, socket: Duplex, head: Buffer) => void,
  ): unknown;
  listenerCount(event: 'upgrade'): number;
}

/** A WebSocket endpoint on a Node server. */
export interface NodeWebSocketEndpoint {
  /** The runtime-neutral server behind it (connections, options). */
  readonly server: A2AWebSocketServer;
  /** The endpoint path. */
  readonly path: string;
  /** Sockets being watched by the heartbeat (equals open sockets while heartbeats are on). */
  readonly watched: number;
  /** Stops accepting upgrades, closes every socket (1001) and resolves once they are gone. */
  close(): Promise<void>;
}

/** The default endpoint path. */
export const DEFAULT_WS_PATH = '/a2a/ws';

/**
 * Serves A2A over WebSocket on an existing Node HTTP server (the one your HTTP binding runs on),
 * with `ws`: authenticates at the upgrade (401 / 403 before upgrading), limits frame size,
 * pings for dead peers.
 * @example
 * const server = serve({ fetch: createA2AHono(handler).fetch, port: 4000 }); // @hono/node-server
 * attachWebSocketServer(server as Server, handler, { authenticator });
 */
export function attachWebSocketServer(
  httpServer: UpgradeEmitter,
  handler: A2ARequestHandler,
  options: AttachWebSocketOptions = {},
): NodeWebSocketEndpoint {
  const path = options.path ?? DEFAULT_WS_PATH;
  const server = createA2AWebSocketServer(handler, options);
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: server.options.maxMessageBytes,
    perMessageDeflate: false,
  });
  const heartbeat = new Heartbeat(options.heartbeatMs ?? 30_000);
  const sockets = new Set<WebSocket>();
  let closing = false;

  const adopt = (ws: WebSocket, init: ConnectionInit) => {
    sockets.add(ws);
    heartbeat.add(ws);
    const connection = server.accept(ws, init);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      heartbeat.seen(ws);
      // Text frames arrive as one Buffer (binaryType 'nodebuffer'), already UTF-8 checked.
      connection.receive(isBinary ? data : (data as Buffer).toString('utf8'));
    });
    ws.on('pong', () => heartbeat.seen(ws));
    // ws reports protocol violations (oversize, bad UTF-8) as an error, then closes.
    ws.on('error', () => undefined);
    ws.once('close', () => {
      connection.handleClose();
      heartbeat.delete(ws);
      sockets.delete(ws);
      ws.removeAllListeners();
    });
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    let url: URL;
    let headers: Headers;
    try {
      // A Host header that makes no URL must not throw inside Node's event listener.
      url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
      headers = toHeaders(request.headers);
    } catch {
      refuseUpgrade(socket, BAD_REQUEST_REFUSAL);
      return;
    }
    if (url.pathname !== path) {
      if (httpServer.listenerCount('upgrade') <= 1) refuseUpgrade(socket, NOT_FOUND_REFUSAL);
      return;
    }
    socket.on('error', () => socket.destroy());
    server.handshake({ headers, url: url.href }).then(
      (init) => {
        if (closing || socket.destroyed) return void socket.destroy();
        wss.handleUpgrade(request, socket, head, (ws) => adopt(ws, init));
      },
      (error: unknown) => refuseUpgrade(socket, handshakeRefusal(error)),
    );
  };
  httpServer.on('upgrade', onUpgrade);

  return {
    server,
    path,
    get watched() {
      return heartbeat.size;
    },
    async close() {
      closing = true;
      httpServer.off('upgrade', onUpgrade);
      heartbeat.stop();
      server.close();
      const deadline = Date.now() + 1000;
      while (sockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Options of {@link listenWebSocket}. */
export interface ListenWebSocketOptions extends AttachWebSocketOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number | undefined;
  /** Interface to listen on. @default '127.0.0.1' */
  hostname?: string | undefined;
}

/** A WebSocket endpoint on its own HTTP server. */
export interface ListeningWebSocketEndpoint extends NodeWebSocketEndpoint {
  /** The endpoint URL, e.g. `ws://127.0.0.1:4102/a2a/ws`. */
  readonly url: string;
  readonly port: number;
}

/**
 * Serves A2A over WebSocket on a port of its own (plain HTTP requests get 426).
 * @example
 * const endpoint = await listenWebSocket(handler, { port: 4102 });
 * console.log(endpoint.url); // ws://127.0.0.1:4102/a2a/ws
 */
export async function listenWebSocket(
  handler: A2ARequestHandler,
  options: ListenWebSocketOptions = {},
): Promise<ListeningWebSocketEndpoint> {
  const httpServer = createServer((_request, response) => {
    response.writeHead(426, { Upgrade: 'websocket', 'Content-Type': 'text/plain' });
    response.end('This endpoint speaks A2A over WebSocket only');
  });
  const endpoint = attachWebSocketServer(httpServer, handler, options);
  const hostname = options.hostname ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, hostname, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port, family, address } = httpServer.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  return {
    server: endpoint.server,
    path: endpoint.path,
    get watched() {
      return endpoint.watched;
    },
    url: `ws://${host}:${port}${endpoint.path}`,
    port,
    async close() {
      await endpoint.close();
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },
  };
}
