import { type JsonRpcBinding } from './jsonrpc-binding.js';

/**
 * What `createA2AHono` leaves on its app for a server that can call the JSON-RPC binding without
 * going through hono (`serveNode` does, see `./node.ts`): a POST to exactly `path` then skips
 * routing, the web `Request` and the `Response`. Nothing a user adds to the app later can change
 * that request's answer through hono either: handlers run in the order they were added, and the
 * binding, added first, answers every request without calling the next one.
 */
export interface DirectJsonRpc {
  /** The JSON-RPC path, as the app routes it. */
  path: string;
  binding: JsonRpcBinding;
  /** Whether the binding hands the request's headers to an authenticator (as web `Headers`). */
  authenticates: boolean;
}

/** The key of {@link DirectJsonRpc} on an app (a global symbol: one per process, not per copy). */
export const DIRECT_JSON_RPC = Symbol.for('baton.transport-http.direct-json-rpc');
