import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The lock file's name inside the data directory. */
export const LOCK_FILE = 'demo.lock';

/** Another live process holds the data directory. */
export class DataDirBusyError extends Error {
  override name = 'DataDirBusyError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory for this process: a `demo.lock` file holding our pid. A lock left by
 * a process that no longer runs (a crash, `kill -9`) is taken over; one held by a live process
 * throws {@link DataDirBusyError}, since start-up recovery must never touch the tasks of a stack
 * that is still running. Returns the function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
      throw new DataDirBusyError(
        `${dataDir} is in use by another demo stack (pid ${pid}). Stop it first, or set ` +
          'BATON_DATA_DIR to another directory.',
      );
    }
    rmSync(file, { force: true });
  }
  throw new DataDirBusyError(`could not lock ${dataDir}: another process keeps taking it`);
}
