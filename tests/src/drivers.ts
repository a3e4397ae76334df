import {
  type A2AError,
  decodeResult03,
  decodeStreamEvent03,
  encodeParams03,
  errorFromJsonRpc,
  errorFromRestBody,
  METHODS,
  type OperationName,
  type OperationParams,
  type OperationResult,
  type ProtocolVersion,
  type StreamResponse,
} from '@baton/protocol';
import { WebSocketCarrier } from '@baton/transport-ws/client';
import WebSocket from 'ws';

import { readSseMessages } from './sse-reader.js';

/** The streaming operations. */
export type StreamingOperation = 'SendStreamingMessage' | 'SubscribeToTask';
/** The operations answered with one result. */
export type UnaryOperation = Exclude<OperationName, StreamingOperation>;

/** A call's outcome in canonical (1.0) terms, whatever the binding: a result or an A2A error. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: A2AError };

/**
 * One binding and version, speaking canonical 1.0 values: params are encoded for the wire and
 * answers decoded back (0.3 through the protocol's dialect converters), so one table of
 * expectations serves every binding.
 */
export interface BindingDriver {
  readonly name: string;
  readonly version: ProtocolVersion;
  supports(operation: OperationName): boolean;
  call<Name extends UnaryOperation>(
    operation: Name,
    params: OperationParams<Name>,
  ): Promise<Outcome<OperationResult<Name>>>;
  stream(
    operation: StreamingOperation,
    params: OperationParams<StreamingOperation>,
  ): Promise<Outcome<StreamResponse[]>>;
  /** Releases what the driver holds open (a socket). */
  close(): Promise<void>;
}

/** A JSON-RPC response body as received. */
interface JsonRpcBody {
  result?: unknown;
  error?: unknown;
}

function decoded<T>(
  parse: { success: true; data: T } | { success: false; violations: unknown },
): T {
  if (!parse.success) throw new Error(`undecodable answer: ${JSON.stringify(parse.violations)}`);
  return parse.data;
}

async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** How JSON-RPC envelopes travel: one answer per call, a stream's envelopes until it ends. */
interface JsonRpcWire {
  call(operation: UnaryOperation, envelope: object): Promise<JsonRpcBody>;
  /** The stream's envelopes in order; an error envelope, if any, is the last. */
  stream(operation: StreamingOperation, envelope: object): Promise<JsonRpcBody[]>;
  close(): Promise<void>;
}

/**
 * JSON-RPC in 1.0 (PascalCase methods) or 0.3 (slash methods) over a wire that carries the
 * version itself (a header on HTTP, chosen at the upgrade on WebSocket).
 */
function jsonRpcOver(name: string, version: ProtocolVersion, wire: JsonRpcWire): BindingDriver {
  const legacy = version === '0.3';
  let nextId = 1;
  const envelope = (operation: OperationName, params: unknown) => {
    const method = legacy ? METHODS[operation].jsonRpc03! : operation;
    const wireParams = legacy ? encodeParams03(operation, params as never) : params;
    return { jsonrpc: '2.0', id: nextId++, method, params: wireParams ?? {} };
  };
  const decodeResult = (operation: OperationName, result: unknown) =>
    legacy ? decoded(decodeResult03(operation, result)) : result;
  const decodeEvent = (result: unknown): StreamResponse =>
    legacy ? decoded(decodeStreamEvent03(result)).event : (result as StreamResponse);
  return {
    name,
    version,
    supports: (operation) => !legacy || METHODS[operation].jsonRpc03 !== undefined,
    async call(operation, params) {
      const body = await wire.call(operation, envelope(operation, params));
      if (body.error) return { ok: false, error: errorFromJsonRpc(body.error) };
      return { ok: true, value: decodeResult(operation, body.result) as never };
    },
    async stream(operation, params) {
      const events: StreamResponse[] = [];
      for (const item of await wire.stream(operation, envelope(operation, params))) {
        if (item.error) return { ok: false, error: errorFromJsonRpc(item.error) };
        events.push(decodeEvent(item.result));
      }
      return { ok: true, value: events };
    },
    close: () => wire.close(),
  };
}

/** JSON-RPC over HTTP with SSE streams: `A2A-Version: 1.0`, or no header for 0.3. */
export function jsonRpcDriver(endpoint: string, version: ProtocolVersion): BindingDriver {
  const headers: Record<string, string> = version === '0.3' ? {} : { 'A2A-Version': '1.0' };
  return jsonRpcOver(`JSON-RPC ${version}`, version, {
    call: async (_operation, envelope) =>
      (await (await postJson(endpoint, envelope, headers)).json()) as JsonRpcBody,
    async stream(_operation, envelope) {
      const response = await postJson(endpoint, envelope, headers);
      if (!response.headers.get('content-type')?.includes('text/event-stream')) {
        return [(await response.json()) as JsonRpcBody];
      }
      return (await readSseMessages(response)).map(({ data }) => data as JsonRpcBody);
    },
    close: async () => undefined,
  });
}

/**
 * JSON-RPC over WebSocket (`@baton/transport-ws`'s client carrier on `ws`): one socket per
 * driver, the version chosen at the upgrade (`?A2A-Version=1.0`, none for 0.3), every call and
 * stream multiplexed on it by id.
 */
export function webSocketDriver(url: string, version: ProtocolVersion): BindingDriver {
  const carrier = new WebSocketCarrier({ WebSocket });
  const headers = new Headers(version === '0.3' ? {} : { 'A2A-Version': '1.0' });
  const send = (operation: OperationName, envelope: object, streaming: boolean) =>
    carrier.send({
      operation,
      url: new URL(url),
      method: 'POST',
      headers,
      body: envelope,
      streaming,
      signal: AbortSignal.timeout(15_000),
    });
  return jsonRpcOver(`WebSocket ${version}`, version, {
    call: async (operation, envelope) =>
      (await send(operation, envelope, false)).body as JsonRpcBody,
    async stream(operation, envelope) {
      const response = await send(operation, envelope, true);
      if (!response.events) return [response.body as JsonRpcBody];
      const items: JsonRpcBody[] = [];
      for await (const { data } of response.events) items.push(data as JsonRpcBody);
      return items;
    },
    close: () => carrier.close(),
  });
}

/** Splits params into the route's path (its `{name}` fields) and the rest. */
function routeOf(base: string, operation: OperationName, params: Record<string, unknown>) {
  const route = METHODS[operation].rest.at(-1)!;
  const rest = { ...params };
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = String(rest[name]);
    delete rest[name];
    return encodeURIComponent(value);
  });
  return { verb: route.verb, url: `${base}${path}`, rest };
}

/** HTTP+JSON (REST) 1.0: path and query parameters, JSON bodies, AIP-193 errors. */
export function restDriver(base: string): BindingDriver {
  const send = async (operation: OperationName, params: object) => {
    const { verb, url, rest } = routeOf(base, operation, params as Record<string, unknown>);
    const headers = { 'A2A-Version': '1.0' };
    if (verb === 'POST') return postJson(url, rest, headers);
    const query = new URLSearchParams(
      Object.entries(rest).map(([key, value]) => [key, String(value)]),
    );
    return fetch(`${url}${query.size > 0 ? `?${query}` : ''}`, { method: verb, headers });
  };
  const failure = async (response: Response) =>
    ({ ok: false, error: errorFromRestBody(response.status, await response.json()) }) as const;
  return {
    name: 'HTTP+JSON 1.0',
    version: '1.0',
    supports: () => true,
    async call(operation, params) {
      const response = await send(operation, params);
      if (!response.ok) return failure(response);
      return { ok: true, value: (await response.json()) as never };
    },
    async stream(operation, params) {
      const response = await send(operation, params);
      if (!response.ok) return failure(response);
      const messages = await readSseMessages(response);
      const events: StreamResponse[] = [];
      for (const { data } of messages) {
        const item = data as StreamResponse & { error?: { code: number } };
        if (item.error) return { ok: false, error: errorFromRestBody(item.error.code, item) };
        events.push(item);
      }
      return { ok: true, value: events };
    },
    close: async () => undefined,
  };
}

/**
 * The five ways a Baton agent is reached: JSON-RPC 1.0 and 0.3 and HTTP+JSON 1.0 at `baseUrl`
 * (`http://host:port`), JSON-RPC 1.0 and 0.3 over the WebSocket endpoint at `webSocketUrl`.
 */
export function allDrivers(baseUrl: string, webSocketUrl: string): BindingDriver[] {
  return [
    jsonRpcDriver(`${baseUrl}/a2a/jsonrpc`, '1.0'),
    jsonRpcDriver(`${baseUrl}/a2a/jsonrpc`, '0.3'),
    restDriver(`${baseUrl}/a2a/rest`),
    webSocketDriver(webSocketUrl, '1.0'),
    webSocketDriver(webSocketUrl, '0.3'),
  ];
}
