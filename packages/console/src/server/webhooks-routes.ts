import { Hono } from 'hono';

import { type ResolvedConsoleOptions } from '../options.js';
import { readBounded } from './bounded-body.js';
import { ApiError } from './http-errors.js';
import { sseResponse } from './sse.js';
import { WebhookInbox } from './webhook-inbox.js';

const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;
const KEPT_HEADERS = ['content-type', 'user-agent', 'authorization', 'x-a2a-notification-token'];

function sessionOf(id: string): string {
  if (!SESSION_ID.test(id))
    throw new ApiError(400, 'a session id is 8 to 64 letters, digits, - or _');
  return id;
}

/**
 * The built-in webhook receiver of the debugger. `POST /api/webhooks/:sessionId` takes push
 * notifications from agents (no console token: agents cannot send one; the random session id is
 * the secret); `GET` lists them, `GET …/stream` shows them live, `DELETE` clears them.
 */
export function webhooksRoutes(limits: ResolvedConsoleOptions['webhooks']): Hono {
  const app = new Hono();
  const inbox = new WebhookInbox(limits);

  app.post('/webhooks/:sessionId', async (c) => {
    const sessionId = sessionOf(c.req.param('sessionId'));
    const { bytes, truncated } = await readBounded(c.req.raw.body, limits.maxBodyBytes);
    const body = new TextDecoder().decode(bytes);
    let json: unknown;
    try {
      json = truncated ? undefined : JSON.parse(body);
    } catch {
      json = undefined;
    }
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = c.req.header(name);
      if (value !== undefined) headers[name] = value;
    }
    inbox.add(sessionId, { receivedAt: new Date().toISOString(), headers, body, json, truncated });
    return c.json({ received: true });
  });

  app.get('/webhooks/:sessionId', (c) =>
    c.json({ deliveries: inbox.list(sessionOf(c.req.param('sessionId'))) }),
  );

  app.delete('/webhooks/:sessionId', (c) => {
    inbox.clear(sessionOf(c.req.param('sessionId')));
    return c.json({ cleared: true });
  });

  app.get('/webhooks/:sessionId/stream', (c) => {
    const sessionId = sessionOf(c.req.param('sessionId'));
    return sseResponse(c.req.raw.signal, (sink) =>
      inbox.listen(sessionId, (delivery) => sink.send('delivery', delivery, delivery.id)),
    );
  });
  return app;
}
