import { type ChildProcess, spawn } from 'node:child_process';

/** The example app running as a child process. */
export interface AppProcess {
  /** The agent card URL the app printed. */
  cardUrl: string;
  /** The base URL (`http://127.0.0.1:<port>`). */
  url: string;
  /** Everything the app printed so far. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts an example app's `src/main.ts` the way `pnpm start` does (tsx, workspace sources), on a
 * free port of 127.0.0.1, and waits until it prints its card URL. `appDir` is the app's folder,
 * whose own `tsx` devDependency runs it.
 *
 * @example
 * const app = await startApp(new URL('..', import.meta.url));
 */
export function startApp(appDir: string | URL, timeoutMs = 60_000): Promise<AppProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=@baton/source', '--import', 'tsx', 'src/main.ts'],
    { cwd: appDir, env: { ...process.env, PORT: '0', HOST: '127.0.0.1' }, stdio: 'pipe' },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app printed no card URL in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /(http:\/\/127\.0\.0\.1:\d+)\/\.well-known\/agent-card\.json/.exec(output);
      if (!found) return;
      clearTimeout(timer);
      resolve({
        cardUrl: found[0],
        url: found[1]!,
        output: () => output,
        stop: () => (child.kill('SIGTERM'), exited),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code} before it printed its card URL:\n${output}`));
    });
  });
}

/** Parsed JSON as `Response.json()` gives it: untyped, for assertions in tests. */
export type Json = Awaited<ReturnType<Response['json']>>;

/** Sends one JSON-RPC 1.0 request to the app and returns the parsed body. */
export async function jsonRpc(url: string, method: string, params: unknown): Promise<Json> {
  const response = await fetch(`${url}/a2a/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'A2A-Version': '1.0' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return response.json();
}

/** A user message with one text part. */
export function userMessage(text: string) {
  return { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: [{ text }] };
}
