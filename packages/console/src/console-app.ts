import { Hono } from 'hono';

import { type ConsoleOptions, resolveConsoleOptions } from './options.js';
import { accessControl } from './server/access.js';
import { agentsRoutes } from './server/agents-routes.js';
import { ChangeFeed } from './server/change-feed.js';
import { errorResponse } from './server/http-errors.js';
import { computeOverview } from './server/overview.js';
import { relayRoutes } from './server/relay.js';
import { taskSources } from './server/sources.js';
import { defaultPublicDir, serveStatic } from './server/static-files.js';
import { streamRoutes } from './server/stream-routes.js';
import { tasksRoutes } from './server/tasks-routes.js';
import { webhooksRoutes } from './server/webhooks-routes.js';
import { type ConsoleInfo, type OverviewResponse } from './shared/api-types.js';
import { CONSOLE_VERSION } from './version.js';

const OVERVIEW_FRESH_MS = 2000;

/**
 * The console as a hono app: the built front end, the JSON API over the store(s) beside it
 * (`/api/tasks`, `/api/tasks/:id`, `/api/tasks/:id/events`, `/api/contexts/:id`, `/api/overview`,
 * `/api/agents`, `/api/stream`), the relay the browser's A2A client talks to agents through, and
 * the debugger's webhook receiver. Mount it anywhere hono runs; `startConsole` serves it on Node.
 * @example
 * const app = createConsoleApp({ store, agents: [{ name: 'echo', url: 'http://127.0.0.1:4101' }] });
 * serve({ fetch: app.fetch, port: 4100 });
 */
export function createConsoleApp(options: ConsoleOptions = {}): Hono {
  const resolved = resolveConsoleOptions(options);
  const sources = taskSources(resolved);
  const feed = new ChangeFeed(sources, resolved.pollIntervalMs);
  let overview: { at: number; value: Promise<OverviewResponse> } | undefined;

  const api = new Hono();
  api.get('/info', (c) => {
    const info: ConsoleInfo = {
      version: CONSOLE_VERSION,
      hasStore: sources.length > 0,
      textSearch: sources.length > 0 && sources.every((s) => s.store.tasks.supportsTextSearch),
      storeAgents: resolved.agents
        .map((agent) => agent.name)
        .filter((name) => sources.some((s) => s.agent === name)),
    };
    return c.json(info);
  });
  api.get('/overview', async (c) => {
    if (!overview || Date.now() - overview.at > OVERVIEW_FRESH_MS) {
      const value = computeOverview(sources);
      overview = { at: Date.now(), value };
      value.catch(() => (overview = undefined));
    }
    return c.json(await overview.value);
  });
  api.route('/', tasksRoutes(sources));
  api.route('/', streamRoutes(sources, feed));
  api.route('/', agentsRoutes(resolved.agents, sources));
  api.route('/', relayRoutes(resolved.relay));
  api.route('/', webhooksRoutes(resolved.webhooks));
  api.onError((error) => errorResponse(error));

  const app = new Hono();
  app.use('*', accessControl(resolved.token));
  app.route('/api', api);
  serveStatic(app, resolved.publicDir ?? defaultPublicDir());
  return app;
}
