import {
  type AgentCard,
  type AgentInterface,
  BATON_URIS,
  PROTOCOL_BINDINGS,
  type ProtocolVersion,
  withLegacyCardFields,
} from '@baton/protocol';

import { type RestProtocolVersion } from './options.js';

/** Where and how the app serves the agent, as the card advertises it. */
export interface ServedInterfaces {
  /** Absolute URL of the JSON-RPC endpoint. */
  jsonRpcUrl: string;
  /** Absolute URL of the REST base. */
  restUrl: string;
  jsonRpcVersions: readonly ProtocolVersion[];
  restVersions: readonly RestProtocolVersion[];
}

const SERVED_BINDINGS = new Set<string>([PROTOCOL_BINDINGS.jsonRpc, PROTOCOL_BINDINGS.httpJson]);

const RESUMABLE_STREAMS = {
  uri: BATON_URIS.resumableStreams,
  description:
    'SSE events carry the task event sequence number as id; reconnect with Last-Event-ID to ' +
    'receive exactly the events missed.',
};

/** The interfaces this app serves, 1.0 before 0.3, JSON-RPC before REST within a version. */
export function servedInterfaces(served: ServedInterfaces): AgentInterface[] {
  const interfaces: AgentInterface[] = [];
  for (const version of ['1.0', '0.3'] as const) {
    if (served.jsonRpcVersions.includes(version)) {
      interfaces.push({
        url: served.jsonRpcUrl,
        protocolBinding: PROTOCOL_BINDINGS.jsonRpc,
        protocolVersion: version,
      });
    }
    if ((served.restVersions as readonly string[]).includes(version)) {
      interfaces.push({
        url: served.restUrl,
        protocolBinding: PROTOCOL_BINDINGS.httpJson,
        protocolVersion: version,
      });
    }
  }
  return interfaces;
}

/**
 * The card as served: the handler's card with `supportedInterfaces` set to what this app serves
 * (interfaces of other bindings the handler's card lists, such as WebSocket, are kept after
 * them), the resumable-streams extension declared when the agent streams, and the 0.3 top-level
 * fields added only when a 0.3 interface is served (a strict 1.0 schema rejects them).
 */
export function buildServedCard(card: AgentCard, served: ServedInterfaces): AgentCard {
  const own = servedInterfaces(served);
  const others = (card.supportedInterfaces ?? []).filter(
    (entry) => !SERVED_BINDINGS.has(entry.protocolBinding),
  );
  const extensions = [...(card.capabilities.extensions ?? [])];
  if (card.capabilities.streaming && !extensions.some((e) => e.uri === RESUMABLE_STREAMS.uri)) {
    extensions.push(RESUMABLE_STREAMS);
  }
  const capabilities = { ...card.capabilities };
  if (extensions.length > 0) capabilities.extensions = extensions;
  const result: AgentCard = {
    ...card,
    supportedInterfaces: [...own, ...others],
    capabilities,
  };
  // Adds the 0.3 fields only when a 0.3 interface is listed.
  return withLegacyCardFields(result);
}
