import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';

/** One webhook call the receiver got. */
export interface ReceivedNotification {
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A local push-notification receiver on 127.0.0.1 that answers 200 and records each call. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedNotification[];
  close(): Promise<void>;
}

/** Starts a webhook receiver on a free port of 127.0.0.1. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedNotification[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: text ? JSON.parse(text) : undefined });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
