import { type AgentCard, BATON_URIS, type SecurityScheme } from '@baton/protocol';

import { type Colours } from './colour.js';

function schemeText(name: string, scheme: SecurityScheme): string {
  if (scheme.apiKeySecurityScheme) {
    const { location, name: key } = scheme.apiKeySecurityScheme;
    return `${name}: API key in ${location} '${key}' (--api-key)`;
  }
  if (scheme.httpAuthSecurityScheme) {
    const http = scheme.httpAuthSecurityScheme.scheme;
    return `${name}: HTTP ${http}${http.toLowerCase() === 'bearer' ? ' (--bearer)' : ''}`;
  }
  if (scheme.oauth2SecurityScheme) return `${name}: OAuth 2.0 (get a token, pass --bearer)`;
  if (scheme.openIdConnectSecurityScheme)
    return `${name}: OpenID Connect ${scheme.openIdConnectSecurityScheme.openIdConnectUrl} (--bearer)`;
  if (scheme.mtlsSecurityScheme) return `${name}: mutual TLS`;
  return name;
}

function yesNo(value: boolean | undefined, c: Colours): string {
  return value ? c('yes', 'green') : c('no', 'dim');
}

/** An agent card for people: who it is, where it answers, what it can do, what it needs. */
export function renderCard(card: AgentCard, c: Colours): string {
  const lines = [`${c(card.name, 'bold')} ${c(`v${card.version}`, 'dim')}`];
  if (card.description) lines.push(card.description);
  if (card.provider)
    lines.push(`${c('provider', 'dim')} ${card.provider.organization} (${card.provider.url})`);
  if (card.documentationUrl) lines.push(`${c('docs', 'dim')} ${card.documentationUrl}`);
  lines.push('', c('Interfaces', 'bold'));
  for (const entry of card.supportedInterfaces) {
    const tenant = entry.tenant ? c(` tenant ${entry.tenant}`, 'dim') : '';
    const binding =
      entry.protocolBinding === BATON_URIS.webSocketBinding ? 'WebSocket' : entry.protocolBinding;
    lines.push(`  ${`${binding} ${entry.protocolVersion}`.padEnd(16)} ${entry.url}${tenant}`);
  }
  const caps = card.capabilities;
  lines.push(
    '',
    c('Capabilities', 'bold'),
    `  streaming ${yesNo(caps.streaming, c)}   push notifications ${yesNo(caps.pushNotifications, c)}   extended card ${yesNo(caps.extendedAgentCard, c)}`,
  );
  for (const extension of caps.extensions ?? []) {
    lines.push(
      `  extension ${extension.uri}${extension.required ? c(' (required)', 'yellow') : ''}`,
    );
  }
  lines.push(`  input  ${card.defaultInputModes.join(', ') || '—'}`);
  lines.push(`  output ${card.defaultOutputModes.join(', ') || '—'}`);
  const schemes = Object.entries(card.securitySchemes ?? {});
  if (schemes.length > 0) {
    lines.push('', c('Security', 'bold'));
    for (const [name, scheme] of schemes) lines.push(`  ${schemeText(name, scheme)}`);
  }
  if (card.skills.length > 0) {
    lines.push('', c(`Skills (${card.skills.length})`, 'bold'));
    for (const skill of card.skills) {
      const name = skill.name === skill.id ? '' : ` ${skill.name}`;
      lines.push(`  ${c(skill.id, 'cyan')}${name} — ${skill.description}`);
      const examples = skill.examples?.filter((example) => example !== skill.id) ?? [];
      if (examples.length > 0) lines.push(c(`    e.g. ${examples.join(' · ')}`, 'dim'));
    }
  }
  if (card.signatures?.length)
    lines.push('', c(`Signed (${card.signatures.length} signature(s))`, 'dim'));
  return lines.join('\n');
}
