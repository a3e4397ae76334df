import { JsonBlock } from '../components/raw-json.js';
import { type CallRecord, operationLabel, type RecordedExchange } from './recorder.js';

function pretty(text: string | undefined): string {
  if (text === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function Problems({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0)
    return (
      <span class="valid" title="valid against the protocol schema">
        ✓ valid
      </span>
    );
  return (
    <ul class="problems" aria-label="Validation problems">
      {problems.map((p, i) => (
        <li key={i}>⚠ {p}</li>
      ))}
    </ul>
  );
}

function Headers({ headers }: { headers: Record<string, string> | undefined }) {
  if (!headers) return null;
  return (
    <details>
      <summary>headers</summary>
      <pre class="json">
        {Object.entries(headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n')}
      </pre>
    </details>
  );
}

function ExchangeView({ exchange }: { exchange: RecordedExchange }) {
  const streaming = exchange.events.length > 0;
  return (
    <div class="exchange">
      <div class="frame request">
        <div class="frame-head">
          <span class="dir">→</span> <strong>{exchange.method}</strong> <code>{exchange.url}</code>
          <span class="muted"> +{exchange.sentAt} ms</span>
        </div>
        <Headers headers={exchange.requestHeaders} />
        {exchange.requestBody && <pre class="json">{pretty(exchange.requestBody)}</pre>}
      </div>
      {exchange.status !== undefined && (
        <div class={`frame response ${exchange.status >= 400 ? 'bad' : ''}`}>
          <div class="frame-head">
            <span class="dir">←</span> <strong>HTTP {exchange.status}</strong>{' '}
            <span class="muted">
              +{exchange.headersAt} ms
              {exchange.endedAt !== undefined && ` · done +${exchange.endedAt} ms`}
              {streaming && ` · ${exchange.events.length} events`}
            </span>
          </div>
          <Headers headers={exchange.responseHeaders} />
          {exchange.body !== undefined && (
            <>
              <pre class="json">{pretty(exchange.body)}</pre>
              <Problems problems={exchange.problems} />
            </>
          )}
          {streaming && (
            <ol class="sse-events" aria-label="Stream events">
              {exchange.events.map((event, i) => (
                <li
                  key={i}
                  class={event.problems.length > 0 ? 'event-frame malformed' : 'event-frame'}
                >
                  <div class="frame-head">
                    <span class="dir">⇠</span> event {i + 1}
                    {event.id && <span class="muted"> id {event.id}</span>}
                    <span class="muted"> +{event.at} ms</span>{' '}
                    <Problems problems={event.problems} />
                  </div>
                  <pre class="json">{pretty(event.data)}</pre>
                </li>
              ))}
            </ol>
          )}
          {streaming && exchange.problems.length > 0 && <Problems problems={exchange.problems} />}
        </div>
      )}
      {exchange.error && <p class="problem">{exchange.error}</p>}
    </div>
  );
}

/** One call: its operation, interface, timing, outcome and every raw exchange. */
export function CallView({ call, open }: { call: CallRecord; open: boolean }) {
  const problemCount = call.exchanges.reduce(
    (n, x) => n + x.problems.length + x.events.filter((e) => e.problems.length > 0).length,
    0,
  );
  return (
    <details class="call" open={open} data-operation={call.operation}>
      <summary>
        <strong>{operationLabel(call)}</strong>{' '}
        <span class="muted">
          {call.binding} {call.version} ·{' '}
          {new Date(call.startedAt).toLocaleTimeString(undefined, { hour12: false })}
          {call.durationMs !== undefined ? ` · ${call.durationMs} ms` : ' · running'}
        </span>{' '}
        {call.error ? (
          <span class="pill bad">error</span>
        ) : (
          call.durationMs !== undefined && <span class="pill ok">ok</span>
        )}
        {problemCount > 0 && (
          <span class="pill warn">
            {problemCount} schema problem{problemCount > 1 ? 's' : ''}
          </span>
        )}
      </summary>
      {call.error && <p class="problem">{call.error}</p>}
      {call.exchanges.map((exchange, i) => (
        <ExchangeView key={i} exchange={exchange} />
      ))}
      {call.outcome !== undefined && (
        <details>
          <summary>decoded result</summary>
          <JsonBlock value={call.outcome} />
        </details>
      )}
    </details>
  );
}

/** Every call of the session, newest first. */
export function ExchangeLog({ calls }: { calls: readonly CallRecord[] }) {
  if (calls.length === 0)
    return <p class="muted">Requests and responses appear here, raw, as they happen.</p>;
  return (
    <div class="log" aria-live="polite">
      {[...calls].reverse().map((call, i) => (
        <CallView key={call.id} call={call} open={i === 0} />
      ))}
    </div>
  );
}
