import { type AgentCard } from '@baton/protocol';
import { type A2ARequestHandler, createJsonRpcDispatcher } from '@baton/server';
import { Hono } from 'hono';

import { type BindingDeps } from './binding-context.js';
import { CardCache, cardResponse } from './card-route.js';
import { DIRECT_JSON_RPC, type DirectJsonRpc } from './direct-route.js';
import { createJsonRpcBinding } from './jsonrpc-binding.js';
import { type A2AHonoOptions, resolveOptions } from './options.js';
import { INTERNAL_ERROR, JsonReply } from './responses.js';
import { createRestBinding } from './rest-binding.js';

/** The well-known path of the public agent card (both protocol versions). */
export const AGENT_CARD_PATH = '/.well-known/agent-card.json';
/** The 0.2-era card path, served as an alias while a 0.3 interface is served. */
export const LEGACY_AGENT_CARD_PATH = '/.well-known/agent.json';

function join(base: string, path: string): string {
  return base === '/' ? path : `${base}${path}`;
}

/**
 * Puts an A2A request handler on HTTP: a hono app serving the agent card, the JSON-RPC binding
 * (1.0 and 0.3 on one URL, SSE streaming) and the HTTP+JSON (REST) 1.0 binding. It runs on any
 * runtime hono runs on; on Node, serve it with `serveNode` from `@baton/transport-http/node`.
 * The transport only frames bytes: every answer comes from the handler.
 * @example
 * const handler = createRequestHandler({ agentCard, executor, store: createInMemoryStore() });
 * const app = createA2AHono(handler, { bodyLimit: 256 * 1024 });
 * export default app; // Bun, Deno, Cloudflare Workers…
 */
export function createA2AHono(handler: A2ARequestHandler, options: A2AHonoOptions = {}): Hono {
  const resolved = resolveOptions(options);
  const cards = new CardCache();
  const servedFor = (request: Request) => {
    const base = resolved.baseUrl ?? new URL(request.url).origin;
    return {
      jsonRpcUrl: `${base}${resolved.jsonRpcPath}`,
      restUrl: `${base}${resolved.restPath === '/' ? '' : resolved.restPath}`,
      jsonRpcVersions: resolved.jsonRpcVersions,
      restVersions: resolved.restVersions,
    };
  };
  const entityFor = (request: Request) => cards.get(handler.agentCard, servedFor(request));
  const deps: BindingDeps = {
    handler,
    options: resolved,
    card: async (request): Promise<AgentCard> => (await entityFor(request)).card,
  };

  const app = new Hono();
  let direct: DirectJsonRpc | undefined;
  const serveCard = async (request: Request) =>
    cardResponse(await entityFor(request), request, resolved.cardMaxAge);
  app.get(AGENT_CARD_PATH, (c) => serveCard(c.req.raw));
  if (resolved.jsonRpcVersions.includes('0.3')) {
    app.get(LEGACY_AGENT_CARD_PATH, (c) => serveCard(c.req.raw));
  }

  if (resolved.jsonRpcVersions.length > 0) {
    const jsonRpc = createJsonRpcBinding(
      deps,
      createJsonRpcDispatcher(handler, { errorMapping: resolved.errorStatusVariant }),
    );
    app.post(resolved.jsonRpcPath, async (c) => {
      const reply = await jsonRpc(c.req.raw, c.env);
      return reply instanceof JsonReply ? reply.toResponse() : reply;
    });
    direct = {
      path: resolved.jsonRpcPath,
      binding: jsonRpc,
      authenticates: resolved.authenticator !== undefined,
    };
  }

  if (resolved.restVersions.length > 0) {
    const rest = createRestBinding(deps);
    const prefix = resolved.restPath === '/' ? '' : resolved.restPath;
    app.all(join(resolved.restPath, '/*'), (c) => {
      const path = new URL(c.req.url).pathname.slice(prefix.length);
      return rest(c.req.raw, path === '' ? '/' : path, c.env);
    });
  }

  if (direct) Object.defineProperty(app, DIRECT_JSON_RPC, { value: direct });
  app.onError((error) => {
    // Bindings answer their own errors; this is the last guard, and it leaks nothing.
    void error;
    return INTERNAL_ERROR.toResponse();
  });
  return app;
}
