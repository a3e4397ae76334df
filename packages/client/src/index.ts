export { apiKey, type ApiKeyOptions } from './auth/api-key.js';
export { bearerToken, type BearerTokenOptions } from './auth/bearer-token.js';
export { type AgentCredentials, authFromCard } from './auth/from-card.js';
export { customHeaders, logRequests, type RequestLogEntry } from './auth/headers.js';
export { AgentCardCache, type CachedAgentCard } from './card/card-cache.js';
export {
  AGENT_CARD_PATH,
  agentCardUrl,
  defaultAgentCardCache,
  fetchAgentCard,
  type FetchAgentCardOptions,
  LEGACY_AGENT_CARD_PATH,
  loadAgentCard,
  parseAgentCard,
} from './card/fetch-agent-card.js';
export { canonicalJson, signingPayload } from './card/jcs.js';
export {
  type CardKeyResolver,
  type CardVerificationOptions,
  type JwsHeader,
  verifyAgentCardSignature,
} from './card/verify-signature.js';
export {
  type Carrier,
  type CarrierEvent,
  type CarrierRequest,
  type CarrierResponse,
} from './carrier/carrier.js';
export { HttpCarrier, type HttpCarrierOptions } from './carrier/http-carrier.js';
export {
  A2AClient,
  createClient,
  isStreamingOperation,
  type StreamingOperation,
  type UnaryOperation,
} from './client.js';
export {
  type CallOptions,
  type ClientOptions,
  type ConnectOptions,
  type StreamOptions,
} from './client-options.js';
export { type Codec, type EncodeContext, type EncodedRequest } from './codec/codec.js';
export { jsonRpc03 } from './codec/jsonrpc-03.js';
export { jsonRpc10 } from './codec/jsonrpc-10.js';
export { JsonRpcCodec, type JsonRpcDialect } from './codec/jsonrpc-codec.js';
export { RestCodec } from './codec/rest-codec.js';
export { A2AClientError, type A2AClientErrorCode, type A2AClientErrorOptions } from './errors.js';
export {
  type ClientInterceptor,
  type InterceptedRequest,
  type InterceptedResponse,
  type InterceptorVerdict,
} from './interceptors.js';
export { type MessageInput, type MessageTarget, userMessage } from './message-input.js';
export { DEFAULT_RETRY, type RetryOptions } from './retry.js';
export { sendAndWait, type SendAndWaitOptions } from './send-and-wait.js';
export { readSseStream, type SseEvent, SseParser } from './sse-parser.js';
export { type ResumeOptions } from './stream.js';
export { declaresTaskSearch, type ListTasksSearchRequest } from './task-search.js';
export { sameStatus, TaskTracker } from './task-tracker.js';
export { dataOf, type HasText, isTask, textOf } from './text.js';
export {
  DEFAULT_PREFERENCES,
  type InterfacePreference,
  jsonRpcTransport,
  restTransport,
  type SelectedInterface,
  selectInterface,
  type Transport,
  type TransportFactory,
  type TransportFactoryOptions,
} from './transport.js';
