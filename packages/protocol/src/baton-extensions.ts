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

/**
 * Names of Baton's extension parameters inside operation params (JSON-RPC `params`, REST query
 * strings), next to the fields of the A2A schema.
 */
export const BATON_PARAMS = {
  /**
   * ListTasks (task-search extension): only tasks whose history, status messages or artifacts
   * contain this text, ignoring case.
   */
  taskQuery: 'query',
  /** SubscribeToTask (resumable-streams extension): replay the log after this sequence number. */
  resumeAfter: 'resumeAfter',
} as const;
