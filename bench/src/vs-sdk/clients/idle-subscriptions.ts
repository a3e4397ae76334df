// Idle subscriptions: creates `tasks` tasks that stay working, then (on `go` from stdin) opens
// `perTask` SSE SubscribeToTask streams on each, one connection per stream, and waits until every
// stream has its first event (the task snapshot). Holds them until `close` arrives on stdin.
// Prints `TASKS_READY`, then `SUBSCRIBED <open> <failed>`, then `CLOSED`.
// Usage: node --import tsx idle-subscriptions.ts <base-url> <tasks> <perTask> <nonce>
import { createInterface } from 'node:readline';

import { WAIT_TEXT } from '../servers/common.js';
import { sendBody } from './bodies.js';
import { Http1Connection, SseCounter } from './http1.js';

const [baseUrl = '', tasksArg = '100', perTaskArg = '100', nonce = '0'] = process.argv.slice(2);
const taskCount = Number(tasksArg);
const perTask = Number(perTaskArg);
const endpoint = `${baseUrl}/a2a/jsonrpc`;
const target = new URL(endpoint);

const taskIds: string[] = [];
for (let i = 0; i < taskCount; i++) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'A2A-Version': '1.0' },
    body: sendBody('v10', i, `idle-${nonce}-${i}`, { text: WAIT_TEXT, returnImmediately: true }),
  });
  const body = (await response.json()) as { result?: { task?: { id: string } } };
  if (!body.result?.task)
    throw new Error(`could not create a waiting task: ${JSON.stringify(body)}`);
  taskIds.push(body.result.task.id);
}

const input = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const waitFor = async (word: string) => {
  for (;;) {
    const { value, done } = await input.next();
    if (done || value === word) return;
  }
};
console.log('TASKS_READY');
await waitFor('go');

const head =
  `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\n` +
  'Content-Type: application/json\r\nAccept: text/event-stream\r\nA2A-Version: 1.0\r\n';
const connections: Http1Connection[] = [];
let failed = 0;
const BATCH = 500;
const all = taskIds.flatMap((taskId) => Array.from({ length: perTask }, () => taskId));
for (let start = 0; start < all.length; start += BATCH) {
  await Promise.all(
    all.slice(start, start + BATCH).map(async (taskId, offset) => {
      const connection = new Http1Connection(target.hostname, Number(target.port));
      connections.push(connection);
      try {
        await connection.connect();
      } catch {
        failed++;
        return;
      }
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: start + offset,
        method: 'SubscribeToTask',
        params: { id: taskId },
      });
      await new Promise<void>((resolve) => {
        const counter = new SseCounter();
        connection.request(head, body, {
          onBody(chunk) {
            if (counter.feed(chunk) > 0 && counter.events === 1) resolve();
          },
          onEnd() {
            failed++;
            resolve();
          },
          onError() {
            failed++;
            resolve();
          },
        });
      });
    }),
  );
}
console.log(`SUBSCRIBED ${all.length - failed} ${failed}`);
await waitFor('close');
for (const connection of connections) connection.close();
console.log('CLOSED');
process.exit(0);
