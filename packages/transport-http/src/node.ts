import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

import { getRequestListener } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';

import { DIRECT_JSON_RPC, type DirectJsonRpc } from './direct-route.js';
import { NodeSseHost } from './node-sse.js';
import { INTERNAL_ERROR, JsonReply } from './responses.js';
import { SSE_HOST, type SseHostSource } from './sse.js';

/** The env a Node server passes to `app.fetch(request, env)` (hono's `c.env`). */
export interface NodeFetchEnv {
  incoming: IncomingMessage;
  outgoing: ServerResponse;
  /** Gives Baton's SSE writer for this request on first use; absent when native SSE is off. */
  [SSE_HOST]?: SseHostSource;
}

/** Where the SSE writer of a request is kept once created. */
const NODE_SSE_HOST = Symbol('NodeSseHost');

interface NativeSseEnv extends NodeFetchEnv {
  [NODE_SSE_HOST]?: NodeSseHost;
}

/** Creates a request's {@link NodeSseHost} when a binding first asks for it: only streams do. */
const nodeSseHosts: SseHostSource = {
  hostFor: (env) =>
    ((env as NativeSseEnv)[NODE_SSE_HOST] ??= new NodeSseHost((env as NativeSseEnv).outgoing)),
};

/** Anything with a fetch handler, such as the hono app of `createA2AHono`. */
export interface FetchApp {
  fetch(request: Request, env: NodeFetchEnv): Response | Promise<Response>;
}

/** Options of {@link createNodeRequestListener}. */
export interface NodeRequestListenerOptions {
  /**
   * Write SSE streams straight to Node's `ServerResponse` (less memory per open stream, fewer
   * writes per event). `false` streams them through the web `Response` body, as on other
   * runtimes; the bytes on the wire are the same.
   * @default true
   */
  nativeSse?: boolean;
}

/** Options of {@link serveNode}. */
export interface ServeNodeOptions extends NodeRequestListenerOptions {
  /**
   * TCP port; 0 picks a free one (read it from `url`).
   * @default 0
   */
  port?: number;
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  hostname?: string;
}

/** A running Node server. */
export interface NodeServer {
  /** The listening base URL, e.g. `http://127.0.0.1:4101`. */
  url: string;
  port: number;
  /** The Node HTTP server, e.g. to attach the WebSocket binding to. */
  server: Server;
  /** Stops accepting connections, ends open ones (SSE streams included), and resolves when done. */
  close(): Promise<void>;
}

/**
 * A Node request listener serving a fetch app through `@hono/node-server`, with Baton's SSE
 * streams written straight to the response (see {@link NodeRequestListenerOptions.nativeSse}).
 * For your own `http.createServer`; {@link serveNode} does it all.
 * @example
 * const server = createServer(createNodeRequestListener(createA2AHono(handler)));
 * attachWebSocketServer(server, handler);
 * server.listen(4101);
 */
export function createNodeRequestListener(
  app: FetchApp,
  options: NodeRequestListenerOptions = {},
): (incoming: IncomingMessage, outgoing: ServerResponse) => void {
  const native = options.nativeSse ?? true;
  const listener = getRequestListener((request, bindings) => {
    // createServer gives HTTP/1 bindings.
    const env = bindings as NativeSseEnv;
    if (!native) return app.fetch(request, env);
    env[SSE_HOST] = nodeSseHosts;
    // A stream starts once the app (and any middleware around it) has its final response.
    return Promise.resolve(app.fetch(request, env)).then(
      (response) => env[NODE_SSE_HOST]?.take(response) ?? response,
      (error: unknown) => {
        env[NODE_SSE_HOST]?.abandon();
        throw error;
      },
    );
  });
  const direct = native ? DirectRoute.of(app) : undefined;
  return (incoming, outgoing) => {
    if (direct?.takes(incoming)) direct.serve(incoming, outgoing);
    else void listener(incoming, outgoing);
  };
}

/**
 * The JSON-RPC route of a `createA2AHono` app served without hono: a POST with a declared length
 * to exactly its path goes straight to the binding with a {@link NodeRequest}, and its JSON answer
 * is written as it is (routing, hono's web `Request` and `Response`, and reading the answer back
 * out of the `Response` cost more than the rest of the HTTP layer). Every other request goes
 * through hono. The answers are the same (see `DirectJsonRpc`).
 */
class DirectRoute {
  readonly #direct: DirectJsonRpc;

  private constructor(direct: DirectJsonRpc) {
    this.#direct = direct;
  }

  static of(app: FetchApp): DirectRoute | undefined {
    const direct = (app as { [DIRECT_JSON_RPC]?: DirectJsonRpc })[DIRECT_JSON_RPC];
    return direct ? new DirectRoute(direct) : undefined;
  }

  /** Whether the request is the route's to serve. */
  takes(incoming: IncomingMessage): boolean {
    if (incoming.method !== 'POST' || incoming.url !== this.#direct.path) return false;
    // Left to hono: a chunked body (the binding reads it as a web stream) and a request without
    // a Host header (the request's URL is built from it).
    const headers = incoming.headers;
    return headers['content-length'] !== undefined && headers.host !== undefined;
  }

  serve(incoming: IncomingMessage, outgoing: ServerResponse): void {
    const env: NativeSseEnv = { incoming, outgoing, [SSE_HOST]: nodeSseHosts };
    const request = new NodeRequest(incoming, outgoing, this.#direct.authenticates);
    this.#direct
      .binding(request as unknown as Request, env)
      .then(
        (reply) => sendReply(reply, request, env),
        () => {
          // The bindings answer their own errors; this is the app's last guard, leaking nothing.
          env[NODE_SSE_HOST]?.abandon();
          sendReply(INTERNAL_ERROR, request, env);
        },
      )
      .catch(() => outgoing.destroy());
  }
}

/** Writes the binding's answer: JSON as it is, an SSE stream through its host, else the body. */
function sendReply(reply: Response | JsonReply, request: NodeRequest, env: NativeSseEnv): void {
  const outgoing = env.outgoing;
  if (reply instanceof JsonReply) {
    if (outgoing.destroyed) return;
    const headers: Record<string, string | number> = {
      ...reply.headers,
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(reply.text),
    };
    // A body left unread (refused before reading: too large, not JSON, unauthenticated) is not
    // read after the answer either: the connection closes.
    if (!request.bodyRead) headers.Connection = 'close';
    outgoing.writeHead(reply.status, headers).end(reply.text);
    return;
  }
  const response = env[NODE_SSE_HOST]?.take(reply) ?? reply;
  if (response === RESPONSE_ALREADY_SENT || outgoing.destroyed) return;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  if (!request.bodyRead) headers.connection = 'close';
  outgoing.writeHead(response.status, headers);
  if (response.body === null) {
    outgoing.end();
    return;
  }
  response.arrayBuffer().then(
    (body) => outgoing.end(Buffer.from(body)),
    () => outgoing.destroy(),
  );
}

/**
 * What the JSON-RPC binding reads of a request, straight from Node's: headers (web `Headers` only
 * when an authenticator gets them), `url`, `signal` (made on first read, aborted when the client
 * goes away before the answer is written) and the body with a declared length.
 */
class NodeRequest {
  readonly #incoming: IncomingMessage;
  readonly #outgoing: ServerResponse;
  readonly #webHeaders: boolean;
  #headers: Headers | NodeHeaders | undefined;
  #controller: AbortController | undefined;
  /** Whether the body was read to its end. */
  bodyRead = false;

  constructor(incoming: IncomingMessage, outgoing: ServerResponse, webHeaders: boolean) {
    this.#incoming = incoming;
    this.#outgoing = outgoing;
    this.#webHeaders = webHeaders;
  }

  get headers(): Headers | NodeHeaders {
    return (this.#headers ??= this.#webHeaders
      ? webHeadersOf(this.#incoming)
      : new NodeHeaders(this.#incoming));
  }

  get url(): string {
    const incoming = this.#incoming;
    const scheme = (incoming.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    return `${scheme}://${incoming.headers.host}${incoming.url}`;
  }

  get signal(): AbortSignal {
    let controller = this.#controller;
    if (controller) return controller.signal;
    controller = this.#controller = new AbortController();
    const outgoing = this.#outgoing;
    if (outgoing.closed) {
      if (!outgoing.writableFinished) controller.abort();
    } else {
      outgoing.once('close', () => {
        if (!outgoing.writableFinished) controller.abort();
      });
    }
    return controller.signal;
  }

  /** The body (its length is declared, and checked against the limit before this is called). */
  arrayBuffer(): Promise<ArrayBuffer> {
    const incoming = this.#incoming;
    return new Promise((resolve, reject) => {
      let chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.byteLength;
      };
      const onClose = () => {
        if (!incoming.complete) reject(new Error('The client closed the connection mid-body'));
      };
      incoming.on('data', onData);
      incoming.once('close', onClose);
      incoming.once('end', () => {
        // Nothing of the read stays with the request (a stream's request lives as long as it).
        incoming.off('data', onData);
        incoming.off('close', onClose);
        this.bodyRead = true;
        // Exactly the body's bytes (socket chunks are views of larger buffers).
        const bytes = new Uint8Array(size);
        let offset = 0;
        for (const chunk of chunks) {
          bytes.set(chunk, offset);
          offset += chunk.byteLength;
        }
        chunks = [];
        resolve(bytes.buffer);
      });
    });
  }
}

/** `Headers.get` over Node's parsed headers (names are lower case there). */
class NodeHeaders {
  readonly #incoming: IncomingMessage;
  constructor(incoming: IncomingMessage) {
    this.#incoming = incoming;
  }
  get(name: string): string | null {
    const value = this.#incoming.headers[name.toLowerCase()];
    if (value === undefined) return null;
    return typeof value === 'string' ? value : value.join(', ');
  }
}

function webHeadersOf(incoming: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/**
 * Serves a fetch app on Node with `@hono/node-server`, resolving once it listens. Prints nothing.
 * @example
 * const server = await serveNode(createA2AHono(handler), { port: 4101 });
 * console.log(`${server.url}/.well-known/agent-card.json`);
 */
export function serveNode(app: FetchApp, options: ServeNodeOptions = {}): Promise<NodeServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  const server = createServer(createNodeRequestListener(app, options));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject);
      const info = server.address() as AddressInfo;
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      let closing: Promise<void> | undefined;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        server,
        close: () =>
          (closing ??= new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          })),
      });
    });
  });
}
