import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { stringOption } from '../args.js';
import { type Command } from '../command.js';
import { CliError } from '../errors.js';
import { EXIT_CODES, type ExitCode } from '../exit-codes.js';

const DEMO_PACKAGE = '@baton-apps/demo';

/** The demo app's folder in the Baton checkout at or above `from`, if there is one. */
export function findDemoApp(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'apps', 'demo', 'package.json');
    if (existsSync(manifest)) {
      try {
        const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
        if (name === DEMO_PACKAGE) return dirname(manifest);
      } catch {
        // Not our demo: keep looking upward.
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** `baton start`: run the demo stack of a Baton checkout. */
export const startCommand: Command = {
  name: 'start',
  summary: 'Start the local demo stack (agents + console) from a Baton checkout',
  usage: ['start [--dir <checkout>]'],
  description:
    'Runs the demo stack — example agents and the task console on the embedded SQLite store, ' +
    'what `pnpm start` runs — from the Baton checkout at or above the current folder (or ' +
    '--dir), until Ctrl-C. It is configured by its environment: BATON_DATA_DIR and ' +
    'BATON_<CONSOLE|ECHO|TASK|ORCHESTRATOR>_PORT. The published CLI does not ship the demo: ' +
    'outside a checkout this command says so and exits 1.',
  options: {
    dir: {
      type: 'string',
      value: '<checkout>',
      description: 'The Baton checkout (default: found upward)',
    },
  },
  examples: ['baton start', 'BATON_CONSOLE_PORT=8080 baton start --dir ~/src/baton'],
  async run(context) {
    const from = stringOption(context.values, 'dir') ?? context.io.cwd ?? process.cwd();
    const demo = findDemoApp(from);
    if (!demo) {
      throw new CliError(
        EXIT_CODES.USAGE,
        'no Baton demo stack here: `baton start` runs it from a Baton checkout',
        {
          kind: 'unavailable',
          hint:
            'run it inside a checkout (git clone the Baton repository, pnpm install), or pass --dir; ' +
            'to watch agents you already run: baton console <agentUrl>…',
        },
      );
    }
    return runDemo(demo, context.io.env, context.signal);
  },
};

/**
 * Runs the demo the way its `start` script does, in its own process group so that one Ctrl-C
 * reaches it once (through us): a clean stop. A second Ctrl-C ends both at once.
 */
function runDemo(
  demoDir: string,
  env: Record<string, string | undefined>,
  signal: AbortSignal,
): Promise<ExitCode> {
  const child = spawn(
    process.execPath,
    ['--conditions=@baton/source', '--import', 'tsx', 'src/main.ts'],
    {
      cwd: demoDir,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    },
  );
  const forceStop = () => child.kill('SIGINT');
  process.once('exit', forceStop);
  const onAbort = () => child.kill('SIGINT');
  signal.addEventListener('abort', onAbort, { once: true });
  return new Promise((resolvePromise, reject) => {
    child.once('error', (error) => {
      reject(
        new CliError(EXIT_CODES.USAGE, `cannot start the demo stack: ${error.message}`, {
          kind: 'unavailable',
          cause: error,
          hint: `is the checkout installed? run pnpm install in ${resolve(demoDir, '../..')}`,
        }),
      );
    });
    child.once('exit', (code, killedBy) => {
      process.off('exit', forceStop);
      signal.removeEventListener('abort', onAbort);
      if (code === 0) resolvePromise(EXIT_CODES.OK);
      else if (code === 130 || killedBy === 'SIGINT') resolvePromise(EXIT_CODES.INTERRUPTED);
      else resolvePromise(EXIT_CODES.USAGE);
    });
  });
}
