import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { type Json } from './agents.js';
import { TEST_BUILD_DIR } from './global-setup.js';

/** What one `baton` process did. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as one JSON document. */
  json(): Json;
  /** stdout parsed as NDJSON, one value per line. */
  ndjson(): Json[];
}

/** Options of {@link baton}. */
export interface BatonOptions {
  /** Extra environment (BATON_URL …); NO_COLOR and the BATON_* of the test process are reset. */
  env?: Record<string, string>;
  /** Written to stdin, then closed. */
  input?: string;
  /** Working directory (relative `--file` paths). */
  cwd?: string;
  /** Kill the process after this long. @default 20000 */
  timeoutMs?: number;
  /** Called with each stdout chunk (to act while it runs). */
  onStdout?: (chunk: string, child: ReturnType<typeof spawn>) => void;
}

/** The built `baton` program's path. */
export const CLI_PATH = join(TEST_BUILD_DIR, 'cli.js');

/** Runs `baton <args>` as a child process and resolves when it exits (bounded by a timeout). */
export function baton(args: string[], options: BatonOptions = {}): Promise<CliRun> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  for (const key of ['BATON_URL', 'BATON_TOKEN', 'BATON_API_KEY', 'FORCE_COLOR']) {
    if (!options.env?.[key]) delete env[key];
  }
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env,
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    options.onStdout?.(chunk, child);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? '');
  const limit = options.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `baton ${args.join(' ')} ran over ${limit} ms\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      );
    }, limit);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout,
        stderr,
        json: () => JSON.parse(stdout),
        ndjson: () =>
          stdout
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map((line) => JSON.parse(line)),
      });
    });
  });
}
