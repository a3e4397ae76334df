/**
 * URIs of Baton's own protocol extensions and bindings, as declared in agent cards
 * (`capabilities.extensions[].uri`, `supportedInterfaces[].protocolBinding`).
 */
export const BATON_URIS = {
  /**
   * Resumable streams: SSE events carry the task's event sequence number as `id:`; a client that
   * reconnects with `Last-Event-ID` (or the `resumeAfter` parameter) gets exactly the events it
   * missed, then live ones.
   */
  resumableStreams: 'urn:baton:extension:resumable-streams:1',
  /** Full-text search over task history and artifacts, as a ListTasks parameter. */
  taskSearch: 'urn:baton:extension:task-search:1',
  /** The JSON-RPC over WebSocket binding. */
  webSocketBinding: 'urn:baton:binding:jsonrpc-websocket:1',
} as const;
