export {
  type AttachWebSocketOptions,
  attachWebSocketServer,
  DEFAULT_WS_PATH,
  type ListeningWebSocketEndpoint,
  listenWebSocket,
  type ListenWebSocketOptions,
  type NodeWebSocketEndpoint,
  type UpgradeEmitter,
} from './attach.js';
