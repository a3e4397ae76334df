export { AGENT_CARD_PATH, createA2AHono, LEGACY_AGENT_CARD_PATH } from './app.js';
export { wwwAuthenticate } from './auth.js';
export { buildServedCard, type ServedInterfaces, servedInterfaces } from './card.js';
export {
  type A2AHonoBindings,
  type A2AHonoOptions,
  DEFAULT_BODY_LIMIT,
  DEFAULT_JSON_RPC_PATH,
  DEFAULT_REST_PATH,
  type RestProtocolVersion,
} from './options.js';
export { formatSseEvent, type SseEvent } from './sse.js';
