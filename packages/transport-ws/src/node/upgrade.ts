import { type IncomingHttpHeaders, STATUS_CODES } from 'node:http';
import { type Duplex } from 'node:stream';

import { type HandshakeRefusal } from '../handshake.js';

/** Node's incoming headers as a `Headers` object. */
export function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** Answers an upgrade request with a plain HTTP error and closes the TCP socket. */
export function refuseUpgrade(
  socket: Duplex,
  refusal: Pick<HandshakeRefusal, 'status' | 'headers' | 'body'>,
): void {
  if (socket.destroyed) return;
  const lines = [
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? 'Error'}`,
    'Connection: close',
    ...Object.entries(refusal.headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${Buffer.byteLength(refusal.body)}`,
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(`${lines.join('\r\n')}\r\n\r\n${refusal.body}`);
}

function plainRefusal(status: number, name: string, message: string) {
  const body = JSON.stringify({ error: { code: status, status: name, message } });
  return { status, headers: { 'Content-Type': 'application/json' }, body };
}

/** The refusal for an upgrade to a path nobody serves. */
export const NOT_FOUND_REFUSAL = plainRefusal(404, 'NOT_FOUND', 'No WebSocket endpoint here');

/** The refusal for an upgrade request whose URL or headers cannot be read. */
export const BAD_REQUEST_REFUSAL = plainRefusal(
  400,
  'INVALID_ARGUMENT',
  'Malformed upgrade request',
);
