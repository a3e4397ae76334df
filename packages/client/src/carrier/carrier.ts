import { type HttpVerb, type OperationName } from '@baton/protocol';

/**
 * One request as a codec shaped it, ready to be carried: target, verb, service-parameter headers
 * and a JSON body. A JSON-RPC codec always gives `POST` with the envelope as `body`, so a carrier
 * that frames JSON-RPC differently (a WebSocket) can ignore `url` and `method`.
 */
export interface CarrierRequest {
  /** The A2A operation, for carriers and interceptors that care. */
  operation: OperationName;
  /** Absolute URL: the interface URL, plus the route for REST. */
  url: URL;
  /** HTTP verb. */
  method: HttpVerb;
  /** Headers: service parameters (`A2A-Version`, `A2A-Extensions`) and whatever interceptors add. */
  headers: Headers;
  /** JSON body, serialized by the carrier; absent for GET and DELETE. */
  body?: unknown;
  /** The operation answers with a stream of events. */
  streaming: boolean;
  /**
   * Aborts the request and, for a stream, closes it. When it fires with an `A2AClientError`
   * reason, carriers rethrow that reason.
   */
  signal: AbortSignal;
  /** For a resumed stream: the last event id seen, sent as `Last-Event-ID`. */
  lastEventId?: string | undefined;
}

/** One event of a streamed response: its JSON data and, if the server sent one, its id. */
export interface CarrierEvent {
  /** The parsed JSON of the event. */
  data: unknown;
  /** The event's id (SSE `id:`), only when this very event carried one. */
  id?: string | undefined;
}

/** What came back: status, headers, and either a JSON body or a stream of events. */
export interface CarrierResponse {
  /** HTTP status (a carrier without statuses reports 200). */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** The body parsed as JSON; undefined when empty or not JSON (see `text`). */
  body: unknown;
  /** The body as text; empty for a stream. */
  text: string;
  /**
   * The events, when the response is a stream. Stopping the iteration closes the stream at once.
   * Iteration throws `A2AClientError` `NETWORK_ERROR` when the connection breaks.
   */
  events?: AsyncIterable<CarrierEvent> | undefined;
  /** Releases a stream that will not be iterated (closes the connection). */
  close?: (() => Promise<void>) | undefined;
}

/**
 * Moves requests shaped by a codec to an agent and brings back responses and event streams.
 * {@link HttpCarrier} does it over `fetch` with SSE; a WebSocket carrier can implement the same
 * interface for the JSON-RPC codecs.
 */
export interface Carrier {
  /** Sends one request; resolves once the response (or the stream's first byte) arrives. */
  send(request: CarrierRequest): Promise<CarrierResponse>;
}
