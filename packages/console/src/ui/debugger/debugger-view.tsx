import { agentCardUrl, LEGACY_AGENT_CARD_PATH } from '@baton/client';
import { type OperationName } from '@baton/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';

import { type Route } from '../router.js';
import { type CardCheck, checkCard } from './card-check.js';
import { CardPanel } from './card-panel.js';
import { ExchangeLog } from './exchange-log.js';
import { buildParams, type FormFields, parseHeaders } from './params.js';
import { type CallRecord, newCall, recordingFetch } from './recorder.js';
import { RequestForm } from './request-form.js';
import { type CallIds, runCall } from './run-call.js';
import { type DebugSession, loadSession, newSession, saveSession } from './session.js';
import { SessionPanel } from './session-panel.js';
import { WebhookPanel, webhookUrl } from './webhook-panel.js';

const EMPTY_FIELDS: FormFields = {
  text: 'hello',
  data: '',
  metadata: '',
  files: [],
  continueTaskId: '',
  taskId: '',
  contextId: '',
  returnImmediately: false,
  historyLength: '',
  pushUrl: '',
  pushToken: '',
  configId: '',
  status: '',
  pageSize: '',
  pageToken: '',
  headers: '',
};

const FINISHED = new Set([
  'TASK_STATE_COMPLETED',
  'TASK_STATE_FAILED',
  'TASK_STATE_CANCELED',
  'TASK_STATE_REJECTED',
]);
const SPOKEN = new Set(['JSONRPC 1.0', 'JSONRPC 0.3', 'HTTP+JSON 1.0']);

/** Fetches a card through the relay as a recorded call, and checks it against its schema. */
async function fetchCard(
  url: string,
  changed: () => void,
): Promise<{ call: CallRecord; raw: unknown; cardUrl: string }> {
  const call = newCall('FetchCard', { url }, { agentUrl: url, binding: 'HTTP', version: '' });
  const doFetch = recordingFetch(call, changed);
  const started = performance.now();
  const done = () => (call.durationMs = Math.round(performance.now() - started));
  let cardUrl = agentCardUrl(url);
  let response = await doFetch(cardUrl, {
    headers: { Accept: 'application/json', 'A2A-Version': '1.0' },
  });
  if (response.status === 404 && cardUrl.endsWith('/.well-known/agent-card.json')) {
    cardUrl = cardUrl.replace('/.well-known/agent-card.json', LEGACY_AGENT_CARD_PATH);
    response = await doFetch(cardUrl, { headers: { Accept: 'application/json' } });
  }
  const text = await response.text();
  done();
  if (!response.ok)
    throw Object.assign(new Error(`HTTP ${response.status} fetching the card from ${cardUrl}`), {
      call,
    });
  try {
    return { call, raw: JSON.parse(text), cardUrl };
  } catch {
    throw Object.assign(new Error(`The card at ${cardUrl} is not JSON.`), { call });
  }
}

/** The A2A debugger: card check, request composer, raw exchange log, webhooks and sessions. */
export function DebuggerView({ route }: { route: Route }) {
  const [session, setSession] = useState<DebugSession>(() => loadSession() ?? newSession());
  const [url, setUrl] = useState(route.query.get('url') ?? session.agentUrl);
  const [check, setCheck] = useState<CardCheck>();
  const [cardError, setCardError] = useState<string>();
  const [iface, setIface] = useState(0);
  const [operation, setOperation] = useState<OperationName>('SendMessage');
  const [fields, setFields] = useState<FormFields>(EMPTY_FIELDS);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [, setTick] = useState(0);
  const abort = useRef<AbortController | undefined>(undefined);
  const rerender = () => setTick((n) => n + 1);

  useEffect(() => saveSession(session), [session]);
  const addCall = (call: CallRecord) => setSession((s) => ({ ...s, calls: [...s.calls, call] }));

  const loadCard = async (target = url) => {
    setCardError(undefined);
    setCheck(undefined);
    try {
      const { call, raw } = await fetchCard(target, rerender);
      addCall(call);
      const result = checkCard(raw);
      call.outcome = result.problems.length === 0 ? 'valid card' : result.problems;
      setCheck(result);
      const first =
        result.card?.supportedInterfaces.findIndex((i) =>
          SPOKEN.has(`${i.protocolBinding} ${i.protocolVersion}`),
        ) ?? -1;
      setIface(Math.max(0, first));
      setSession((s) => ({ ...s, agentUrl: target }));
    } catch (error) {
      const call = (error as { call?: CallRecord }).call;
      if (call) addCall(call);
      setCardError(String(error));
    }
  };

  const asked = route.query.get('url');
  useEffect(() => {
    const target = asked ?? url;
    if (asked) setUrl(asked);
    if (target) void loadCard(target);
  }, [asked]);

  const chosen = check?.card?.supportedInterfaces[iface];
  const target = check?.card &&
    chosen && {
      card: check.card,
      agentUrl: url,
      binding: chosen.protocolBinding,
      version: chosen.protocolVersion,
      headers: parseHeaders(fields.headers),
    };

  // A finished task takes no more messages: keep its context, offer its id only while it is open.
  const remember = (ids: CallIds) =>
    setFields((f) => ({
      ...f,
      taskId: ids.taskId ?? f.taskId,
      continueTaskId: ids.taskId
        ? FINISHED.has(ids.state ?? '')
          ? ''
          : ids.taskId
        : f.continueTaskId,
      contextId: ids.contextId ?? f.contextId,
    }));

  const run = async () => {
    if (!target) return;
    let params: unknown;
    try {
      params = buildParams(operation, {
        ...fields,
        pushUrl: fields.pushUrl || webhookUrl(session.id),
      });
      setFormError(undefined);
    } catch (error) {
      setFormError((error as Error).message);
      return;
    }
    setBusy(true);
    abort.current = new AbortController();
    let added = false;
    const call = await runCall(
      target,
      operation,
      params,
      (c) => {
        if (!added) addCall(c);
        added = true;
        rerender();
      },
      abort.current.signal,
    );
    if (!added) addCall(call);
    setSession((s) => ({
      ...s,
      binding: target.binding,
      protocolVersion: target.version,
      calls: [...s.calls],
    }));
    remember(call.ids);
    setBusy(false);
  };

  const replay = async (calls: readonly CallRecord[]) => {
    if (!target) return;
    setBusy(true);
    const ids = new Map<string, string>();
    const { remapIds } = await import('./params.js');
    for (const original of calls) {
      if (original.operation === 'FetchCard') continue;
      const params = remapIds(original.params, ids);
      let added = false;
      const call = await runCall(target, original.operation, params, (c) => {
        if (!added) addCall(c);
        added = true;
        rerender();
      });
      const before = (original as CallRecord & { ids?: CallIds }).ids ?? {};
      if (before.taskId && call.ids.taskId) ids.set(before.taskId, call.ids.taskId);
      if (before.contextId && call.ids.contextId) ids.set(before.contextId, call.ids.contextId);
      remember(call.ids);
    }
    setSession((s) => ({ ...s, calls: [...s.calls] }));
    setBusy(false);
  };

  return (
    <>
      <div class="view-head">
        <h2>Debugger</h2>
        <span class="muted">Talk to any A2A agent and see every byte.</span>
      </div>
      <form
        class="inline-form url-form"
        onSubmit={(e) => {
          e.preventDefault();
          void loadCard();
        }}
      >
        <label class="grow">
          Agent URL
          <input
            type="url"
            required
            value={url}
            onInput={(e) => setUrl(e.currentTarget.value)}
            placeholder="http://127.0.0.1:4101"
          />
        </label>
        <button type="submit">Fetch card</button>
      </form>
      <div class="debugger">
        <div class="debugger-side">
          <CardPanel check={check} error={cardError} iface={iface} onInterface={setIface} />
          {target && (
            <section class="panel">
              <h3>Request</h3>
              <RequestForm
                operation={operation}
                fields={{ ...fields, pushUrl: fields.pushUrl || webhookUrl(session.id) }}
                busy={busy}
                canStream={check?.card?.capabilities.streaming === true}
                onOperation={setOperation}
                onChange={(patch) => setFields((f) => ({ ...f, ...patch }))}
                onSubmit={() => void run()}
                onStop={() => abort.current?.abort()}
              />
              {formError && (
                <p class="problem" role="alert">
                  {formError}
                </p>
              )}
            </section>
          )}
          <SessionPanel
            session={session}
            busy={busy}
            canReplay={target !== undefined}
            onNew={() => setSession(newSession(url))}
            onImport={(imported) => {
              setSession(imported);
              if (imported.agentUrl && !url) setUrl(imported.agentUrl);
            }}
            onReplay={(calls) => void replay(calls)}
          />
          <WebhookPanel sessionId={session.id} />
        </div>
        <section class="debugger-log" aria-label="Exchanges">
          <h3>Exchanges ({session.calls.length})</h3>
          <ExchangeLog calls={session.calls} />
        </section>
      </div>
    </>
  );
}
