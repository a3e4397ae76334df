// A separate process that appends to shared tasks: run by processes.test.ts with
// `node --conditions=@baton/source --import tsx`. It prints `ready`, waits for `go` on stdin,
// appends, and prints one JSON line with what it wrote.
import { createInterface } from 'node:readline';

import { makeMessage, messageEvent, replaceStatusReducer } from '@baton/test-utils';

import { createPostgresStore } from '../src/index.js';

interface WorkerInput {
  url: string;
  schema: string;
  taskIds: string[];
  perTask: number;
  name: string;
}

const input = JSON.parse(process.argv[2] ?? '{}') as WorkerInput;
const store = await createPostgresStore({
  connectionString: input.url,
  schema: input.schema,
  notify: true,
  maxConnections: 8,
});
const lines = createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
process.stdout.write('ready\n');
await go;

// Every append of every task at once: the pool (8 connections) and the row locks sort them out.
const written: { taskId: string; seq: number; messageId: string }[] = [];
await Promise.all(
  input.taskIds.flatMap((taskId) =>
    Array.from({ length: input.perTask }, async (_, i) => {
      const message = makeMessage(`${input.name} ${i}`);
      const { record } = await store.events.append(
        taskId,
        messageEvent(message),
        replaceStatusReducer,
      );
      written.push({ taskId, seq: record.seq, messageId: message.messageId });
    }),
  ),
);
await store.close();
lines.close();
process.stdout.write(`${JSON.stringify(written)}\n`);
