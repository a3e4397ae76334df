import { describe, expect, it } from 'vitest';

import { createConsoleApp, startConsole } from '../src/index.js';

const TOKEN = 'correct-horse-battery';

describe('access control', () => {
  it('serves localhost without a token and refuses other host names (DNS rebinding)', async () => {
    const app = createConsoleApp({});
    expect((await app.request('http://127.0.0.1:4100/api/info')).status).toBe(200);
    expect((await app.request('http://localhost:4100/api/info')).status).toBe(200);
    expect((await app.request('http://[::1]:4100/api/info')).status).toBe(200);
    expect((await app.request('http://evil.example:4100/api/info')).status).toBe(403);
  });

  it('requires the token, from a header, a bearer or the cookie set by ?token=', async () => {
    const app = createConsoleApp({ token: TOKEN });
    expect((await app.request('http://console.example/api/info')).status).toBe(401);
    expect((await app.request('http://console.example/')).status).toBe(401);
    const header = await app.request('http://console.example/api/info', {
      headers: { 'X-Baton-Token': TOKEN },
    });
    expect(header.status).toBe(200);
    const bearer = await app.request('http://console.example/api/info', {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(bearer.status).toBe(200);
    const wrong = await app.request('http://console.example/api/info', {
      headers: { 'X-Baton-Token': 'wrong-token-value' },
    });
    expect(wrong.status).toBe(401);

    const visit = await app.request(`http://console.example/?token=${TOKEN}`);
    expect(visit.status).toBe(303);
    expect(visit.headers.get('location')).toBe('/');
    const cookie = visit.headers.get('set-cookie')!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const withCookie = await app.request('http://console.example/api/info', {
      headers: { Cookie: cookie.split(';')[0]! },
    });
    expect(withCookie.status).toBe(200);
    expect((await app.request('http://console.example/?token=nope-nope-nope')).status).toBe(401);
  });

  it('lets agents post webhooks without the token, but not read them', async () => {
    const app = createConsoleApp({ token: TOKEN });
    const post = await app.request('http://console.example/api/webhooks/session-123', {
      method: 'POST',
      body: '{"task":{}}',
    });
    expect(post.status).toBe(200);
    expect((await app.request('http://console.example/api/webhooks/session-123')).status).toBe(401);
  });

  it('needs the X-Baton-Console header on state-changing calls and on the relay', async () => {
    const app = createConsoleApp({});
    const relay = await app.request('http://127.0.0.1/api/relay', {
      headers: { 'X-Baton-Relay-Url': 'http://127.0.0.1:9/' },
    });
    expect(relay.status).toBe(403);
    const clear = await app.request('http://127.0.0.1/api/webhooks/session-123', {
      method: 'DELETE',
    });
    expect(clear.status).toBe(403);
    const cleared = await app.request('http://127.0.0.1/api/webhooks/session-123', {
      method: 'DELETE',
      headers: { 'X-Baton-Console': '1' },
    });
    expect(cleared.status).toBe(200);
  });

  it('refuses to listen beyond localhost without a token', async () => {
    await expect(startConsole({ host: '0.0.0.0', port: 0 })).rejects.toThrow(/token is required/);
    expect(() => createConsoleApp({ token: 'short' })).toThrow(/at least 8/);
  });

  it('prints an address with the token when one is set', async () => {
    const running = await startConsole({ port: 0, token: TOKEN });
    try {
      expect(running.openUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=correct-horse-battery$/);
      const page = await fetch(running.openUrl, { redirect: 'manual' });
      expect(page.status).toBe(303);
    } finally {
      await running.close();
    }
  });
});
