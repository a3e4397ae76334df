import { type TaskSummary } from '../../shared/api-types.js';
import { StateBadge } from '../components/state-badge.js';
import { ago, clock, shortId } from '../format.js';
import { href } from '../router.js';

/** The tasks table: one row per task, linking to the task page and its context. */
export function TaskTable({
  tasks,
  flash,
}: {
  tasks: readonly TaskSummary[];
  flash?: ReadonlySet<string>;
}) {
  if (tasks.length === 0) return <p class="muted empty">No tasks match.</p>;
  return (
    <div class="table-wrap">
      <table class="tasks">
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Task</th>
            <th scope="col">Agent</th>
            <th scope="col">Context</th>
            <th scope="col">Created</th>
            <th scope="col">Updated</th>
            <th scope="col">Last message</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr
              key={task.id}
              class={flash?.has(task.id) ? 'flash' : undefined}
              data-task-id={task.id}
            >
              <td>
                <StateBadge state={task.state} />
              </td>
              <td>
                <a
                  href={href(`/tasks/${encodeURIComponent(task.id)}`, { agent: task.agent })}
                  title={task.id}
                >
                  <code>{shortId(task.id)}</code>
                </a>
              </td>
              <td>{task.agent ?? <span class="muted">—</span>}</td>
              <td>
                {task.contextId && (
                  <a
                    href={href(`/contexts/${encodeURIComponent(task.contextId)}`)}
                    title={task.contextId}
                  >
                    <code>{shortId(task.contextId)}</code>
                  </a>
                )}
              </td>
              <td class="nowrap">{clock(task.createdAt)}</td>
              <td class="nowrap" title={task.statusTime}>
                {ago(task.statusTime)}
              </td>
              <td class="last-message">{task.lastMessage}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
