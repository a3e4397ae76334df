// Idle subscriptions: creates `tasks` tasks that stay working, then (on `go` from stdin) opens
// `perTask` SubscribeToTask streams on each and waits until every stream has its first event (the
// task snapshot). Over SSE each stream has a connection of its own; over WebSocket `perTask`
// sockets each carry one stream of every task. Holds them until `close` arrives on stdin.
// Prints `TASKS_READY`, then `SUBSCRIBED <open> <failed>`, then `CLOSED`.
// Usage: node --import tsx idle-subscriptions.ts <base-url> <tasks> <perTask> <nonce> [sse|ws]
import { createInterface } from 'node:readline';

import WebSocket from 'ws';

import { WAIT_TEXT } from '../servers/common.js';
import { sendBody } from './bodies.js';
import { Http1Connection, SseCounter } from './http1.js';

const [baseUrl = '', tasksArg = '100', perTaskArg = '100', nonce = '0', carrier = 'sse'] =
  process.argv.slice(2);
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

if (carrier === 'ws') {
  const url = `${baseUrl.replace(/^http/, 'ws')}/a2a/ws?A2A-Version=1.0`;
  let failedWs = 0;
  const sockets = await Promise.all(
    Array.from({ length: perTask }, async () => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const waiting = new Map<number, () => void>();
      socket.on('message', (data) => {
        const frame = JSON.parse((data as Buffer).toString()) as {
          id?: number;
          params?: { id?: number };
          error?: unknown;
        };
        const id = frame.params?.id ?? frame.id;
        if (frame.error !== undefined) failedWs++;
        if (id !== undefined) waiting.get(id)?.();
        if (id !== undefined) waiting.delete(id);
      });
      await Promise.all(
        taskIds.map(
          (taskId, index) =>
            new Promise<void>((resolve) => {
              waiting.set(index + 1, resolve);
              socket.send(
                JSON.stringify({
                  jsonrpc: '2.0',
                  id: index + 1,
                  method: 'SubscribeToTask',
                  params: { id: taskId },
                }),
              );
            }),
        ),
      );
      return socket;
    }),
  );
  console.log(`SUBSCRIBED ${taskIds.length * perTask - failedWs} ${failedWs}`);
  await waitFor('close');
  for (const socket of sockets) socket.close();
  console.log('CLOSED');
  process.exit(0);
}

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
