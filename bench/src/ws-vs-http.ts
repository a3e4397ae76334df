// WebSocket vs HTTP: SendMessage throughput and latency over JSON-RPC on WebSocket and on HTTP
// against the same agent in a child process, and the server's memory for 10,000 idle
// subscriptions held over WebSocket.
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { type Readable, type Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { type AgentCard } from '@baton/protocol';
import { type AgentExecutor, createRequestHandler, silentLogger } from '@baton/server';
import { createA2AHono } from '@baton/transport-http';
import { withWebSocketInterfaces } from '@baton/transport-ws';
import { attachWebSocketServer } from '@baton/transport-ws/node';
import { getRequestListener } from '@hono/node-server';
import WebSocket from 'ws';

import { type BenchModule, type CaseResult } from './harness.js';

const SERVE_FLAG = '--ws-vs-http-server';
const CONCURRENCY = 50;
const CALLS_PER_ROUND = 1000;
const ROUNDS = 3;
const WARMUP_CALLS = 300;
const SUBSCRIPTIONS = { sockets: 100, tasks: 100 }; // every socket subscribes to every task

const card: AgentCard = {
  name: 'Bench agent',
  description: 'Direct replies, and tasks that wait until canceled',
  supportedInterfaces: [],
  version: '1.0.0',
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'bench', name: 'Bench', description: 'Benchmarks', tags: ['bench'] }],
};

/** `wait`: a task that works until canceled; anything else: a direct message reply. */
const executor: AgentExecutor = {
  async execute(context, events) {
    if (context.message.parts[0]?.text !== 'wait') return events.reply('pong');
    await events.working();
    await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
  },
};

// ---------------------------------------------------------------------------------------------
// The child process: the agent on HTTP and WebSocket, one port; `rss` on stdin reports memory.

async function serve(): Promise<void> {
  const holder: { fetch?: (request: Request) => Response | Promise<Response> } = {};
  const listener = getRequestListener((request) => holder.fetch!(request));
  const server = createServer((request, response) => void listener(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const handler = createRequestHandler({
    agentCard: withWebSocketInterfaces(card, `ws://127.0.0.1:${port}/a2a/ws`),
    executor,
    logger: silentLogger,
  });
  const app = createA2AHono(handler);
  holder.fetch = (request) => app.fetch(request);
  attachWebSocketServer(server, handler, { logger: silentLogger });
  console.log(`READY ${port}`);
  const gc = (globalThis as { gc?: () => void }).gc;
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'rss') {
      for (let i = 0; i < 3; i++) {
        gc?.();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const { rss, heapUsed } = process.memoryUsage();
      console.log(`RSS ${rss} ${heapUsed} ${handler.stats.streams}`);
    }
  }
}

type Child = ChildProcessByStdio<Writable, Readable, null>;

async function startChild(): Promise<{ child: Child; port: number; lines: AsyncIterator<string> }> {
  const file = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', file, SERVE_FLAG], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  const port = Number(/^READY (\d+)$/.exec(String(first.value))?.[1]);
  if (!port) throw new Error(`the bench server did not start: ${String(first.value)}`);
  return { child, port, lines };
}

async function memory(child: Child, lines: AsyncIterator<string>) {
  child.stdin.write('rss\n');
  for (;;) {
    const { value, done } = await lines.next();
    if (done) throw new Error('the bench server exited');
    const match = /^RSS (\d+) (\d+) (\d+)$/.exec(String(value));
    if (match) return { rss: Number(match[1]), heap: Number(match[2]), streams: Number(match[3]) };
  }
}

// ---------------------------------------------------------------------------------------------
// Clients: fetch (what @baton/client's HTTP carrier uses) and one multiplexed WebSocket.

let messageCount = 0;
function sendMessageBody(id: number, text = 'ping', extra: object = {}): string {
  const message = { messageId: `m-${messageCount++}`, role: 'ROLE_USER', parts: [{ text }] };
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'SendMessage',
    params: { message, ...extra },
  });
}

/** A frame from the server, read loosely. */
interface Frame {
  id?: number;
  method?: string;
  params?: { id: number };
  result?: { message?: unknown; task?: { id: string } };
}

/** One WebSocket carrying many calls at once, answers matched by id. */
class Multiplexed {
  readonly #pending = new Map<number, (frame: Frame) => void>();
  #nextId = 1;
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString('utf8')) as Frame;
      const id = frame.method === 'stream/event' ? frame.params?.id : frame.id;
      const resolve = id === undefined ? undefined : this.#pending.get(id);
      if (resolve && id !== undefined) {
        this.#pending.delete(id);
        resolve(frame);
      }
    });
  }
  static async open(url: string): Promise<Multiplexed> {
    const socket = new WebSocket(`${url}?A2A-Version=1.0`, { perMessageDeflate: false });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new Multiplexed(socket);
  }
  /** Sends a frame built for a fresh id; resolves with the first frame for that id. */
  request(build: (id: number) => string): Promise<Frame> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.socket.send(build(id));
    });
  }
}

async function run(total: number, call: () => Promise<void>) {
  const latencies = new Float64Array(total);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const t0 = performance.now();
      await call();
      latencies[index] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { opsPerSec: total / seconds, latencies: [...latencies] };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const median = (values: number[]) => percentile(values, 50);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

type Transport = 'node' | 'fetch' | 'ws';

const LABELS: Record<Transport, string> = {
  node: `HTTP JSON-RPC, node:http keep-alive agent (${CONCURRENCY} sockets)`,
  fetch: `HTTP JSON-RPC, fetch (undici, keep-alive)`,
  ws: 'WebSocket, 1 socket',
};

function check(body: { result?: { message?: unknown } }): void {
  if (!body.result?.message) throw new Error(`unexpected answer ${JSON.stringify(body)}`);
}

async function throughput(port: number): Promise<CaseResult[]> {
  const httpUrl = `http://127.0.0.1:${port}/a2a/jsonrpc`;
  const headers = { 'Content-Type': 'application/json', 'A2A-Version': '1.0' };
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const ws = await Multiplexed.open(`ws://127.0.0.1:${port}/a2a/ws`);
  const calls: Record<Transport, () => Promise<void>> = {
    node: () =>
      new Promise<void>((resolve, reject) => {
        const body = sendMessageBody(1);
        const length = { 'Content-Length': Buffer.byteLength(body) };
        const req = request(httpUrl, { method: 'POST', agent, headers: { ...headers, ...length } });
        req.on('response', (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            try {
              check(JSON.parse(text) as never);
              resolve();
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        });
        req.on('error', reject);
        req.end(body);
      }),
    fetch: async () => {
      const response = await fetch(httpUrl, { method: 'POST', headers, body: sendMessageBody(1) });
      check((await response.json()) as never);
    },
    ws: async () => check(await ws.request((id) => sendMessageBody(id))),
  };
  const names = Object.keys(calls) as Transport[];
  for (const name of names) await run(WARMUP_CALLS, calls[name]);
  const samples: Record<Transport, number[]> = { node: [], fetch: [], ws: [] };
  const latencies: Record<Transport, number[]> = { node: [], fetch: [], ws: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) {
      const result = await run(CALLS_PER_ROUND, calls[name]);
      samples[name].push(result.opsPerSec);
      latencies[name].push(...result.latencies);
    }
  }
  ws.socket.close();
  agent.destroy();
  console.log(
    `SendMessage (direct reply), ${CONCURRENCY} calls in flight, ${ROUNDS} interleaved rounds ` +
      `of ${CALLS_PER_ROUND} calls per transport; server in a child process:`,
  );
  console.log('| transport | ops/s (median) | p50 ms | p90 ms | p99 ms |');
  console.log('|---|--:|--:|--:|--:|');
  for (const name of names) {
    const l = latencies[name];
    console.log(
      `| ${LABELS[name]} | ${Math.round(median(samples[name]))} | ${percentile(l, 50).toFixed(2)} | ` +
        `${percentile(l, 90).toFixed(2)} | ${percentile(l, 99).toFixed(2)} |`,
    );
  }
  const ratio = (name: Transport) => (median(samples.ws) / median(samples[name])).toFixed(2);
  console.log(
    `WebSocket throughput: ${ratio('node')}× HTTP with node:http, ${ratio('fetch')}× HTTP with fetch\n`,
  );
  const bytes = sendMessageBody(1).length;
  return names.map((id) => ({
    id,
    name: `SendMessage, ${LABELS[id]}`,
    bytes,
    baseline: id === 'node' ? undefined : 'node',
    opsPerSec: median(samples[id]),
    samples: samples[id],
    ratio: median(samples[id]) / median(samples.node),
  }));
}

async function idleSubscriptions(port: number, child: Child, lines: AsyncIterator<string>) {
  const url = `ws://127.0.0.1:${port}/a2a/ws`;
  const control = await Multiplexed.open(url);
  const taskIds: string[] = [];
  for (let i = 0; i < SUBSCRIPTIONS.tasks; i++) {
    const frame = await control.request((id) =>
      sendMessageBody(id, 'wait', { configuration: { returnImmediately: true } }),
    );
    taskIds.push(frame.result!.task!.id);
  }
  const idle = await memory(child, lines);
  const sockets = await Promise.all(
    Array.from({ length: SUBSCRIPTIONS.sockets }, () => Multiplexed.open(url)),
  );
  const withSockets = await memory(child, lines);
  const subscribe = (socket: Multiplexed, taskId: string) =>
    socket.request((id) =>
      JSON.stringify({ jsonrpc: '2.0', id, method: 'SubscribeToTask', params: { id: taskId } }),
    );
  await Promise.all(
    sockets.flatMap((socket) => taskIds.map((taskId) => subscribe(socket, taskId))),
  );
  const subscribed = await memory(child, lines);
  for (const socket of sockets) socket.socket.close();
  control.socket.close();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = await memory(child, lines);
  const count = subscribed.streams - idle.streams;
  console.log(
    `${count.toLocaleString('en-US')} idle SubscribeToTask streams over ${SUBSCRIPTIONS.sockets} ` +
      `sockets (${SUBSCRIPTIONS.tasks} working tasks), server in a child process, after GC:`,
  );
  console.log('| state | RSS MB | heap used MB | open streams |');
  console.log('|---|--:|--:|--:|');
  const row = (label: string, m: { rss: number; heap: number; streams: number }) =>
    console.log(`| ${label} | ${mb(m.rss)} | ${mb(m.heap)} | ${m.streams} |`);
  row('idle (tasks created, no subscriptions)', idle);
  row(`+ ${SUBSCRIPTIONS.sockets} open sockets`, withSockets);
  row(`+ ${count.toLocaleString('en-US')} subscriptions`, subscribed);
  row('all sockets closed again', after);
  const extra = subscribed.rss - idle.rss;
  console.log(
    `Extra RSS vs idle: ${mb(extra)} MB (${((subscribed.rss - withSockets.rss) / 1024 / count).toFixed(1)} KB ` +
      `per subscription, ${((withSockets.rss - idle.rss) / 1024 / SUBSCRIPTIONS.sockets).toFixed(1)} KB per socket)\n`,
  );
}

export const wsVsHttp: BenchModule = {
  name: 'ws-vs-http',
  title: 'WebSocket vs HTTP',
  async run() {
    const { child, port } = await startChild();
    let results: CaseResult[];
    try {
      results = await throughput(port);
    } finally {
      child.kill();
    }
    // A fresh server for memory, so the throughput run's garbage does not count.
    const fresh = await startChild();
    try {
      await idleSubscriptions(fresh.port, fresh.child, fresh.lines);
    } finally {
      fresh.child.kill();
    }
    return results;
  },
};

if (process.argv.includes(SERVE_FLAG)) await serve();
