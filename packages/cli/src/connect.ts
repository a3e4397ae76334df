import {
  A2AClient,
  type AgentCredentials,
  apiKey,
  authFromCard,
  bearerToken,
  type ClientInterceptor,
  type ClientOptions,
  DEFAULT_PREFERENCES,
  type InterfacePreference,
  jsonRpcTransport,
  loadAgentCard,
  logRequests,
  restTransport,
  type TransportFactory,
} from '@baton/client';
import {
  type AgentCard,
  BATON_URIS,
  PROTOCOL_BINDINGS,
  type ProtocolVersion,
} from '@baton/protocol';

import { listOption, type OptionValues, stringOption } from './args.js';
import { UsageError } from './errors.js';
import { type Output } from './output.js';
import { parseDuration } from './values.js';

/** The default per-request time limit, in ms. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The binding names `--binding` takes. */
export type BindingName = 'jsonrpc' | 'rest' | 'ws';

const BINDINGS: Record<BindingName, string> = {
  jsonrpc: PROTOCOL_BINDINGS.jsonRpc,
  rest: PROTOCOL_BINDINGS.httpJson,
  ws: BATON_URIS.webSocketBinding,
};

/** The global options, read and checked. */
export interface GlobalSettings {
  json: boolean;
  verbose: boolean;
  binding: BindingName | undefined;
  protocol: ProtocolVersion | undefined;
  headers: Headers;
  apiKey: string | undefined;
  bearer: string | undefined;
  /** `--timeout` in ms when given (0 = none). */
  timeoutMs: number | undefined;
}

/** Reads the global options and `BATON_API_KEY` / `BATON_TOKEN`. @throws UsageError */
export function readGlobalSettings(
  values: OptionValues,
  env: Record<string, string | undefined>,
): GlobalSettings {
  const binding = stringOption(values, 'binding');
  if (binding !== undefined && !(binding in BINDINGS))
    throw new UsageError(`--binding is one of jsonrpc, rest, ws; got '${binding}'`);
  const protocol = stringOption(values, 'protocol');
  if (protocol !== undefined && protocol !== '1.0' && protocol !== '0.3')
    throw new UsageError(`--protocol is 1.0 or 0.3; got '${protocol}'`);
  const headers = new Headers();
  for (const header of listOption(values, 'header')) {
    const colon = header.indexOf(':');
    const name = header.slice(0, colon).trim();
    if (colon <= 0 || !/^[!#$%&'*+.^_`|~\w-]+$/.test(name))
      throw new UsageError(`--header wants 'Name: value', got '${header}'`);
    headers.append(name, header.slice(colon + 1).trim());
  }
  const timeout = stringOption(values, 'timeout');
  return {
    json: values.json === true,
    verbose: values.verbose === true,
    binding: binding as BindingName | undefined,
    protocol: protocol,
    headers,
    apiKey: stringOption(values, 'api-key') ?? (env.BATON_API_KEY || undefined),
    bearer: stringOption(values, 'bearer') ?? (env.BATON_TOKEN || undefined),
    timeoutMs: timeout === undefined ? undefined : parseDuration(timeout, 'timeout'),
  };
}

/** The interface preferences `--binding` and `--protocol` ask for (the client's defaults if none). */
export function preferencesFor(settings: GlobalSettings): readonly InterfacePreference[] {
  if (!settings.binding && !settings.protocol) return DEFAULT_PREFERENCES;
  const bindings = settings.binding
    ? [BINDINGS[settings.binding]]
    : [PROTOCOL_BINDINGS.jsonRpc, PROTOCOL_BINDINGS.httpJson];
  const versions: ProtocolVersion[] = settings.protocol ? [settings.protocol] : ['1.0', '0.3'];
  return versions.flatMap((version) => bindings.map((binding) => ({ binding, version })));
}

async function transportsFor(settings: GlobalSettings): Promise<TransportFactory[]> {
  if (settings.binding !== 'ws') return [jsonRpcTransport, restTransport];
  const { webSocketTransport } = await import('@baton/transport-ws/client');
  // Node 20 has no global WebSocket; `ws` takes upgrade headers, which carry the credentials.
  const { default: WebSocket } = await import('ws');
  return [
    webSocketTransport({ WebSocket, credentials: 'headers' }),
    jsonRpcTransport,
    restTransport,
  ];
}

function authInterceptors(card: AgentCard, settings: GlobalSettings): ClientInterceptor[] {
  const credentials: AgentCredentials = {};
  if (settings.apiKey !== undefined) credentials.apiKey = settings.apiKey;
  if (settings.bearer !== undefined) credentials.bearerToken = settings.bearer;
  if (!credentials.apiKey && !credentials.bearerToken) return [];
  try {
    const fromCard = authFromCard(card, credentials);
    if (fromCard.length > 0) return fromCard;
  } catch {
    // The card asks for something else: send what we were given and let the agent judge.
  }
  const generic: ClientInterceptor[] = [];
  if (settings.apiKey) generic.push(apiKey({ key: settings.apiKey }));
  if (settings.bearer) generic.push(bearerToken({ token: settings.bearer }));
  return generic;
}

/** A connected agent: its card and a client for the chosen interface. */
export interface Connection {
  card: AgentCard;
  client: A2AClient;
}

/**
 * Reads the agent's card and builds a client with the global settings: interface preferences,
 * headers, credentials (placed where the card's security schemes say), time limit, logging.
 */
export async function connect(
  url: string,
  settings: GlobalSettings,
  out: Output,
  signal: AbortSignal,
): Promise<Connection> {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  out.spinner.start(`reading the agent card from ${url}`);
  const { card } = await loadAgentCard(url, {
    headers: settings.headers,
    signal,
    timeoutMs: timeoutMs > 0 ? timeoutMs : undefined,
    cache: false,
  });
  const interceptors = authInterceptors(card, settings);
  if (settings.verbose) {
    interceptors.push(
      logRequests((entry) => {
        const outcome =
          entry.status ?? (entry.error instanceof Error ? entry.error.message : 'failed');
        out.log(
          out.ce(`→ ${entry.operation} ${entry.url} ${outcome} ${entry.durationMs}ms`, 'dim'),
        );
      }),
    );
  }
  const options: ClientOptions = {
    preferences: preferencesFor(settings),
    transports: await transportsFor(settings),
    interceptors,
    headers: settings.headers,
    timeoutMs: timeoutMs > 0 ? timeoutMs : undefined,
  };
  const client = new A2AClient(card, options);
  if (settings.verbose) {
    const { protocolBinding, url: endpoint } = client.agentInterface;
    out.log(out.ce(`→ using ${protocolBinding} ${client.protocolVersion} at ${endpoint}`, 'dim'));
  }
  return { card, client };
}
