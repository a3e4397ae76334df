import { type A2ARequestHandler, createJsonRpcDispatcher } from '@baton/server';

import { A2AWebSocketConnection } from './connection.js';
import { type ConnectionInit, type HandshakeRequest, readHandshake } from './handshake.js';
import {
  type A2AWebSocketServerOptions,
  type ResolvedServerOptions,
  resolveServerOptions,
} from './options.js';
import { type EventSocket, type ServerSocket } from './socket.js';
import { WS_CLOSE_CODES } from './wire.js';

/** Serves A2A JSON-RPC on WebSockets of any runtime; see {@link createA2AWebSocketServer}. */
export interface A2AWebSocketServer {
  /** The options with their defaults applied. */
  readonly options: ResolvedServerOptions;
  /** Open connections. */
  readonly connections: ReadonlySet<A2AWebSocketConnection>;
  /**
   * Reads an upgrade request (service parameters, caller) before upgrading. Throws the
   * authenticator's error: refuse the upgrade with `handshakeRefusal(error)`.
   */
  handshake(request: HandshakeRequest): Promise<ConnectionInit>;
  /** Serves an upgraded socket whose frames you feed with `connection.receive(data)` (Bun). */
  accept(socket: ServerSocket, init: ConnectionInit): A2AWebSocketConnection;
  /** Serves an upgraded event-target socket (`ws`, Deno, the standard API): listens to it itself. */
  serve(socket: EventSocket, init: ConnectionInit): A2AWebSocketConnection;
  /** Closes every connection (1001 by default), cancelling their calls and streams. */
  close(code?: number, reason?: string): void;
}

/**
 * Puts an A2A request handler on WebSockets: JSON-RPC 2.0 frames, many concurrent calls and
 * streams per socket, `stream/cancel`, limits and backpressure. Runtime-neutral: upgrade the
 * request your runtime's way, then hand the socket to `serve` (or `accept`). On Node use
 * `attachWebSocketServer` from `@baton/transport-ws/node`.
 * @example
 * const wsServer = createA2AWebSocketServer(handler, { authenticator });
 * // Deno
 * Deno.serve(async (request) => {
 *   const init = await wsServer.handshake(request);
 *   const { socket, response } = Deno.upgradeWebSocket(request);
 *   wsServer.serve(socket, init);
 *   return response;
 * });
 */
export function createA2AWebSocketServer(
  handler: A2ARequestHandler,
  options: A2AWebSocketServerOptions = {},
): A2AWebSocketServer {
  const resolved = resolveServerOptions(options);
  const dispatcher = createJsonRpcDispatcher(handler, {
    errorMapping: resolved.errorMapping,
    logger: resolved.logger,
  });
  const connections = new Set<A2AWebSocketConnection>();

  const accept = (socket: ServerSocket, init: ConnectionInit, onClosed?: () => void) => {
    const connection: A2AWebSocketConnection = new A2AWebSocketConnection(
      socket,
      dispatcher,
      init,
      resolved,
      () => {
        connections.delete(connection);
        onClosed?.();
      },
    );
    connections.add(connection);
    return connection;
  };

  return {
    options: resolved,
    connections,
    handshake: (request) =>
      readHandshake(request, resolved.authenticator, resolved.tokenQueryParam),
    accept: (socket, init) => accept(socket, init),
    serve(socket, init) {
      const onMessage = (event: { data: unknown }) => connection.receive(event.data);
      const onClose = () => connection.handleClose();
      const unlisten = () => {
        socket.removeEventListener('message', onMessage);
        socket.removeEventListener('close', onClose);
        socket.removeEventListener('error', onClose);
      };
      const connection = accept(socket, init, unlisten);
      socket.addEventListener('message', onMessage);
      socket.addEventListener('close', onClose);
      socket.addEventListener('error', onClose);
      return connection;
    },
    close(code = WS_CLOSE_CODES.goingAway, reason = 'server shutting down') {
      for (const connection of [...connections]) connection.close(code, reason);
    },
  };
}
