import {
  type AgentCard,
  type AgentInterface,
  BATON_URIS,
  type ProtocolVersion,
} from '@baton/protocol';

/**
 * The agent card entries of a WebSocket endpoint, 1.0 first: `protocolBinding` is Baton's
 * `urn:baton:binding:jsonrpc-websocket:1`.
 * @example
 * webSocketInterfaces('wss://agent.example.com/a2a/ws');
 */
export function webSocketInterfaces(
  url: string,
  versions: readonly ProtocolVersion[] = ['1.0', '0.3'],
): AgentInterface[] {
  if (!/^wss?:\/\//i.test(url))
    throw new TypeError(`a WebSocket URL starts with ws:// or wss://: ${url}`);
  return [...new Set(versions)]
    .sort((a, b) => (a === '1.0' ? -1 : b === '1.0' ? 1 : 0))
    .map((protocolVersion) => ({
      url,
      protocolBinding: BATON_URIS.webSocketBinding,
      protocolVersion,
    }));
}

/**
 * The card with the WebSocket endpoint added to `supportedInterfaces` (replacing any earlier
 * WebSocket entries). Give it to `createRequestHandler`: the HTTP binding serves the handler's
 * other-binding interfaces after its own.
 * @example
 * const handler = createRequestHandler({
 *   agentCard: withWebSocketInterfaces(card, 'wss://agent.example.com/a2a/ws'),
 *   executor,
 * });
 */
export function withWebSocketInterfaces(
  card: AgentCard,
  url: string,
  versions?: readonly ProtocolVersion[],
): AgentCard {
  const others = (card.supportedInterfaces ?? []).filter(
    (entry) => entry.protocolBinding !== BATON_URIS.webSocketBinding,
  );
  return { ...card, supportedInterfaces: [...others, ...webSocketInterfaces(url, versions)] };
}
