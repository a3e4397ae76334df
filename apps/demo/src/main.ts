import { banner } from './banner.js';
import { configFromEnv } from './config.js';
import { DataDirBusyError } from './data-dir-lock.js';
import { type RunningStack, StackStartError, startStack } from './stack.js';

/** The longest a clean shutdown may take before the process exits anyway, in ms. */
const SHUTDOWN_LIMIT_MS = 15_000;

let stack: RunningStack;
try {
  stack = await startStack(configFromEnv());
} catch (error) {
  const known =
    error instanceof StackStartError ||
    error instanceof DataDirBusyError ||
    error instanceof TypeError;
  console.error(`demo: cannot start: ${known ? error.message : String(error)}`);
  if (!known) console.error(error);
  process.exit(1);
}
console.log(banner(stack));

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) {
    console.log('demo: stopping at once');
    process.exit(130);
  }
  stopping = true;
  console.log(
    `demo: ${signal}: stopping (running tasks are failed cleanly; Ctrl-C again to force)`,
  );
  const limit = setTimeout(() => {
    console.error(`demo: still not stopped after ${SHUTDOWN_LIMIT_MS} ms; exiting`);
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS);
  limit.unref();
  void stack.close().then(() => {
    console.log('demo: stopped');
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
