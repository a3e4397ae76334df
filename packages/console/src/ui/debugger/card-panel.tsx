import { RawJson } from '../components/raw-json.js';
import { AgentCardView } from '../views/agent-card.js';
import { type CardCheck } from './card-check.js';

interface CardPanelProps {
  check: CardCheck | undefined;
  error: string | undefined;
  iface: number;
  onInterface: (index: number) => void;
}

/** The fetched card: its schema check in plain words, the interface to use, and the card itself. */
export function CardPanel({ check, error, iface, onInterface }: CardPanelProps) {
  if (error)
    return (
      <p class="problem" role="alert">
        {error}
      </p>
    );
  if (!check) return null;
  const { card } = check;
  return (
    <section class="panel" aria-labelledby="card-title">
      <h3 id="card-title">
        {card?.name ?? 'Agent card'} <span class="muted">(protocol {check.version} card)</span>
      </h3>
      {check.problems.length === 0 ? (
        <p class="valid" role="status">
          ✓ The card is valid against the A2A {check.version} schema.
        </p>
      ) : (
        <>
          <p class="problem" role="alert">
            The card breaks the A2A {check.version} schema in {check.problems.length} place
            {check.problems.length > 1 ? 's' : ''}:
          </p>
          <ul class="problems">
            {check.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </>
      )}
      {check.warnings.length > 0 && (
        <ul class="warnings">
          {check.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      {card && (
        <>
          <label>
            Interface (binding and version)
            <select value={iface} onChange={(e) => onInterface(Number(e.currentTarget.value))}>
              {card.supportedInterfaces.map((i, n) => (
                <option key={n} value={n}>
                  {i.protocolBinding} {i.protocolVersion} — {i.url}
                </option>
              ))}
            </select>
          </label>
          <details>
            <summary>The card, rendered</summary>
            <AgentCardView card={card} />
          </details>
          <RawJson value={card} label="The card as canonical 1.0 JSON" />
        </>
      )}
    </section>
  );
}
