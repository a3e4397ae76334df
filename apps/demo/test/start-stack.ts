import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The demo stack running as a child process. */
export interface StackProcess {
  orchestratorUrl: string;
  echoUrl: string;
  taskUrl: string;
  consoleUrl: string;
  /** Everything the stack printed so far. */
  output(): string;
  /** Sends a signal and resolves with the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const READY = 'Ctrl-C stops the stack';

function urlOf(output: string, name: string): string {
  const found = new RegExp(`^\\s+${name}\\s+(http://127\\.0\\.0\\.1:\\d+/?)`, 'm').exec(output);
  if (!found) throw new Error(`no URL for ${name} in:\n${output}`);
  return found[1]!;
}

/**
 * Starts `src/main.ts` the way `pnpm start` does (tsx, workspace sources) on free ports of
 * 127.0.0.1 with `dataDir`, and waits until it prints its banner.
 */
export function startStack(dataDir: string, timeoutMs = 80_000): Promise<StackProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=@baton/source', '--import', 'tsx', 'src/main.ts'],
    {
      cwd: APP_DIR,
      env: {
        ...process.env,
        BATON_DATA_DIR: dataDir,
        BATON_CONSOLE_PORT: '0',
        BATON_ECHO_PORT: '0',
        BATON_TASK_PORT: '0',
        BATON_ORCHESTRATOR_PORT: '0',
      },
      stdio: 'pipe',
    },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the stack did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes(READY)) return;
      child.stdout!.off('data', onData);
      child.stdout!.on('data', (more: Buffer) => (output += more.toString()));
      clearTimeout(timer);
      try {
        resolve({
          orchestratorUrl: urlOf(output, 'Orchestrator Agent'),
          echoUrl: urlOf(output, 'Echo Agent'),
          taskUrl: urlOf(output, 'Task Agent'),
          consoleUrl: urlOf(output, 'Console'),
          output: () => output,
          stop: (signal = 'SIGTERM') => (child.kill(signal), exited),
        });
      } catch (error) {
        child.kill('SIGKILL');
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the stack exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/** Polls `check` until it returns something other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
