export { webSocketInterfaces, withWebSocketInterfaces } from './card.js';
export { A2AWebSocketConnection, type ConnectionStats } from './connection.js';
export {
  type ConnectionInit,
  type HandshakeRefusal,
  handshakeRefusal,
  type HandshakeRequest,
  readHandshake,
} from './handshake.js';
export {
  type A2AWebSocketServerOptions,
  DEFAULT_WS_LIMITS,
  type ResolvedServerOptions,
} from './options.js';
export { type A2AWebSocketServer, createA2AWebSocketServer } from './server.js';
export { type EventSocket, type ServerSocket, WS_OPEN } from './socket.js';
export {
  type ServiceParameters,
  STREAM_DONE_RESULT,
  type StreamEventNotification,
  type StreamEventParams,
  TOO_MANY_CALLS_CODE,
  tooManyCallsError,
  WS_CLOSE_CODES,
  WS_METHODS,
} from './wire.js';
