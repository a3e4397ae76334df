import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this app lives in `<repo>/apps/demo`). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The stack's default ports on 127.0.0.1; the console's is `@baton/console`'s own default. */
export const DEFAULT_PORTS = {
  console: 4100,
  echo: 4101,
  task: 4102,
  orchestrator: 4104,
} as const;

/** Which process of the stack a port belongs to. */
export type StackMember = keyof typeof DEFAULT_PORTS;

/** The environment variable that sets each port. */
export const PORT_VARIABLES: Record<StackMember, string> = {
  console: 'BATON_CONSOLE_PORT',
  echo: 'BATON_ECHO_PORT',
  task: 'BATON_TASK_PORT',
  orchestrator: 'BATON_ORCHESTRATOR_PORT',
};

/** How the demo stack runs. */
export interface DemoConfig {
  /** Where the SQLite files live. */
  dataDir: string;
  /** Interface every server listens on. @default '127.0.0.1' */
  host: string;
  /** Ports; 0 picks a free one. */
  ports: Record<StackMember, number>;
}

function port(env: NodeJS.ProcessEnv, member: StackMember): number {
  const name = PORT_VARIABLES[member];
  const raw = env[name];
  if (raw === undefined || raw === '') return DEFAULT_PORTS[member];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new TypeError(`${name}=${raw} is not a port (0-65535; 0 picks a free one)`);
  }
  return value;
}

/**
 * Reads the configuration from the environment: `BATON_DATA_DIR` (default `<repo>/.data`; a
 * relative path is taken from the repository root, since `pnpm start` runs the app in its own
 * folder) and one `BATON_<MEMBER>_PORT` per server.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const dir = env.BATON_DATA_DIR || '.data';
  return {
    dataDir: isAbsolute(dir) ? dir : resolve(REPO_ROOT, dir),
    host: '127.0.0.1',
    ports: {
      console: port(env, 'console'),
      echo: port(env, 'echo'),
      task: port(env, 'task'),
      orchestrator: port(env, 'orchestrator'),
    },
  };
}
