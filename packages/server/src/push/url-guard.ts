import { InvalidParamsError } from '@baton/protocol';

import { classifyIpv4, classifyIpv6, parseIpv4, parseIpv6 } from './ip-address.js';

/** Options of {@link assertWebhookUrlAllowed}. */
export interface WebhookUrlOptions {
  /**
   * Accept loopback, private, link-local and unspecified addresses (a local test receiver, the
   * TCK's webhook on localhost, an agent inside a private network).
   * @default false
   */
  allowPrivateUrls?: boolean | undefined;
  /**
   * The params field the URL came from, named in the error's field violation (for instance
   * `configuration.taskPushNotificationConfig.url` inside SendMessage).
   * @default 'url'
   */
  field?: string | undefined;
}

/**
 * Checks a push notification URL before Baton stores or calls it (A2A §9, SSRF): it must be an
 * absolute `http:` or `https:` URL and, unless `allowPrivateUrls` is set, must not name a
 * loopback (127.0.0.0/8, ::1, `localhost`, `*.localhost`), private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), link-local (169.254/16, fe80::/10) or unspecified (0.0.0.0/8, ::) address, written
 * plainly or as an IPv4-mapped IPv6 address. Throws `InvalidParamsError` otherwise.
 *
 * Only literal addresses and localhost names are checked: the runtime-neutral core resolves no
 * DNS, so a public name that resolves to a private address passes. Deployments that need more
 * put an egress proxy or a resolving check in front of the sender.
 * @example
 * assertWebhookUrlAllowed('https://hooks.example.com/a2a'); // passes
 * assertWebhookUrlAllowed('http://127.0.0.1:8080/hook'); // throws InvalidParamsError
 */
export function assertWebhookUrlAllowed(url: string, options: WebhookUrlOptions = {}): void {
  const field = options.field ?? 'url';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw refuse(field, `push notification url ${quote(url)} is not an absolute URL`, cause);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw refuse(field, `push notification url must use http or https, not ${parsed.protocol}`);
  }
  if (options.allowPrivateUrls) return;
  const reason = disallowedHostReason(parsed.hostname);
  if (reason !== undefined) {
    throw refuse(
      field,
      `push notification url ${quote(parsed.origin)} points to a ${reason} address; ` +
        'only public addresses are allowed (see the allowPrivateUrls option)',
    );
  }
}

/**
 * Why a URL host name is not a public webhook target (`'loopback'`, `'private'`, `'link-local'`,
 * `'unspecified'`), or undefined for a public address or a name other than localhost.
 */
export function disallowedHostReason(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  const ipv4 = parseIpv4(host);
  if (ipv4) return classifyIpv4(ipv4);
  const ipv6 = parseIpv6(host);
  return ipv6 ? classifyIpv6(ipv6) : undefined;
}

function quote(url: string): string {
  return JSON.stringify(url.length > 200 ? `${url.slice(0, 200)}…` : url);
}

function refuse(field: string, message: string, cause?: unknown): InvalidParamsError {
  return new InvalidParamsError(message, {
    cause,
    fieldViolations: [{ field, description: message }],
  });
}
