import { InvalidParamsError } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { assertWebhookUrlAllowed } from './url-guard.js';

const refused = (url: string, fragment: string) => [url, fragment] as const;

describe('assertWebhookUrlAllowed', () => {
  it.each([
    'https://hooks.example.com/a2a',
    'http://example.com:8080/hook?x=1',
    'https://8.8.8.8/hook',
    'https://172.32.0.1/',
    'https://172.15.255.255/',
    'https://192.169.0.1/',
    'https://169.255.0.1/',
    'https://[2001:db8::1]/hook',
    'https://[::ffff:8.8.8.8]/',
    'https://[fe00::1]/',
    'https://localhost.example.com/',
    'https://mylocalhost/',
  ])('accepts the public URL %s', (url) => {
    expect(() => assertWebhookUrlAllowed(url)).not.toThrow();
  });

  it.each([
    refused('not a url', 'not an absolute URL'),
    refused('/relative/path', 'not an absolute URL'),
    refused('ftp://example.com/hook', 'http or https, not ftp:'),
    refused('file:///etc/passwd', 'http or https'),
    refused('javascript:alert(1)', 'http or https'),
    refused('http://localhost:3000/hook', 'loopback'),
    refused('http://LOCALHOST./hook', 'loopback'),
    refused('http://api.localhost/hook', 'loopback'),
    refused('http://127.0.0.1/hook', 'loopback'),
    refused('http://127.255.1.2/', 'loopback'),
    refused('http://2130706433/', 'loopback'),
    refused('http://0x7f.1/', 'loopback'),
    refused('http://[::1]:8080/', 'loopback'),
    refused('http://[::ffff:127.0.0.1]/', 'loopback'),
    refused('http://10.1.2.3/', 'private'),
    refused('http://172.16.0.1/', 'private'),
    refused('http://172.31.255.255/', 'private'),
    refused('http://192.168.1.1/', 'private'),
    refused('http://[fc00::1]/', 'private'),
    refused('http://[fd12:3456::1]/', 'private'),
    refused('http://[::ffff:10.0.0.1]/', 'private'),
    refused('http://169.254.169.254/latest/meta-data', 'link-local'),
    refused('http://[fe80::1]/', 'link-local'),
    refused('http://[febf::1]/', 'link-local'),
    refused('http://0.0.0.0:8080/', 'unspecified'),
    refused('http://0/', 'unspecified'),
    refused('http://[::]/', 'unspecified'),
  ])('refuses %s (%s)', (url, fragment) => {
    let error: unknown;
    try {
      assertWebhookUrlAllowed(url);
    } catch (caught) {
      error = caught;
    }
    expect(InvalidParamsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(fragment);
  });

  it('accepts private and loopback addresses with allowPrivateUrls, never other schemes', () => {
    const options = { allowPrivateUrls: true };
    for (const url of [
      'http://127.0.0.1:9/',
      'http://localhost/',
      'http://[::1]/',
      'http://10.0.0.1/',
    ]) {
      expect(() => assertWebhookUrlAllowed(url, options)).not.toThrow();
    }
    expect(() => assertWebhookUrlAllowed('ftp://127.0.0.1/', options)).toThrow('http or https');
  });

  it('names the offending field in the error', () => {
    const field = 'configuration.taskPushNotificationConfig.url';
    try {
      assertWebhookUrlAllowed('http://10.0.0.1/', { field });
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidParamsError).fieldViolations).toEqual([
        { field, description: expect.stringContaining('private') },
      ]);
    }
  });
});
