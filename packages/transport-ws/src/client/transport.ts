import {
  type ClientOptions,
  DEFAULT_PREFERENCES,
  type InterfacePreference,
  jsonRpc03,
  jsonRpc10,
  JsonRpcCodec,
  jsonRpcTransport,
  restTransport,
  type TransportFactory,
} from '@baton/client';
import { BATON_URIS } from '@baton/protocol';

import { WebSocketCarrier } from './carrier.js';
import { type WebSocketCarrierOptions } from './options.js';

/**
 * The transport factory of Baton's WebSocket binding (`urn:baton:binding:jsonrpc-websocket:1`):
 * the JSON-RPC codec of the interface's version (1.0 or 0.3) over a {@link WebSocketCarrier}.
 * @example
 * const client = await createClient(url, {
 *   transports: [webSocketTransport({ WebSocket }), jsonRpcTransport],
 *   preferences: [{ binding: BATON_URIS.webSocketBinding, version: '1.0' }, ...DEFAULT_PREFERENCES],
 * });
 */
export function webSocketTransport(options: WebSocketCarrierOptions = {}): TransportFactory {
  return {
    binding: BATON_URIS.webSocketBinding,
    versions: ['1.0', '0.3'],
    create: (_agentInterface, version) => ({
      codec: new JsonRpcCodec(version === '0.3' ? jsonRpc03 : jsonRpc10),
      carrier: new WebSocketCarrier(options),
    }),
  };
}

/** WebSocket 1.0 first, then the client's defaults, then WebSocket 0.3. */
export const WEBSOCKET_PREFERENCES: readonly InterfacePreference[] = [
  { binding: BATON_URIS.webSocketBinding, version: '1.0' },
  ...DEFAULT_PREFERENCES.filter((preference) => preference.version === '1.0'),
  { binding: BATON_URIS.webSocketBinding, version: '0.3' },
  ...DEFAULT_PREFERENCES.filter((preference) => preference.version !== '1.0'),
];

/**
 * Client options that prefer the agent's WebSocket interface and fall back to HTTP when the card
 * has none: the one option that moves a client to WebSocket.
 * @example
 * import WebSocket from 'ws'; // Node 20; elsewhere the global WebSocket is used
 * const client = await createClient('http://127.0.0.1:4000', preferWebSocket({ WebSocket }));
 */
export function preferWebSocket(
  options: WebSocketCarrierOptions = {},
): Pick<ClientOptions, 'transports' | 'preferences'> {
  return {
    transports: [webSocketTransport(options), jsonRpcTransport, restTransport],
    preferences: WEBSOCKET_PREFERENCES,
  };
}
