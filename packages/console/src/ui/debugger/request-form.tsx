import { type OperationName, TASK_STATES } from '@baton/protocol';

import { DEBUG_OPERATIONS, fieldsFor, type FormFields } from './params.js';

interface RequestFormProps {
  operation: OperationName;
  fields: FormFields;
  busy: boolean;
  canStream: boolean;
  onOperation: (operation: OperationName) => void;
  onChange: (patch: Partial<FormFields>) => void;
  onSubmit: () => void;
  onStop: () => void;
}

async function readFile(file: File): Promise<FormFields['files'][number]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return {
    name: file.name,
    mediaType: file.type || 'application/octet-stream',
    base64: btoa(binary),
  };
}

/** The request composer: operation, message parts, ids to continue, and per-operation fields. */
export function RequestForm(props: RequestFormProps) {
  const { operation, fields: f, onChange } = props;
  const used = fieldsFor(operation);
  const input = (key: keyof FormFields, label: string, extra: Record<string, unknown> = {}) =>
    used.has(key) && (
      <label>
        {label}
        <input
          value={f[key] as string}
          onInput={(e) => onChange({ [key]: e.currentTarget.value })}
          {...extra}
        />
      </label>
    );
  return (
    <form
      class="request-form"
      aria-label="Request"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <label>
        Operation
        <select
          value={operation}
          onChange={(e) => props.onOperation(e.currentTarget.value as OperationName)}
        >
          {DEBUG_OPERATIONS.map((op) => (
            <option
              key={op}
              value={op}
              disabled={
                !props.canStream && (op === 'SendStreamingMessage' || op === 'SubscribeToTask')
              }
            >
              {op}
            </option>
          ))}
        </select>
      </label>
      {used.has('text') && (
        <label>
          Text
          <textarea
            rows={3}
            value={f.text}
            onInput={(e) => onChange({ text: e.currentTarget.value })}
          />
        </label>
      )}
      {used.has('files') && (
        <label>
          Files
          <input
            type="file"
            multiple
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              void Promise.all(files.map(readFile)).then((read) => onChange({ files: read }));
            }}
          />
          {f.files.length > 0 && (
            <span class="small muted">
              {f.files.map((file) => `${file.name} (${file.mediaType})`).join(', ')}{' '}
              <button type="button" class="link" onClick={() => onChange({ files: [] })}>
                clear
              </button>
            </span>
          )}
        </label>
      )}
      {used.has('data') && (
        <label>
          JSON data part
          <textarea
            rows={2}
            class="mono"
            placeholder='{"key": "value"}'
            value={f.data}
            onInput={(e) => onChange({ data: e.currentTarget.value })}
          />
        </label>
      )}
      {used.has('metadata') && (
        <label>
          Message metadata (JSON object)
          <textarea
            rows={1}
            class="mono"
            placeholder='{"trace": "abc"}'
            value={f.metadata}
            onInput={(e) => onChange({ metadata: e.currentTarget.value })}
          />
        </label>
      )}
      <div class="row">
        {input('continueTaskId', 'Continue task (taskId)', { class: 'mono' })}
        {input('taskId', 'Task id', { class: 'mono' })}
        {input('contextId', used.has('text') ? 'Same context (contextId)' : 'Context id', {
          class: 'mono',
        })}
      </div>
      {used.has('status') && (
        <label>
          State
          <select value={f.status} onChange={(e) => onChange({ status: e.currentTarget.value })}>
            <option value="">any</option>
            {TASK_STATES.filter((s) => s !== 'TASK_STATE_UNSPECIFIED').map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      )}
      <div class="row">
        {input('pageSize', 'Page size', { type: 'number', min: 1, max: 100 })}
        {input('pageToken', 'Page token')}
        {input('historyLength', 'History length', { type: 'number', min: 0 })}
      </div>
      {input('pushUrl', 'Webhook URL', { type: 'url' })}
      <details>
        <summary>Request headers{f.headers.trim() ? ' (set)' : ''}</summary>
        <label>
          Extra headers, one “Name: value” a line (e.g. Authorization: Bearer …)
          <textarea
            rows={2}
            class="mono"
            value={f.headers}
            onInput={(e) => onChange({ headers: e.currentTarget.value })}
          />
        </label>
      </details>
      <div class="row">
        {input('pushToken', 'Token')}
        {input('configId', 'Config id')}
      </div>
      {used.has('returnImmediately') && (
        <label class="toggle">
          <input
            type="checkbox"
            checked={f.returnImmediately}
            onChange={(e) => onChange({ returnImmediately: e.currentTarget.checked })}
          />
          Return immediately (do not wait for the task to finish)
        </label>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={props.busy}>
          {props.busy ? 'Running…' : `Run ${operation}`}
        </button>
        {props.busy && (
          <button type="button" onClick={props.onStop}>
            Stop
          </button>
        )}
      </div>
    </form>
  );
}
