import { type Task } from '@baton/protocol';

import { type Output } from './output.js';

function quote(value: string): string {
  return /^[\w./:@-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * Tells the user, on stderr, what to do next with a task that is not done: answer an
 * input-required task, authenticate, or follow a task still running.
 */
export function noteNextSteps(out: Output, url: string, task: Task): void {
  const c = out.ce;
  const id = quote(task.id);
  const contextFlag = task.contextId ? ` --context ${quote(task.contextId)}` : '';
  switch (task.status.state) {
    case 'TASK_STATE_INPUT_REQUIRED':
      out.note(
        c(
          `→ the agent needs input; answer with:\n  baton send ${url} '<answer>' --task ${id}${contextFlag}`,
          'yellow',
        ),
      );
      return;
    case 'TASK_STATE_AUTH_REQUIRED':
      out.note(
        c(
          `→ the agent needs authorization (given out of band); then follow it with:\n  baton subscribe ${url} ${id}`,
          'yellow',
        ),
      );
      return;
    case 'TASK_STATE_SUBMITTED':
    case 'TASK_STATE_WORKING':
      out.note(
        c(
          `→ still running; follow it with: baton subscribe ${url} ${id}   (or: baton get ${url} ${id})`,
          'dim',
        ),
      );
      return;
    default:
      // Terminal states speak for themselves (and through the exit code).
      return;
  }
}
