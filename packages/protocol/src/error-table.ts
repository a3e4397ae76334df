import { type FieldViolation } from './validation.js';

/**
 * The one table behind every A2A wire error: JSON-RPC code, default message, ErrorInfo reason,
 * gRPC status and HTTP status, for both error mappings (spec 1.0.1 and 1.0.0).
 */

/**
 * Which published error mapping to follow. 1.0.1 moved several errors to 400 / FAILED_PRECONDITION;
 * 1.0.0 (409, 415, 502, UNIMPLEMENTED) is what the A2A TCK checks (A2A.md §11.2).
 */
export type ErrorMappingVariant = '1.0.0' | '1.0.1';

/** The mapping used when none is given: 1.0.0, the one the TCK checks. */
export const DEFAULT_ERROR_MAPPING_VARIANT: ErrorMappingVariant = '1.0.0';

/** gRPC status codes by their google.rpc.Code name, which is also the REST `error.status`. */
export const GRPC_STATUS_CODES = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

/** A google.rpc.Code name such as `NOT_FOUND`. */
export type GrpcStatusName = keyof typeof GRPC_STATUS_CODES;

/** One row of {@link A2A_ERRORS}. */
export interface A2AErrorTableEntry {
  /** JSON-RPC error code. */
  readonly code: number;
  /** Message used when the raiser gives none. */
  readonly message: string;
  /** `google.rpc.ErrorInfo.reason`, unique across the table. */
  readonly reason: string;
  /** gRPC status per mapping; the REST `error.status` string is the same name (AIP-193). */
  readonly grpc: Readonly<Record<ErrorMappingVariant, GrpcStatusName>>;
  /** HTTP status per mapping, used by the REST binding. */
  readonly http: Readonly<Record<ErrorMappingVariant, number>>;
}

/**
 * Every error Baton puts on the wire, keyed by class name (A2A 1.0 §3.3.2, §9.5, §11.6).
 *
 * Baton-defined entries (A2A allows custom codes in -32001..-32099 if documented):
 * - `UnauthenticatedError`: JSON-RPC -32040, reason `UNAUTHENTICATED`, HTTP 401, gRPC
 *   UNAUTHENTICATED. Credentials missing or invalid.
 * - `PermissionDeniedError`: JSON-RPC -32041, reason `PERMISSION_DENIED`, HTTP 403, gRPC
 *   PERMISSION_DENIED. Authenticated caller not allowed to do this.
 * - `PayloadTooLargeError`: JSON-RPC -32600 (it is an invalid request), reason
 *   `PAYLOAD_TOO_LARGE`, HTTP 413, gRPC RESOURCE_EXHAUSTED (what gRPC itself reports for an
 *   oversized message). Told apart from `InvalidRequestError` by its reason.
 */
export const A2A_ERRORS = {
  // Standard JSON-RPC 2.0 errors.
  ParseError: {
    code: -32700,
    message: 'Invalid JSON payload',
    reason: 'PARSE_ERROR',
    grpc: { '1.0.1': 'INVALID_ARGUMENT', '1.0.0': 'INVALID_ARGUMENT' },
    http: { '1.0.1': 400, '1.0.0': 400 },
  },
  InvalidRequestError: {
    code: -32600,
    message: 'Request payload validation error',
    reason: 'INVALID_REQUEST',
    grpc: { '1.0.1': 'INVALID_ARGUMENT', '1.0.0': 'INVALID_ARGUMENT' },
    http: { '1.0.1': 400, '1.0.0': 400 },
  },
  MethodNotFoundError: {
    code: -32601,
    message: 'Method not found',
    reason: 'METHOD_NOT_FOUND',
    grpc: { '1.0.1': 'UNIMPLEMENTED', '1.0.0': 'UNIMPLEMENTED' },
    http: { '1.0.1': 404, '1.0.0': 404 },
  },
  InvalidParamsError: {
    code: -32602,
    message: 'Invalid parameters',
    reason: 'INVALID_PARAMS',
    grpc: { '1.0.1': 'INVALID_ARGUMENT', '1.0.0': 'INVALID_ARGUMENT' },
    http: { '1.0.1': 400, '1.0.0': 400 },
  },
  InternalError: {
    code: -32603,
    message: 'Internal error',
    reason: 'INTERNAL_ERROR',
    grpc: { '1.0.1': 'INTERNAL', '1.0.0': 'INTERNAL' },
    http: { '1.0.1': 500, '1.0.0': 500 },
  },
  // A2A errors (A2A.md §4).
  TaskNotFoundError: {
    code: -32001,
    message: 'Task not found',
    reason: 'TASK_NOT_FOUND',
    grpc: { '1.0.1': 'NOT_FOUND', '1.0.0': 'NOT_FOUND' },
    http: { '1.0.1': 404, '1.0.0': 404 },
  },
  TaskNotCancelableError: {
    code: -32002,
    message: 'Task cannot be canceled',
    reason: 'TASK_NOT_CANCELABLE',
    grpc: { '1.0.1': 'FAILED_PRECONDITION', '1.0.0': 'FAILED_PRECONDITION' },
    http: { '1.0.1': 400, '1.0.0': 409 },
  },
  PushNotificationNotSupportedError: {
    code: -32003,
    message: 'Push Notification is not supported',
    reason: 'PUSH_NOTIFICATION_NOT_SUPPORTED',
    grpc: { '1.0.1': 'FAILED_PRECONDITION', '1.0.0': 'UNIMPLEMENTED' },
    http: { '1.0.1': 400, '1.0.0': 400 },
  },
  UnsupportedOperationError: {
    code: -32004,
    message: 'This operation is not supported',
    reason: 'UNSUPPORTED_OPERATION',
    grpc: { '1.0.1': 'FAILED_PRECONDITION', '1.0.0': 'UNIMPLEMENTED' },
    http: { '1.0.1': 400, '1.0.0': 400 },
  },
  ContentTypeNotSupportedError: {
    code: -32005,
    message: 'Incompatible content types',
    reason: 'CONTENT_TYPE_NOT_SUPPORTED',
    grpc: { '1.0.1': 'INVALID_ARGUMENT', '1.0.0': 'INVALID_ARGUMENT' },
    http: { '1.0.1': 400, '1.0.0': 415 },
  },
  InvalidAgentResponseError: {
    code: -32006,
    message: 'Invalid agent response',
    reason: 'INVALID_AGENT_RESPONSE',
    grpc: { '1.0.1': 'INTERNAL', '1.0.0': 'INTERNAL' },
    http: { '1.0.1': 500, '1.0.0': 502 },
  },
  ExtendedAgentCardNotConfiguredError: {
    code: -32007,
    message: 'Extended agent card is not configured',
    reason: 'EXTENDED_AGENT_CARD_NOT_CONFIGURED',
    grpc: { '1.0.1': 'FAILED_PRECONDITION', '1.0.0': 'FAILED_PRECONDITION' },
    http: { '1.0.1': 400, '1.0.0': 400 },
  },
  ExtensionSupportRequiredError: {
    code: -32008,
    message: 'A required extension was not activated',
    reason: 'EXTENSION_SUPPORT_REQUIRED',
    grpc: { '1.0.1': 'FAILED_PRECONDITION', '1.0.0': 'FAILED_PRECONDITION' },
    http: { '1.0.1': 400, '1.0.0': 400 },
  },
  VersionNotSupportedError: {
    code: -32009,
    message: 'Protocol version is not supported',
    reason: 'VERSION_NOT_SUPPORTED',
    grpc: { '1.0.1': 'FAILED_PRECONDITION', '1.0.0': 'UNIMPLEMENTED' },
    http: { '1.0.1': 400, '1.0.0': 400 },
  },
  // Baton-defined errors, documented above.
  UnauthenticatedError: {
    code: -32040,
    message: 'Authentication required',
    reason: 'UNAUTHENTICATED',
    grpc: { '1.0.1': 'UNAUTHENTICATED', '1.0.0': 'UNAUTHENTICATED' },
    http: { '1.0.1': 401, '1.0.0': 401 },
  },
  PermissionDeniedError: {
    code: -32041,
    message: 'Permission denied',
    reason: 'PERMISSION_DENIED',
    grpc: { '1.0.1': 'PERMISSION_DENIED', '1.0.0': 'PERMISSION_DENIED' },
    http: { '1.0.1': 403, '1.0.0': 403 },
  },
  PayloadTooLargeError: {
    code: -32600,
    message: 'Request payload too large',
    reason: 'PAYLOAD_TOO_LARGE',
    grpc: { '1.0.1': 'RESOURCE_EXHAUSTED', '1.0.0': 'RESOURCE_EXHAUSTED' },
    http: { '1.0.1': 413, '1.0.0': 413 },
  },
} as const satisfies Record<string, A2AErrorTableEntry>;

/** The name of a known wire error, which is also its class name (`'TaskNotFoundError'`). */
export type A2AErrorName = keyof typeof A2A_ERRORS;

const NAMES = Object.keys(A2A_ERRORS) as A2AErrorName[];

/**
 * The known error for a code and reason. An exact match wins; otherwise the first entry with that
 * code (so a 0.3 error without ErrorInfo still maps by code alone). Undefined for unknown codes.
 */
export function errorNameFor(code: number, reason?: string): A2AErrorName | undefined {
  let first: A2AErrorName | undefined;
  for (const name of NAMES) {
    const entry: A2AErrorTableEntry = A2A_ERRORS[name];
    if (entry.code !== code) continue;
    if (entry.reason === reason) return name;
    first ??= name;
  }
  return first;
}

/** The known error whose ErrorInfo reason this is, if any (reasons are unique). */
export function errorNameForReason(reason: string): A2AErrorName | undefined {
  return NAMES.find((name) => A2A_ERRORS[name].reason === reason);
}

/** Whether a string is a google.rpc.Code name. */
export function isGrpcStatusName(value: unknown): value is GrpcStatusName {
  return typeof value === 'string' && Object.hasOwn(GRPC_STATUS_CODES, value);
}

/** `@type` of a google.rpc.ErrorInfo detail. */
export const ERROR_INFO_TYPE = 'type.googleapis.com/google.rpc.ErrorInfo';
/** `@type` of a google.rpc.BadRequest detail. */
export const BAD_REQUEST_TYPE = 'type.googleapis.com/google.rpc.BadRequest';
/** ErrorInfo `domain` of every A2A error. */
export const ERROR_DOMAIN = 'a2a-protocol.org';


/** The google.rpc.ErrorInfo detail that names an A2A error (A2A.md §4). */
export interface ErrorInfoDetail {
  '@type': typeof ERROR_INFO_TYPE;
  reason: string;
  domain: string;
  metadata?: Record<string, string>;
}

/** The google.rpc.BadRequest detail listing invalid fields. */
export interface BadRequestDetail {
  '@type': typeof BAD_REQUEST_TYPE;
  fieldViolations: FieldViolation[];
}

/** A 1.0 JSON-RPC error object: exactly `code`, `message` and a `data` array of details. */
export interface A2AJsonRpcError {
  code: number;
  message: string;
  data: unknown[];
}

/** A 0.3 JSON-RPC error object: `data` is free-form and optional. */
export interface A2AJsonRpcError03 {
  code: number;
  message: string;
  data?: unknown;
}

/** A REST error: the HTTP status and a google.rpc.Status body (AIP-193). */
export interface A2ARestError {
  status: number;
  body: {
    error: { code: number; status: GrpcStatusName; message: string; details: unknown[] };
  };
}

/** The parts of an error that {@link buildDetails} puts on the wire. */
export interface DetailSource {
  readonly reason: string;
  readonly metadata?: Readonly<Record<string, string>> | undefined;
  readonly fieldViolations: readonly FieldViolation[];
  readonly details: readonly unknown[];
}

/** The 1.0 details array: ErrorInfo, then BadRequest when fields failed, then the rest. */
export function buildDetails(source: DetailSource): unknown[] {
  const { reason, metadata, fieldViolations, details } = source;
  const info: ErrorInfoDetail = { '@type': ERROR_INFO_TYPE, reason, domain: ERROR_DOMAIN };
  if (metadata && Object.keys(metadata).length > 0) info.metadata = { ...metadata };
  if (fieldViolations.length === 0) return [info, ...details];
  const badRequest: BadRequestDetail = {
    '@type': BAD_REQUEST_TYPE,
    fieldViolations: fieldViolations.map(({ field, description }) => ({ field, description })),
  };
  return [info, badRequest, ...details];
}

/** What {@link parseDetails} found in a 1.0 details array. */
export interface ParsedDetails {
  reason?: string | undefined;
  metadata?: Record<string, string> | undefined;
  fieldViolations?: FieldViolation[] | undefined;
  /** Everything else, in order. */
  details: unknown[];
}

/** Whether a value is a non-array object. */
export function isRecord(value: unknown): value is Record<PropertyKey, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `data` looks like a 1.0 details array: every element an object with an `@type`. */
export function isDetailList(data: unknown): data is unknown[] {
  return (
    Array.isArray(data) && data.every((item) => isRecord(item) && typeof item['@type'] === 'string')
  );
}

/**
 * Reads field violations: `{ field, description }` objects. Absent strings count as empty, as
 * ProtoJSON omits them, unless `strict`. Undefined when the value does not fit.
 */
export function violationsFrom(value: unknown, strict = false): FieldViolation[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const violations: FieldViolation[] = [];
  for (const item of value) {
    if (!isRecord(item)) return undefined;
    const { field = strict ? undefined : '', description = strict ? undefined : '' } = item;
    if (typeof field !== 'string' || typeof description !== 'string') return undefined;
    violations.push({ field, description });
  }
  return violations;
}

/**
 * Splits a 1.0 details array into the A2A ErrorInfo (the first one in the A2A domain or without
 * one), the first BadRequest, and the rest. Metadata values that are not strings are dropped.
 */
export function parseDetails(list: readonly unknown[]): ParsedDetails {
  const parsed: ParsedDetails = { details: [] };
  for (const item of list) {
    if (!isRecord(item)) {
      parsed.details.push(item);
    } else if (
      parsed.reason === undefined &&
      item['@type'] === ERROR_INFO_TYPE &&
      typeof item.reason === 'string' &&
      (item.domain === undefined || item.domain === ERROR_DOMAIN)
    ) {
      parsed.reason = item.reason;
      parsed.metadata = stringMap(item.metadata);
    } else if (parsed.fieldViolations === undefined && item['@type'] === BAD_REQUEST_TYPE) {
      const violations = violationsFrom(item.fieldViolations ?? []);
      if (violations) parsed.fieldViolations = violations;
      else parsed.details.push(item);
    } else {
      parsed.details.push(item);
    }
  }
  return parsed;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const map: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') map[key] = entry;
  return map;
}
