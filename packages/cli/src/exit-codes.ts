import { type TaskState } from '@baton/protocol';

/**
 * The `baton` exit codes: scripts branch on these.
 * - `OK` (0): done — the task completed, the agent answered directly, or the call succeeded.
 * - `USAGE` (1): the command line is wrong (unknown command or flag, missing argument), or the
 *   command is not available here (`baton start` outside a checkout, a missing console).
 * - `TASK_FAILED` (2): the task ended failed, rejected or canceled.
 * - `TASK_INTERRUPTED` (3): the task waits for you: input-required or auth-required.
 * - `AGENT_ERROR` (4): the agent answered with an A2A error (TaskNotFound …) or cannot do what
 *   was asked (no interface for `--binding`/`--protocol`, ListTasks over 0.3).
 * - `NETWORK_ERROR` (5): the agent could not be reached or answered badly: connection refused,
 *   HTTP error, timeout, invalid card or response.
 * - `INTERRUPTED` (130): stopped with Ctrl-C.
 */
export const EXIT_CODES = {
  OK: 0,
  USAGE: 1,
  TASK_FAILED: 2,
  TASK_INTERRUPTED: 3,
  AGENT_ERROR: 4,
  NETWORK_ERROR: 5,
  INTERRUPTED: 130,
} as const;

/** One of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * The exit code a task's state stands for: 2 for failed, rejected and canceled, 3 for
 * input-required and auth-required, 0 otherwise (completed, or still active after `--no-wait`).
 */
export function exitCodeForState(state: TaskState): ExitCode {
  switch (state) {
    case 'TASK_STATE_FAILED':
    case 'TASK_STATE_REJECTED':
    case 'TASK_STATE_CANCELED':
      return EXIT_CODES.TASK_FAILED;
    case 'TASK_STATE_INPUT_REQUIRED':
    case 'TASK_STATE_AUTH_REQUIRED':
      return EXIT_CODES.TASK_INTERRUPTED;
    case 'TASK_STATE_COMPLETED':
    case 'TASK_STATE_SUBMITTED':
    case 'TASK_STATE_WORKING':
    case 'TASK_STATE_UNSPECIFIED':
      return EXIT_CODES.OK;
  }
}

/** The help text's table of exit codes. */
export const EXIT_CODES_HELP = `Exit codes:
  0    done: the task completed, the agent replied directly, or the call succeeded
  1    usage error: unknown command or flag, missing or bad argument (or a command
       that is not available here)
  2    the task ended failed, rejected or canceled
  3    the task needs input or authentication (input-required, auth-required)
  4    the agent answered with an A2A error (task not found, not cancelable, …) or
       cannot do it (no interface for --binding/--protocol, operation not offered)
  5    network, HTTP or timeout error: the agent could not be reached or answered badly
  130  interrupted (Ctrl-C)`;
