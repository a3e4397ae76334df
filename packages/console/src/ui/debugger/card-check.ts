import {
  type AgentCard,
  AgentCard03Schema,
  AgentCardSchema,
  cardFrom03,
  type FieldViolation,
  isCard03,
  parseProtocol,
} from '@baton/protocol';

/** What the debugger found in a card. */
export interface CardCheck {
  /** The protocol version the card is written for. */
  version: '1.0' | '0.3';
  /** Every problem, in plain words; empty when the card is valid. */
  problems: string[];
  /** Advice that is not a schema violation. */
  warnings: string[];
  /** The card as canonical 1.0, when it could be read. */
  card: AgentCard | undefined;
}

/** A schema violation in plain words: `skills[0].tags is required`. */
export function plainViolation(v: FieldViolation): string {
  const where = v.field ? `“${v.field}”` : 'The card';
  const what = v.description === 'is required' ? 'is missing (it is required)' : v.description;
  return `${where} ${what}.`;
}

function warningsOf(card: AgentCard): string[] {
  const warnings: string[] = [];
  if (card.supportedInterfaces.length === 0)
    warnings.push('The card lists no interfaces: clients cannot reach the agent.');
  for (const i of card.supportedInterfaces) {
    try {
      const url = new URL(i.url);
      if (url.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
        warnings.push(`Interface ${i.url} is plain http: use https in production.`);
      }
    } catch {
      warnings.push(`Interface URL “${i.url}” is not absolute.`);
    }
    if (
      !['JSONRPC', 'HTTP+JSON', 'GRPC'].includes(i.protocolBinding) &&
      !i.protocolBinding.includes(':')
    ) {
      warnings.push(`Binding “${i.protocolBinding}” is not a standard one and not a URI.`);
    }
  }
  if (card.skills.length === 0) warnings.push('The card declares no skills.');
  return warnings;
}

/**
 * Validates a fetched card against the schema of its own protocol version (0.3 cards are told
 * apart by their top-level `url` / `protocolVersion`) and explains every problem.
 */
export function checkCard(raw: unknown): CardCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      version: '1.0',
      problems: ['The card is not a JSON object.'],
      warnings: [],
      card: undefined,
    };
  }
  if (isCard03(raw)) {
    const parsed = parseProtocol(AgentCard03Schema, raw);
    if (!parsed.success) {
      return {
        version: '0.3',
        problems: parsed.violations.map(plainViolation),
        warnings: [],
        card: undefined,
      };
    }
    const card = cardFrom03(parsed.data);
    return { version: '0.3', problems: [], warnings: warningsOf(card), card };
  }
  const parsed = parseProtocol(AgentCardSchema, raw);
  if (!parsed.success) {
    return {
      version: '1.0',
      problems: parsed.violations.map(plainViolation),
      warnings: [],
      card: undefined,
    };
  }
  return { version: '1.0', problems: [], warnings: warningsOf(parsed.data), card: parsed.data };
}
