import { A2AError, ParseError, PayloadTooLargeError } from '@baton/protocol';

/** Limits on reading one request body. */
export interface BodyLimits {
  /** Largest body in bytes. */
  maxBytes: number;
  /** Time allowed to receive the whole body, in milliseconds. */
  timeoutMs: number;
}

/** The 408 error of a body that did not arrive in time (an invalid request, -32600). */
export function bodyTimeoutError(timeoutMs: number): A2AError {
  return new A2AError({
    code: -32600,
    reason: 'INVALID_REQUEST',
    message: `Request body not received within ${timeoutMs} ms`,
    httpStatus: 408,
    grpcStatus: 'DEADLINE_EXCEEDED',
  });
}

function tooLarge(maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`Request body exceeds ${maxBytes} bytes`);
}

/**
 * Reads a request body as UTF-8 text without ever holding more than `maxBytes`: a larger
 * `Content-Length` is refused before reading, a body that streams past the limit is cut off, and
 * a body that takes longer than `timeoutMs` is abandoned. Throws `PayloadTooLargeError` (413),
 * a 408 `A2AError`, or `ParseError` for bytes that are not UTF-8.
 */
export async function readBody(request: Request, limits: BodyLimits): Promise<string> {
  const declared = request.headers.get('content-length');
  const length = declared !== null && /^\d+$/.test(declared.trim()) ? Number(declared) : undefined;
  if (length !== undefined && length > limits.maxBytes) throw tooLarge(limits.maxBytes);
  // Without a declared length the body is read as a stream, counting bytes as they arrive.
  const body = length === undefined ? request.body : undefined;
  if (body === null) return '';
  // A declared length within the limit bounds the body (HTTP framing), so it is read in one go,
  // without touching `request.body`: runtimes then skip the stream (hono's Node adapter reads
  // straight from the socket).
  if (body === undefined) {
    const bytes = new Uint8Array(await withTimeout(request.arrayBuffer(), limits.timeoutMs));
    if (bytes.byteLength > limits.maxBytes) throw tooLarge(limits.maxBytes);
    return decodeUtf8([bytes], bytes.byteLength);
  }
  const reader = body.getReader();
  // A stalled stream is cancelled at the deadline, which ends the read loop.
  const cancel = () => void reader.cancel().catch(() => undefined);
  return withTimeout(readChunks(reader, limits.maxBytes), limits.timeoutMs, cancel);
}

/**
 * Settles like `read`, or rejects with the 408 error after `timeoutMs`; then `onExpire` runs
 * (to stop the read) and whatever `read` settles with is dropped.
 */
function withTimeout<T>(read: Promise<T>, timeoutMs: number, onExpire?: () => void): Promise<T> {
  return BodyDeadlines.for(timeoutMs).race(read, onExpire);
}

/** A read waiting for its body; `reject` is dropped once it settled or timed out. */
interface PendingRead {
  deadline: number;
  reject: ((error: unknown) => void) | undefined;
  onExpire: (() => void) | undefined;
}

/**
 * The deadlines of the body reads under way with one timeout: one timer for all of them instead
 * of a timer set and cleared per request. Reads start in deadline order, so they wait in a queue;
 * a read that settles is only marked (the queue drops it when it gets there), and the timer is
 * set for the oldest read still waiting, cleared when none is.
 */
export class BodyDeadlines {
  static readonly #byTimeout = new Map<number, BodyDeadlines>();
  readonly #timeoutMs: number;
  #queue: PendingRead[] = [];
  #head = 0;
  #waiting = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  private constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  /** The deadlines of reads with this timeout. */
  static for(timeoutMs: number): BodyDeadlines {
    let deadlines = BodyDeadlines.#byTimeout.get(timeoutMs);
    if (!deadlines)
      BodyDeadlines.#byTimeout.set(timeoutMs, (deadlines = new BodyDeadlines(timeoutMs)));
    return deadlines;
  }

  /** Reads under way (for tests). */
  get waiting(): number {
    return this.#waiting;
  }

  /**
   * Settles like `read`, or rejects with the 408 error once the timeout has passed and then calls
   * `onExpire`.
   */
  race<T>(read: Promise<T>, onExpire?: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const deadline = performance.now() + this.#timeoutMs;
      const entry: PendingRead = { deadline, reject, onExpire };
      this.#queue.push(entry);
      if (this.#waiting++ === 0) this.#arm(this.#timeoutMs);
      read.then(
        (value) => {
          if (this.#settle(entry)) resolve(value);
        },
        (error: unknown) => {
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what read threw
          if (this.#settle(entry)) reject(error);
        },
      );
    });
  }

  /** Marks a read settled; false when it had timed out already. */
  #settle(entry: PendingRead): boolean {
    if (!entry.reject) return false;
    entry.reject = undefined;
    if (--this.#waiting === 0) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#queue = [];
      this.#head = 0;
    }
    return true;
  }

  #arm(delayMs: number): void {
    this.#timer = setTimeout(this.#expire, Math.max(1, Math.ceil(delayMs)));
  }

  readonly #expire = (): void => {
    this.#timer = undefined;
    const now = performance.now();
    const queue = this.#queue;
    let head = this.#head;
    for (; head < queue.length; head++) {
      const entry = queue[head]!;
      const reject = entry.reject;
      if (!reject) continue;
      if (entry.deadline > now) break;
      entry.reject = undefined;
      this.#waiting--;
      reject(bodyTimeoutError(this.#timeoutMs));
      entry.onExpire?.();
    }
    if (head === queue.length) {
      this.#queue = [];
      this.#head = 0;
      return;
    }
    // Drop the part already passed once it is the larger one.
    if (head > queue.length / 2) {
      this.#queue = queue.slice(head);
      head = 0;
    }
    this.#head = head;
    this.#arm(this.#queue[head]!.deadline - now);
  };
}

async function readChunks(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  }
  return decodeUtf8(chunks, size);
}

/** Fatal: bytes that are not UTF-8 throw. Stateless between calls (no `stream` option). */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function decodeUtf8(chunks: readonly Uint8Array[], size: number): string {
  let bytes = chunks[0] ?? new Uint8Array(0);
  if (chunks.length > 1) {
    bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
  }
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new ParseError('Request body is not valid UTF-8', { cause });
  }
}

/**
 * Parses a JSON body. Throws `ParseError` (-32700) on invalid JSON.
 * @example
 * const value = parseJson(await readBody(request, limits));
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ParseError(undefined, { cause });
  }
}

/** Whether a `Content-Type` names JSON: `application/json` or any `application/*+json`. */
export function isJsonContentType(header: string | null | undefined): boolean {
  if (!header) return false;
  if (header === 'application/json') return true;
  const type = header.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
}

/** The 415 error of a body that is not JSON (an invalid request, -32600). */
export function unsupportedMediaTypeError(contentType: string | null): A2AError {
  return new A2AError({
    code: -32600,
    reason: 'INVALID_REQUEST',
    message: `Content-Type must be application/json, got ${contentType ?? 'none'}`,
    httpStatus: 415,
    grpcStatus: 'INVALID_ARGUMENT',
  });
}
