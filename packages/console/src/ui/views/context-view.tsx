import { useEffect, useState } from 'preact/hooks';

import { type ContextResponse } from '../../shared/api-types.js';
import { apiGet } from '../api.js';
import { MessageView } from '../components/parts.js';
import { clock, shortId } from '../format.js';
import { href } from '../router.js';
import { TaskTable } from './task-table.js';

/** All tasks and messages of one contextId, from the store. */
export function ContextView({ contextId }: { contextId: string }) {
  const [data, setData] = useState<ContextResponse>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    apiGet<ContextResponse>(`/api/contexts/${encodeURIComponent(contextId)}`).then(setData, (e) =>
      setError(String(e)),
    );
  }, [contextId]);
  return (
    <>
      <div class="view-head">
        <h2>
          Context <code>{contextId}</code>
        </h2>
        <a href={href('/tasks', { context: contextId })}>Filter the tasks table by this context</a>
      </div>
      {error && <p class="problem">{error}</p>}
      {data && (
        <>
          <h3>
            Tasks ({data.tasks.length}
            {data.moreTasks ? '+' : ''})
          </h3>
          <TaskTable tasks={data.tasks} />
          <h3>Conversation ({data.messages.length} messages)</h3>
          {data.messages.length === 0 && <p class="muted">No messages stored for this context.</p>}
          {data.messages.map((m) => (
            <div key={`${m.position}-${m.message.messageId}`} class="context-message">
              <MessageView message={m.message} time={clock(m.timestamp)} />
              {m.taskId && (
                <a class="small" href={href(`/tasks/${encodeURIComponent(m.taskId)}`)}>
                  task {shortId(m.taskId)}
                </a>
              )}
            </div>
          ))}
        </>
      )}
    </>
  );
}
