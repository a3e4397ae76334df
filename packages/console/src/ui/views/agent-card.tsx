import { type AgentCard, type SecurityScheme } from '@baton/protocol';

function schemeText(scheme: SecurityScheme): string {
  if (scheme.apiKeySecurityScheme) {
    const { location, name } = scheme.apiKeySecurityScheme;
    return `API key in ${location} “${name}”`;
  }
  if (scheme.httpAuthSecurityScheme) {
    const { scheme: kind, bearerFormat } = scheme.httpAuthSecurityScheme;
    return `HTTP ${kind}${bearerFormat ? ` (${bearerFormat})` : ''}`;
  }
  if (scheme.oauth2SecurityScheme) {
    const flows = Object.keys(scheme.oauth2SecurityScheme?.flows ?? {});
    return `OAuth 2.0 (${flows.join(', ') || 'no flows'})`;
  }
  if (scheme.openIdConnectSecurityScheme)
    return `OpenID Connect ${scheme.openIdConnectSecurityScheme.openIdConnectUrl}`;
  if (scheme.mtlsSecurityScheme) return 'Mutual TLS';
  return 'unknown scheme';
}

function Flag({ on, label }: { on: boolean | undefined; label: string }) {
  return (
    <li class={on ? 'flag on' : 'flag off'}>
      <span aria-hidden="true">{on ? '✔' : '✘'}</span> {label}
      <span class="sr-only">{on ? ': yes' : ': no'}</span>
    </li>
  );
}

/** An agent card rendered for people: skills, capabilities, interfaces and security. */
export function AgentCardView({ card }: { card: AgentCard }) {
  const schemes = Object.entries(card.securitySchemes ?? {});
  return (
    <div class="card-view">
      <p>{card.description}</p>
      <p class="muted">
        Version {card.version}
        {card.provider && ` · by ${card.provider.organization}`}
        {card.documentationUrl && (
          <>
            {' · '}
            <a href={card.documentationUrl} target="_blank" rel="noopener noreferrer">
              documentation
            </a>
          </>
        )}
      </p>
      <div class="card-grid">
        <section>
          <h4>Capabilities</h4>
          <ul class="flags">
            <Flag on={card.capabilities.streaming} label="Streaming" />
            <Flag on={card.capabilities.pushNotifications} label="Push notifications" />
            <Flag on={card.capabilities.extendedAgentCard} label="Extended card" />
          </ul>
          {(card.capabilities.extensions ?? []).length > 0 && (
            <>
              <h5>Extensions</h5>
              <ul class="plain">
                {card.capabilities.extensions!.map((e) => (
                  <li key={e.uri}>
                    <code>{e.uri}</code>
                    {e.required && <strong> (required)</strong>}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h5>Modes</h5>
          <p class="small">
            in: {card.defaultInputModes.join(', ')}
            <br />
            out: {card.defaultOutputModes.join(', ')}
          </p>
        </section>
        <section>
          <h4>Interfaces</h4>
          <table class="compact">
            <thead>
              <tr>
                <th scope="col">Binding</th>
                <th scope="col">Version</th>
                <th scope="col">URL</th>
              </tr>
            </thead>
            <tbody>
              {card.supportedInterfaces.map((i) => (
                <tr key={`${i.url}-${i.protocolBinding}-${i.protocolVersion}`}>
                  <td>{i.protocolBinding}</td>
                  <td>{i.protocolVersion}</td>
                  <td>
                    <code>{i.url}</code>
                    {i.tenant && <span class="muted"> tenant {i.tenant}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>Security</h4>
          {schemes.length === 0 ? (
            <p class="small muted">No authentication declared.</p>
          ) : (
            <ul class="plain small">
              {schemes.map(([name, scheme]) => (
                <li key={name}>
                  <strong>{name}</strong>: {schemeText(scheme)}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <h4>Skills</h4>
      <ul class="skills">
        {card.skills.map((skill) => (
          <li key={skill.id}>
            <strong>{skill.name}</strong> <code class="muted">{skill.id}</code>
            <p>{skill.description}</p>
            <p class="small">
              {skill.tags.map((tag) => (
                <span class="tag" key={tag}>
                  {tag}
                </span>
              ))}
              {(skill.examples ?? []).length > 0 && (
                <span class="muted"> e.g. {skill.examples!.map((e) => `“${e}”`).join(', ')}</span>
              )}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
