import {
  type A2AError,
  decodeResult03,
  decodeStreamEvent03,
  encodeParams03,
  errorFromJsonRpc,
  METHODS,
  type OperationName,
  type OperationParams,
  type OperationResult,
  type ProtocolVersion,
  type StreamResponse,
} from '@baton/protocol';

import { type Frame, RawClient } from './raw-client.js';

/** The streaming operations. */
export type StreamingOperation = 'SendStreamingMessage' | 'SubscribeToTask';
/** The operations answered with one result. */
export type UnaryOperation = Exclude<OperationName, StreamingOperation>;
/** A call's outcome in canonical (1.0) terms: a result or an A2A error. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: A2AError };

/**
 * One binding and version speaking canonical values (the same shape as the integration tests'
 * drivers in `tests/src/drivers.ts`, so this WebSocket driver can join that suite as is).
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
  close(): Promise<void>;
}

function decoded<T>(
  parse: { success: true; data: T } | { success: false; violations: unknown },
): T {
  if (!parse.success) throw new Error(`undecodable answer: ${JSON.stringify(parse.violations)}`);
  return parse.data;
}

/** How a driver moves one JSON-RPC request: an answer, or a stream's items and its end. */
interface Wire {
  call(body: Frame): Promise<Frame>;
  stream(body: Frame): Promise<{ items: Frame[] }>;
  close(): Promise<void>;
}

function driver(name: string, version: ProtocolVersion, wire: Wire): BindingDriver {
  const legacy = version === '0.3';
  let nextId = 1;
  const body = (operation: OperationName, params: unknown): Frame => {
    const method = legacy ? METHODS[operation].jsonRpc03! : operation;
    const wireParams = legacy ? encodeParams03(operation, params as never) : params;
    return { jsonrpc: '2.0', id: nextId++, method, params: wireParams ?? {} };
  };
  const decodeEvent = (result: unknown): StreamResponse =>
    legacy ? decoded(decodeStreamEvent03(result)).event : (result as StreamResponse);
  return {
    name,
    version,
    supports: (operation) => !legacy || METHODS[operation].jsonRpc03 !== undefined,
    async call(operation, params) {
      const answer = await wire.call(body(operation, params));
      if (answer.error) return { ok: false, error: errorFromJsonRpc(answer.error) };
      const value = legacy ? decoded(decodeResult03(operation, answer.result)) : answer.result;
      return { ok: true, value: value as never };
    },
    async stream(operation, params) {
      const { items } = await wire.stream(body(operation, params));
      const events: StreamResponse[] = [];
      for (const item of items) {
        if (item.error) return { ok: false, error: errorFromJsonRpc(item.error) };
        events.push(decodeEvent(item.result));
      }
      return { ok: true, value: events };
    },
    close: () => wire.close(),
  };
}

function parseSse(text: string): Frame[] {
  return text
    .split('\n\n')
    .flatMap((block) => block.split('\n').filter((line) => line.startsWith('data: ')))
    .map((line) => JSON.parse(line.slice(6)) as Frame);
}

/** JSON-RPC over HTTP (SSE streams): `A2A-Version: 1.0`, or no header for 0.3. */
export function httpDriver(endpoint: string, version: ProtocolVersion): BindingDriver {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (version === '1.0') headers['A2A-Version'] = '1.0';
  const post = (body: Frame) =>
    fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body) });
  return driver(`HTTP JSON-RPC ${version}`, version, {
    call: async (body) => (await (await post(body)).json()) as Frame,
    async stream(body) {
      const response = await post(body);
      if (!response.headers.get('content-type')?.includes('text/event-stream')) {
        return { items: [(await response.json()) as Frame] };
      }
      return { items: parseSse(await response.text()) };
    },
    close: async () => undefined,
  });
}

/**
 * JSON-RPC over one WebSocket (the version chosen at the upgrade): every call of the suite is
 * multiplexed on that socket. A stream's items are its events' results, then its end when that
 * is an error.
 */
export async function webSocketDriver(
  url: string,
  version: ProtocolVersion,
): Promise<BindingDriver> {
  const client = await RawClient.open(version === '1.0' ? `${url}?A2A-Version=1.0` : url);
  const send = async (body: Frame) => {
    client.send(body);
    return client.next((frame) => frame.id === body.id && !('method' in frame), 15_000);
  };
  return driver(`WebSocket ${version}`, version, {
    call: send,
    async stream(body) {
      const end = await send(body);
      const items: Frame[] = client.frames
        .filter((frame) => frame.method === 'stream/event' && frame.params.id === body.id)
        .map((frame) => ({ jsonrpc: '2.0', id: body.id, result: frame.params.result }));
      if (end.error) items.push(end);
      return { items };
    },
    close: () => client.close(),
  });
}
