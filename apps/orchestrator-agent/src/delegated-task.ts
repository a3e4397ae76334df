import { type A2AClient } from '@baton/client';
import { TaskNotCancelableError, TaskNotFoundError } from '@baton/protocol';

/** How long a cancel waits for a delegate's task id that is not known yet, in ms. */
const ID_WAIT_MS = 2000;
/** Time limit of the CancelTask call to a delegate, in ms. */
const CANCEL_TIMEOUT_MS = 3000;

/**
 * A task this orchestrator started on another agent, as far as it is known: what canceling it
 * needs. The id arrives with the delegate's first stream event; a cancel that comes earlier
 * waits for it (briefly), so a delegated task is not left running because of a race.
 */
export class DelegatedTask {
  /** The delegate's task id, once its first event arrived. */
  taskId: string | undefined;
  /** Whether the delegated work ended (a terminal state or a direct reply): nothing to cancel. */
  settled = false;
  readonly #client: A2AClient;
  readonly #known: Promise<void>;
  #resolveKnown!: () => void;
  #canceling: Promise<void> | undefined;

  constructor(client: A2AClient) {
    this.#client = client;
    this.#known = new Promise((resolve) => (this.#resolveKnown = resolve));
  }

  /** Records the delegate's task id. */
  identify(taskId: string): void {
    this.taskId ??= taskId;
    this.#resolveKnown();
  }

  /** Records that the delegated work ended. */
  settle(): void {
    this.settled = true;
    this.#resolveKnown();
  }

  /** Cancels the delegated task (once, however often it is called); never throws. */
  cancel(): Promise<void> {
    return (this.#canceling ??= this.#cancel());
  }

  async #cancel(): Promise<void> {
    if (this.taskId === undefined && !this.settled) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        this.#known,
        new Promise<void>((resolve) => (timer = setTimeout(resolve, ID_WAIT_MS))),
      ]);
      clearTimeout(timer);
    }
    if (this.taskId === undefined || this.settled) return;
    try {
      await this.#client.cancelTask(
        { id: this.taskId },
        { timeoutMs: CANCEL_TIMEOUT_MS, retry: false },
      );
    } catch (error) {
      // Already finished or gone: the goal (it no longer runs) is met. Anything else is reported
      // by the subtask itself, whose stream ends with the delegate's real state.
      if (TaskNotCancelableError.isInstance(error) || TaskNotFoundError.isInstance(error)) return;
    }
  }
}

/** The delegated tasks of every running orchestrator task, so CancelTask can reach them. */
export class DelegationRegistry {
  readonly #byTask = new Map<string, Set<DelegatedTask>>();

  add(taskId: string, delegated: DelegatedTask): void {
    let set = this.#byTask.get(taskId);
    if (!set) this.#byTask.set(taskId, (set = new Set()));
    set.add(delegated);
  }

  remove(taskId: string, delegated: DelegatedTask): void {
    const set = this.#byTask.get(taskId);
    set?.delete(delegated);
    if (set?.size === 0) this.#byTask.delete(taskId);
  }

  /** Cancels every delegated task of an orchestrator task that is still running. */
  async cancelAll(taskId: string): Promise<void> {
    await Promise.all([...(this.#byTask.get(taskId) ?? [])].map((d) => d.cancel()));
  }

  /** How many orchestrator tasks have delegated work running. */
  get size(): number {
    return this.#byTask.size;
  }
}
