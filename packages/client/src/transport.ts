import {
  type AgentCard,
  type AgentInterface,
  parseProtocolVersion,
  PROTOCOL_BINDINGS,
  type ProtocolVersion,
} from '@baton/protocol';

import { type Carrier } from './carrier/carrier.js';
import { HttpCarrier } from './carrier/http-carrier.js';
import { type Codec } from './codec/codec.js';
import { jsonRpc03 } from './codec/jsonrpc-03.js';
import { jsonRpc10 } from './codec/jsonrpc-10.js';
import { JsonRpcCodec } from './codec/jsonrpc-codec.js';
import { RestCodec } from './codec/rest-codec.js';
import { A2AClientError } from './errors.js';

/** A codec and the carrier that moves its requests: everything needed to talk to one interface. */
export interface Transport {
  codec: Codec;
  carrier: Carrier;
}

/** What a {@link TransportFactory} gets besides the interface. */
export interface TransportFactoryOptions {
  /** The `fetch` the client was given. */
  fetch?: typeof fetch | undefined;
}

/**
 * Builds a transport for one binding. The client ships JSON-RPC and REST over HTTP; other
 * packages add more (a WebSocket factory for Baton's `jsonrpc-websocket` binding).
 */
export interface TransportFactory {
  /** The `protocolBinding` it serves, as in the card. */
  readonly binding: string;
  /** The protocol versions it speaks. */
  readonly versions: readonly ProtocolVersion[];
  /** Builds the transport for an interface of this binding in one of `versions`. */
  create(
    agentInterface: AgentInterface,
    version: ProtocolVersion,
    options: TransportFactoryOptions,
  ): Transport;
}

/** JSON-RPC over HTTP with SSE, in 1.0 and 0.3. */
export const jsonRpcTransport: TransportFactory = {
  binding: PROTOCOL_BINDINGS.jsonRpc,
  versions: ['1.0', '0.3'],
  create: (_iface, version, options) => ({
    codec: new JsonRpcCodec(version === '0.3' ? jsonRpc03 : jsonRpc10),
    carrier: new HttpCarrier({ fetch: options.fetch }),
  }),
};

/** HTTP+JSON (REST) with SSE, in 1.0. */
export const restTransport: TransportFactory = {
  binding: PROTOCOL_BINDINGS.httpJson,
  versions: ['1.0'],
  create: (_iface, _version, options) => ({
    codec: new RestCodec(),
    carrier: new HttpCarrier({ fetch: options.fetch }),
  }),
};

/** One acceptable interface kind: a binding in a protocol version. */
export interface InterfacePreference {
  /** `protocolBinding`, e.g. `JSONRPC` or `HTTP+JSON`. */
  binding: string;
  /** `Major.Minor`. */
  version: ProtocolVersion;
}

/** JSON-RPC 1.0, then REST 1.0, then JSON-RPC 0.3. */
export const DEFAULT_PREFERENCES: readonly InterfacePreference[] = [
  { binding: PROTOCOL_BINDINGS.jsonRpc, version: '1.0' },
  { binding: PROTOCOL_BINDINGS.httpJson, version: '1.0' },
  { binding: PROTOCOL_BINDINGS.jsonRpc, version: '0.3' },
];

/** The interface the client picked and how it speaks to it. */
export interface SelectedInterface {
  agentInterface: AgentInterface;
  version: ProtocolVersion;
  transport: Transport;
}

/**
 * Picks the first interface of the card matching the preference list (preference order first,
 * then the card's own order) for which a transport factory exists.
 * @throws A2AClientError `NO_COMPATIBLE_INTERFACE` when none matches.
 */
export function selectInterface(
  card: AgentCard,
  preferences: readonly InterfacePreference[],
  factories: readonly TransportFactory[],
  options: TransportFactoryOptions,
): SelectedInterface {
  for (const preference of preferences) {
    const factory = factories.find(
      (f) => sameBinding(f.binding, preference.binding) && f.versions.includes(preference.version),
    );
    if (!factory) continue;
    for (const agentInterface of card.supportedInterfaces) {
      if (!sameBinding(agentInterface.protocolBinding, preference.binding)) continue;
      if (parseProtocolVersion(agentInterface.protocolVersion) !== preference.version) continue;
      const transport = factory.create(agentInterface, preference.version, options);
      return { agentInterface, version: preference.version, transport };
    }
  }
  const offered = card.supportedInterfaces
    .map((i) => `${i.protocolBinding} ${i.protocolVersion}`)
    .join(', ');
  const wanted = preferences.map((p) => `${p.binding} ${p.version}`).join(', ');
  throw new A2AClientError(
    'NO_COMPATIBLE_INTERFACE',
    `No interface of "${card.name}" fits: it offers ${offered || 'none'}; the client accepts ${wanted}`,
  );
}

function sameBinding(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}
