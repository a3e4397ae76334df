import {
  decodeResult03,
  decodeStreamEvent03,
  JsonRpcErrorObjectSchema,
  OPERATION_SCHEMAS,
  type OperationName,
  parseProtocol,
  type ParseResult,
  StreamResponseSchema,
} from '@baton/protocol';

import { plainViolation } from './card-check.js';

/** How a call was made: which binding and protocol version its answer must follow. */
export interface WireContext {
  operation: OperationName;
  binding: string;
  version: string;
}

function problemsOf(result: ParseResult<unknown>, prefix: string): string[] {
  return result.success
    ? []
    : result.violations.map((v) =>
        plainViolation({
          ...v,
          field: v.field ? `${prefix}${v.field}` : prefix.replace(/\.$/, ''),
        }),
      );
}

function checkJsonRpc(body: unknown, context: WireContext, stream: boolean): string[] {
  if (typeof body !== 'object' || body === null) return ['The answer is not a JSON-RPC object.'];
  const envelope = body as Record<string, unknown>;
  const problems: string[] = [];
  if (envelope.jsonrpc !== '2.0') problems.push('“jsonrpc” must be "2.0".');
  if (!('id' in envelope)) problems.push('The answer has no “id”.');
  if ('error' in envelope) {
    problems.push(...problemsOf(parseProtocol(JsonRpcErrorObjectSchema, envelope.error), 'error.'));
    return problems;
  }
  if (!('result' in envelope)) return [...problems, 'The answer has neither “result” nor “error”.'];
  if (context.version === '0.3') {
    const decoded = stream
      ? decodeStreamEvent03(envelope.result)
      : decodeResult03(context.operation, envelope.result);
    return [...problems, ...problemsOf(decoded, 'result.')];
  }
  const schema = stream ? StreamResponseSchema : OPERATION_SCHEMAS[context.operation].result;
  return [
    ...problems,
    ...problemsOf(parseProtocol<unknown>(schema as never, envelope.result), 'result.'),
  ];
}

function checkRest(body: unknown, status: number, context: WireContext, stream: boolean): string[] {
  if (status >= 400) {
    const error = (
      body as { error?: { code?: unknown; status?: unknown; message?: unknown } } | undefined
    )?.error;
    if (!error || typeof error.message !== 'string' || typeof error.code !== 'number') {
      return [
        'A REST error must be {"error": {"code", "status", "message", "details"}} (google.rpc.Status).',
      ];
    }
    return [];
  }
  const schema = stream ? StreamResponseSchema : OPERATION_SCHEMAS[context.operation].result;
  return problemsOf(parseProtocol<unknown>(schema as never, body), '');
}

/**
 * Checks one answer (a unary response body, or one stream event) against the protocol schemas of
 * the binding and version in use. Returns the problems in plain words; none means valid.
 */
export function checkFrame(
  body: unknown,
  status: number,
  context: WireContext,
  stream: boolean,
): string[] {
  if (body === undefined)
    return status >= 400
      ? [`HTTP ${status} with a body that is not JSON.`]
      : ['The body is not JSON.'];
  if (context.binding === 'JSONRPC') return checkJsonRpc(body, context, stream);
  if (context.binding === 'HTTP+JSON') return checkRest(body, status, context, stream);
  return [];
}

/** Checks the order of a stream's events (1.0 §3.1.2): a task first, or one single message. */
export function checkStreamOrder(results: readonly unknown[], version: string): string[] {
  if (version !== '1.0' || results.length === 0) return [];
  const kinds = results.map((r) => Object.keys((r as Record<string, unknown>) ?? {})[0]);
  if (kinds[0] === 'message') {
    return kinds.length > 1 ? ['A stream that starts with a message must carry nothing else.'] : [];
  }
  return kinds[0] === 'task'
    ? []
    : [`A stream must start with a task or a message; it starts with “${kinds[0]}”.`];
}
