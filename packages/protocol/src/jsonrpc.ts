import { z } from 'zod';

import { type ErrorMappingVariant } from './error-table.js';
import { type A2AError, InvalidRequestError } from './errors.js';

/** A JSON-RPC 2.0 id: a string or number, or null when a request's id could not be read. */
export const JsonRpcIdSchema = z.union([z.string(), z.number(), z.null()]);
/** A JSON-RPC 2.0 id: a string or number, or null when a request's id could not be read. */
export type JsonRpcId = string | number | null;

/** A JSON-RPC 2.0 request; without `id` it is a notification (A2A.md §5). */
export const JsonRpcRequestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: JsonRpcIdSchema.optional(),
  method: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
}) as unknown as z.ZodType<JsonRpcRequest, unknown>;

/** A JSON-RPC 2.0 request; without `id` it is a notification (A2A.md §5). */
export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id?: JsonRpcId | undefined;
  method: string;
  params?: Record<string, unknown> | undefined;
}

/** A JSON-RPC 2.0 error object, either dialect: `data` is a details array in 1.0. */
export const JsonRpcErrorObjectSchema = z.object({
  code: z.number().int(),
  message: z.string(),
  data: z.unknown().optional(),
}) as unknown as z.ZodType<JsonRpcErrorObject, unknown>;

/** A JSON-RPC 2.0 error object, either dialect: `data` is a details array in 1.0. */
export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** A JSON-RPC 2.0 success response. */
export const JsonRpcSuccessResponseSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: JsonRpcIdSchema,
  result: z.unknown(),
}) as unknown as z.ZodType<JsonRpcSuccessResponse, unknown>;

/** A JSON-RPC 2.0 success response. */
export interface JsonRpcSuccessResponse<Result = unknown> {
  jsonrpc: '2.0';
  id: JsonRpcId;
  result: Result;
}

/** A JSON-RPC 2.0 error response. */
export const JsonRpcErrorResponseSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: JsonRpcIdSchema,
  error: JsonRpcErrorObjectSchema,
}) as unknown as z.ZodType<JsonRpcErrorResponse, unknown>;

/** A JSON-RPC 2.0 error response. */
export interface JsonRpcErrorResponse {
  jsonrpc: '2.0';
  id: JsonRpcId;
  error: JsonRpcErrorObject;
}

/** A JSON-RPC 2.0 response: success or error. */
export const JsonRpcResponseSchema = z.union([
  JsonRpcErrorResponseSchema,
  JsonRpcSuccessResponseSchema,
]) as unknown as z.ZodType<JsonRpcResponse, unknown>;

/** A JSON-RPC 2.0 response: success or error. */
export type JsonRpcResponse<Result = unknown> =
  JsonRpcSuccessResponse<Result> | JsonRpcErrorResponse;

/** Which A2A JSON-RPC dialect to speak: 1.0 (details array) or 0.3 (free-form `data`). */
export type JsonRpcDialect = '1.0' | '0.3';

/** Builds a success response. */
export function jsonRpcSuccess<Result>(
  id: JsonRpcId,
  result: Result,
): JsonRpcSuccessResponse<Result> {
  return { jsonrpc: '2.0', id, result };
}

/**
 * Builds an error response in the given dialect; `variant` picks the 1.0 error mapping.
 * @example
 * jsonRpcError(request.id ?? null, new TaskNotFoundError(), '1.0');
 */
export function jsonRpcError(
  id: JsonRpcId,
  error: A2AError,
  dialect: JsonRpcDialect,
  variant?: ErrorMappingVariant,
): JsonRpcErrorResponse {
  const body = dialect === '0.3' ? error.toJsonRpcError03() : error.toJsonRpcError(variant);
  return { jsonrpc: '2.0', id, error: body };
}

/** What {@link parseJsonRpcRequest} returns: the request, or the error to answer with `id`. */
export type JsonRpcRequestParseResult =
  { ok: true; request: JsonRpcRequest } | { ok: false; id: JsonRpcId; error: A2AError };

const ParamsSchema = z.record(z.string(), z.unknown());

/** `JsonRpcIdSchema`, answered without zod for what it plainly accepts. */
function isJsonRpcId(id: unknown): boolean {
  if (typeof id === 'string' || id === null) return true;
  if (typeof id === 'number' && Number.isFinite(id)) return true;
  return JsonRpcIdSchema.safeParse(id).success;
}

/** `ParamsSchema`, answered without zod for plain objects (what JSON.parse makes). */
function isParams(params: unknown): boolean {
  if (typeof params === 'object' && params !== null && !Array.isArray(params)) {
    const proto = Object.getPrototypeOf(params) as unknown;
    const plain = proto === Object.prototype || proto === null;
    if (plain && Object.getOwnPropertySymbols(params).length === 0) return true;
  }
  return ParamsSchema.safeParse(params).success;
}

function invalid(id: JsonRpcId, message: string): JsonRpcRequestParseResult {
  return { ok: false, id, error: new InvalidRequestError(message) };
}

/**
 * Checks a parsed JSON body against JSON-RPC 2.0. On failure gives the InvalidRequest error to
 * send back and the id to echo (null when it could not be read). Batches are not supported.
 * @example
 * const parsed = parseJsonRpcRequest(await request.json());
 * if (!parsed.ok) return Response.json(jsonRpcError(parsed.id, parsed.error, '1.0'));
 */
export function parseJsonRpcRequest(value: unknown): JsonRpcRequestParseResult {
  if (Array.isArray(value)) return invalid(null, 'batch requests are not supported');
  if (typeof value !== 'object' || value === null) {
    return invalid(null, 'request must be a JSON object');
  }
  const { jsonrpc, id, method, params } = value as Record<string, unknown>;
  if (id !== undefined && !isJsonRpcId(id)) {
    return invalid(null, 'id must be a string, a number or null');
  }
  const echo = (id ?? null) as JsonRpcId;
  if (jsonrpc !== '2.0') return invalid(echo, 'jsonrpc must be "2.0"');
  if (typeof method !== 'string') return invalid(echo, 'method must be a string');
  if (params !== undefined && !isParams(params)) {
    return invalid(echo, 'params must be an object');
  }
  const request: JsonRpcRequest = {
    jsonrpc,
    ...(id !== undefined && { id: id as JsonRpcId }),
    method,
    ...(params !== undefined && { params: params as Record<string, unknown> }),
  };
  return { ok: true, request };
}
