import { useEffect, useState } from 'preact/hooks';

import { type WebhookDelivery } from '../../shared/api-types.js';
import { apiGet, apiSend } from '../api.js';
import { clock } from '../format.js';

/** The receiver URL of a session: what to give an agent as a push notification config. */
export function webhookUrl(sessionId: string): string {
  return `${location.origin}/api/webhooks/${sessionId}`;
}

/** The built-in webhook receiver: every push notification this session's URL got, live. */
export function WebhookPanel({ sessionId }: { sessionId: string }) {
  const [deliveries, setDeliveries] = useState<WebhookDelivery[]>([]);
  useEffect(() => {
    setDeliveries([]);
    void apiGet<{ deliveries: WebhookDelivery[] }>(`/api/webhooks/${sessionId}`).then((r) =>
      setDeliveries(r.deliveries),
    );
    const source = new EventSource(`/api/webhooks/${sessionId}/stream`);
    source.addEventListener('delivery', (event) => {
      const delivery = JSON.parse((event as MessageEvent<string>).data) as WebhookDelivery;
      setDeliveries((current) =>
        current.some((d) => d.id === delivery.id) ? current : [...current, delivery],
      );
    });
    return () => source.close();
  }, [sessionId]);
  return (
    <section class="panel" aria-labelledby="webhooks-title">
      <h3 id="webhooks-title">Webhook receiver</h3>
      <p class="small">
        Push notifications sent to <code>{webhookUrl(sessionId)}</code> show up here.{' '}
        <button
          type="button"
          class="link"
          onClick={() =>
            void apiSend('DELETE', `/api/webhooks/${sessionId}`).then(() => setDeliveries([]))
          }
        >
          Clear
        </button>
      </p>
      {deliveries.length === 0 ? (
        <p class="muted small">Nothing received yet.</p>
      ) : (
        <ol class="deliveries">
          {[...deliveries].reverse().map((d) => (
            <li key={d.id}>
              <span class="muted small">
                {clock(d.receivedAt)}
                {d.headers['x-a2a-notification-token'] &&
                  ` · token ${d.headers['x-a2a-notification-token']}`}
                {d.truncated && ' · truncated'}
              </span>
              <pre class="json">
                {d.json !== undefined ? JSON.stringify(d.json, null, 2) : d.body}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
