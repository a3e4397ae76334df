export { WebSocketCarrier } from './carrier.js';
export { type ReconnectOptions, type WebSocketCarrierOptions } from './options.js';
export { type ClientSocket, type WebSocketConstructor } from './socket.js';
export { preferWebSocket, WEBSOCKET_PREFERENCES, webSocketTransport } from './transport.js';
