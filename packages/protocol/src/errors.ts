import {
  A2A_ERRORS,
  type A2AErrorName,
  type A2AErrorTableEntry,
  type A2AJsonRpcError,
  type A2AJsonRpcError03,
  type A2ARestError,
  buildDetails,
  DEFAULT_ERROR_MAPPING_VARIANT,
  type ErrorMappingVariant,
  errorNameFor,
  errorNameForReason,
  type GrpcStatusName,
  isDetailList,
  isGrpcStatusName,
  isRecord,
  type ParsedDetails,
  parseDetails,
  violationsFrom,
} from './error-table.js';
import { type FieldViolation } from './validation.js';

const A2A_ERROR_BRAND: unique symbol = Symbol.for('baton.a2a-error');

/** Options every A2A error constructor takes. */
export interface A2AErrorOptions {
  /** The error that led to this one; passed on to `Error` as `cause`, never serialized. */
  cause?: unknown;
  /** `google.rpc.ErrorInfo.metadata`: context such as `{ taskId }`. */
  metadata?: Record<string, string>;
  /** Further `google.rpc` detail objects (each with an `@type`), sent after ErrorInfo. */
  details?: unknown[];
  /** Free-form 0.3 `data`, as received from or sent to a 0.3 peer. */
  data?: unknown;
}

/** Options of {@link InvalidParamsError}: the fields that failed validation. */
export interface InvalidParamsErrorOptions extends A2AErrorOptions {
  /** Sent as a `google.rpc.BadRequest` detail. */
  fieldViolations?: FieldViolation[];
}

/** Everything that makes an {@link A2AError}; for codes without a class of their own. */
export interface A2AErrorInit extends InvalidParamsErrorOptions {
  /** JSON-RPC error code. */
  code: number;
  /** @default the table message for `code`, else `A2A error <code>` */
  message?: string;
  /** ErrorInfo reason. @default the table reason for `code`, else `UNKNOWN` */
  reason?: string;
  /** HTTP status for both mappings. @default from the table for `code`, else 500 */
  httpStatus?: number;
  /** gRPC status for both mappings. @default from the table for `code`, else UNKNOWN */
  grpcStatus?: GrpcStatusName;
}

/**
 * An error that travels over the A2A wire (A2A 1.0 §3.3.2). Branded with
 * `Symbol.for('baton.a2a-error')`: test with {@link A2AError.isInstance}, not `instanceof`.
 * @example
 * throw new TaskNotFoundError(undefined, { metadata: { taskId } });
 */
export class A2AError extends Error {
  /** JSON-RPC error code. */
  readonly code: number;
  /** `google.rpc.ErrorInfo.reason`, such as `TASK_NOT_FOUND`. */
  readonly reason: string;
  /** `google.rpc.ErrorInfo.metadata`. */
  readonly metadata: Readonly<Record<string, string>> | undefined;
  /** Fields that failed validation, sent as `google.rpc.BadRequest`. */
  readonly fieldViolations: readonly FieldViolation[];
  /** Further detail objects, sent after ErrorInfo and BadRequest. */
  readonly details: readonly unknown[];
  /** Free-form 0.3 `data`. */
  readonly data: unknown;
  readonly #httpStatus: number | undefined;
  readonly #grpcStatus: GrpcStatusName | undefined;
  readonly #entry: A2AErrorTableEntry | undefined;

  constructor(init: A2AErrorInit) {
    const name = errorNameFor(init.code, init.reason);
    const entry: A2AErrorTableEntry | undefined = name && A2A_ERRORS[name];
    super(
      init.message ?? entry?.message ?? `A2A error ${init.code}`,
      'cause' in init ? { cause: init.cause } : undefined,
    );
    this.code = init.code;
    this.reason = init.reason ?? entry?.reason ?? 'UNKNOWN';
    // Only the classes below carry a table name; a hand-built A2AError stays an A2AError.
    this.name =
      new.target !== A2AError && name && entry?.reason === this.reason ? name : 'A2AError';
    this.metadata = init.metadata && { ...init.metadata };
    this.fieldViolations = (init.fieldViolations ?? []).map(({ field, description }) => ({
      field,
      description,
    }));
    this.details = [...(init.details ?? [])];
    this.data = init.data;
    this.#httpStatus = init.httpStatus;
    this.#grpcStatus = init.grpcStatus;
    this.#entry = entry;
  }

  /** Brand shared by every installed copy of Baton. */
  get [A2A_ERROR_BRAND](): true {
    return true;
  }

  /** Whether a value is an A2A error from any copy of Baton (`instanceof` is not enough). */
  static isInstance(this: void, value: unknown): value is A2AError {
    return isRecord(value) && value[A2A_ERROR_BRAND] === true && typeof value.code === 'number';
  }

  /** HTTP status for the REST binding. */
  httpStatus(variant: ErrorMappingVariant = DEFAULT_ERROR_MAPPING_VARIANT): number {
    return this.#httpStatus ?? this.#entry?.http[variant] ?? 500;
  }

  /** gRPC status name; also the REST `error.status` string. */
  grpcStatus(variant: ErrorMappingVariant = DEFAULT_ERROR_MAPPING_VARIANT): GrpcStatusName {
    return this.#grpcStatus ?? this.#entry?.grpc[variant] ?? 'UNKNOWN';
  }

  /** The 1.0 `data` array: ErrorInfo, then BadRequest if any field failed, then `details`. */
  wireDetails(): unknown[] {
    return buildDetails(this);
  }

  /**
   * The 1.0 JSON-RPC error object (A2A.md §4). The shape is the same under both mappings; the
   * variant is accepted so every binding serializes alike.
   */
  toJsonRpcError(_variant?: ErrorMappingVariant): A2AJsonRpcError {
    return { code: this.code, message: this.message, data: this.wireDetails() };
  }

  /** The 0.3 JSON-RPC error object: `data` is the 0.3 data, else the field violations, else absent. */
  toJsonRpcError03(): A2AJsonRpcError03 {
    const violations = this.fieldViolations.map((violation) => ({ ...violation }));
    const data = this.data ?? (violations.length > 0 ? violations : undefined);
    return data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data };
  }

  /** The REST error: HTTP status and google.rpc.Status body (A2A 1.0 §11.6, AIP-193). */
  toRestError(variant: ErrorMappingVariant = DEFAULT_ERROR_MAPPING_VARIANT): A2ARestError {
    const status = this.httpStatus(variant);
    const error = {
      code: status,
      status: this.grpcStatus(variant),
      message: this.message,
      details: this.wireDetails(),
    };
    return { status, body: { error } };
  }
}

function known(name: A2AErrorName, message?: string, options?: InvalidParamsErrorOptions) {
  const { code, reason } = A2A_ERRORS[name];
  return { ...options, code, reason, message, httpStatus: undefined, grpcStatus: undefined };
}

function isKnown(value: unknown, name: A2AErrorName): boolean {
  const { code, reason } = A2A_ERRORS[name];
  return A2AError.isInstance(value) && value.code === code && value.reason === reason;
}

/** -32700: the request body is not valid JSON. */
export class ParseError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('ParseError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is ParseError {
    return isKnown(value, 'ParseError');
  }
}

/** -32600: the payload is not a valid JSON-RPC request (or REST request shape). */
export class InvalidRequestError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('InvalidRequestError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is InvalidRequestError {
    return isKnown(value, 'InvalidRequestError');
  }
}
/** -32601: no such method (REST: no such route, HTTP 404). */
export class MethodNotFoundError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('MethodNotFoundError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is MethodNotFoundError {
    return isKnown(value, 'MethodNotFoundError');
  }
}
/** -32602: the parameters failed validation; list the fields in `fieldViolations`. */
export class InvalidParamsError extends A2AError {
  constructor(message?: string, options?: InvalidParamsErrorOptions) {
    super(known('InvalidParamsError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is InvalidParamsError {
    return isKnown(value, 'InvalidParamsError');
  }
}
/** -32603: something failed on the server; the message must not leak internals. */
export class InternalError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('InternalError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is InternalError {
    return isKnown(value, 'InternalError');
  }
}
/** -32001: the task id is unknown, purged or not visible to the caller. */
export class TaskNotFoundError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('TaskNotFoundError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is TaskNotFoundError {
    return isKnown(value, 'TaskNotFoundError');
  }
}
/** -32002: the task is in a terminal state and cannot be canceled. */
export class TaskNotCancelableError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('TaskNotCancelableError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is TaskNotCancelableError {
    return isKnown(value, 'TaskNotCancelableError');
  }
}
/** -32003: push notifications are not enabled in the agent card. */
export class PushNotificationNotSupportedError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('PushNotificationNotSupportedError', message, options));
  }
  static override isInstance(
    this: void,
    value: unknown,
  ): value is PushNotificationNotSupportedError {
    return isKnown(value, 'PushNotificationNotSupportedError');
  }
}
/** -32004: the agent does not support this operation in this state. */
export class UnsupportedOperationError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('UnsupportedOperationError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is UnsupportedOperationError {
    return isKnown(value, 'UnsupportedOperationError');
  }
}
/** -32005: a part's media type is not accepted by the agent. */
export class ContentTypeNotSupportedError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('ContentTypeNotSupportedError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is ContentTypeNotSupportedError {
    return isKnown(value, 'ContentTypeNotSupportedError');
  }
}
/** -32006: the agent answered with something that does not fit the method. */
export class InvalidAgentResponseError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('InvalidAgentResponseError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is InvalidAgentResponseError {
    return isKnown(value, 'InvalidAgentResponseError');
  }
}
/** -32007: the extended agent card is declared but none is configured. */
export class ExtendedAgentCardNotConfiguredError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('ExtendedAgentCardNotConfiguredError', message, options));
  }
  static override isInstance(
    this: void,
    value: unknown,
  ): value is ExtendedAgentCardNotConfiguredError {
    return isKnown(value, 'ExtendedAgentCardNotConfiguredError');
  }
}
/** -32008: the request did not activate an extension the card requires. */
export class ExtensionSupportRequiredError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('ExtensionSupportRequiredError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is ExtensionSupportRequiredError {
    return isKnown(value, 'ExtensionSupportRequiredError');
  }
}
/** -32009: the requested `A2A-Version` is not served by this interface. */
export class VersionNotSupportedError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('VersionNotSupportedError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is VersionNotSupportedError {
    return isKnown(value, 'VersionNotSupportedError');
  }
}
/** -32040 (Baton): credentials are missing or invalid (HTTP 401). */
export class UnauthenticatedError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('UnauthenticatedError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is UnauthenticatedError {
    return isKnown(value, 'UnauthenticatedError');
  }
}
/** -32041 (Baton): the caller may not perform this operation (HTTP 403). */
export class PermissionDeniedError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('PermissionDeniedError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is PermissionDeniedError {
    return isKnown(value, 'PermissionDeniedError');
  }
}
/** -32600 `PAYLOAD_TOO_LARGE` (Baton): the request body is too large (HTTP 413). */
export class PayloadTooLargeError extends A2AError {
  constructor(message?: string, options?: A2AErrorOptions) {
    super(known('PayloadTooLargeError', message, options));
  }
  static override isInstance(this: void, value: unknown): value is PayloadTooLargeError {
    return isKnown(value, 'PayloadTooLargeError');
  }
}

type ErrorClass = new (message?: string, options?: InvalidParamsErrorOptions) => A2AError;

const ERROR_CLASSES: Record<A2AErrorName, ErrorClass> = {
  ParseError,
  InvalidRequestError,
  MethodNotFoundError,
  InvalidParamsError,
  InternalError,
  TaskNotFoundError,
  TaskNotCancelableError,
  PushNotificationNotSupportedError,
  UnsupportedOperationError,
  ContentTypeNotSupportedError,
  InvalidAgentResponseError,
  ExtendedAgentCardNotConfiguredError,
  ExtensionSupportRequiredError,
  VersionNotSupportedError,
  UnauthenticatedError,
  PermissionDeniedError,
  PayloadTooLargeError,
};

// Statuses that proxies and auth middleware send without an A2A body.
const REST_STATUS_FALLBACK: Partial<Record<number, A2AErrorName>> = {
  401: 'UnauthenticatedError',
  403: 'PermissionDeniedError',
  413: 'PayloadTooLargeError',
};

function optionsOf(parsed: ParsedDetails, data?: unknown): InvalidParamsErrorOptions {
  const { metadata, fieldViolations, details } = parsed;
  return { metadata, fieldViolations, details, data };
}

/**
 * Rebuilds an error from a JSON-RPC error object of either dialect: the class is chosen by code
 * (and ErrorInfo reason where codes are shared); an unknown code gives a plain {@link A2AError}.
 * Never throws: a malformed object gives an {@link InternalError} that says what was wrong.
 */
export function errorFromJsonRpc(value: unknown): A2AError {
  if (!isRecord(value)) return new InternalError('Malformed JSON-RPC error: not an object');
  const { code, message, data } = value;
  if (typeof code !== 'number' || !Number.isInteger(code)) {
    return new InternalError('Malformed JSON-RPC error: code is not an integer');
  }
  const text = typeof message === 'string' ? message : undefined;
  const parsed: ParsedDetails = isDetailList(data)
    ? parseDetails(data)
    : { fieldViolations: violationsFrom(data, true), details: [] };
  const options = optionsOf(parsed, isDetailList(data) ? undefined : data);
  const name = errorNameFor(code, parsed.reason);
  if (name) return new ERROR_CLASSES[name](text, options);
  return new A2AError({ ...options, code, message: text, reason: parsed.reason });
}

/**
 * Rebuilds an error from a REST response: the class is chosen by the ErrorInfo reason in a
 * google.rpc.Status body (AIP-193). Without a known reason, 401, 403 and 413 map to their classes
 * and anything else to a plain {@link A2AError} keeping the HTTP status. Never throws.
 */
export function errorFromRestBody(httpStatus: number, body: unknown): A2AError {
  const status = isRecord(body) ? body.error : undefined;
  const fallback = REST_STATUS_FALLBACK[httpStatus];
  if (!isRecord(status)) {
    if (fallback) return new ERROR_CLASSES[fallback]();
    return new InternalError(`Malformed REST error body (HTTP ${httpStatus})`);
  }
  const text = typeof status.message === 'string' ? status.message : undefined;
  const list = status.details;
  const parsed = parseDetails(Array.isArray(list) ? list : list === undefined ? [] : [list]);
  const name = parsed.reason === undefined ? fallback : errorNameForReason(parsed.reason);
  if (name) return new ERROR_CLASSES[name](text, optionsOf(parsed));
  return new A2AError({
    ...optionsOf(parsed),
    code: httpStatus >= 500 ? A2A_ERRORS.InternalError.code : A2A_ERRORS.InvalidRequestError.code,
    message: text ?? `HTTP ${httpStatus}`,
    reason: parsed.reason ?? 'UNKNOWN',
    httpStatus,
    grpcStatus: isGrpcStatusName(status.status) ? status.status : undefined,
  });
}

/**
 * Normalizes anything thrown into an A2A error at a boundary: A2A errors pass through, anything
 * else becomes an {@link InternalError} with a safe message and the original as `cause`.
 */
export function toA2AError(value: unknown): A2AError {
  return A2AError.isInstance(value) ? value : new InternalError(undefined, { cause: value });
}
