/**
 * A `fetch` that sends each request through the console server's relay (`/api/relay`), so the
 * browser can talk to agents that send no CORS headers. The agent URL travels in a header.
 */
export const relayFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const headers = new Headers(request.headers);
  headers.set('X-Baton-Relay-Url', request.url);
  headers.set('X-Baton-Console', '1');
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return fetch('/api/relay', {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    signal: init?.signal ?? request.signal,
  });
};
