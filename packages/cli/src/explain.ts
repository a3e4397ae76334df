import { A2AClientError } from '@baton/client';
import {
  A2AError,
  ContentTypeNotSupportedError,
  InvalidParamsError,
  PermissionDeniedError,
  PushNotificationNotSupportedError,
  TaskNotCancelableError,
  TaskNotFoundError,
  UnauthenticatedError,
  UnsupportedOperationError,
  VersionNotSupportedError,
} from '@baton/protocol';

import { CliError, UsageError, usageFailure } from './errors.js';
import { EXIT_CODES } from './exit-codes.js';

/** What the CLI was doing when an error happened, for hints that name the next command. */
export interface ErrorContext {
  /** The agent URL as the user gave it. */
  url?: string | undefined;
  /** The task the command was about. */
  taskId?: string | undefined;
  /** The per-request time limit in ms, if any. */
  timeoutMs?: number | undefined;
  /** Whether the user chose `--binding` or `--protocol`. */
  forcedInterface?: boolean | undefined;
}

const AUTH_HINT =
  'pass credentials: --bearer <token> or --api-key <key> (or BATON_TOKEN / BATON_API_KEY); ' +
  '`baton card <url>` shows the security schemes the agent accepts';

function cardHint(context: ErrorContext): string {
  return `\`baton card ${context.url ?? '<url>'}\``;
}

function a2aHint(error: unknown, context: ErrorContext): string | undefined {
  const url = context.url ?? '<url>';
  if (TaskNotFoundError.isInstance(error))
    return `check the task id; \`baton list ${url}\` shows the agent's tasks`;
  if (TaskNotCancelableError.isInstance(error))
    return `the task already ended; \`baton get ${url} ${context.taskId ?? '<taskId>'}\` shows how`;
  if (PushNotificationNotSupportedError.isInstance(error))
    return `the agent does not offer push notifications (capabilities in ${cardHint(context)})`;
  if (UnsupportedOperationError.isInstance(error))
    return `the agent cannot do this now or at all; see its capabilities with ${cardHint(context)}`;
  if (ContentTypeNotSupportedError.isInstance(error))
    return `the agent does not accept this media type; see defaultInputModes in ${cardHint(context)}`;
  if (VersionNotSupportedError.isInstance(error))
    return 'try the other protocol version: --protocol 0.3 or --protocol 1.0';
  if (UnauthenticatedError.isInstance(error)) return AUTH_HINT;
  if (PermissionDeniedError.isInstance(error))
    return 'the credentials were accepted but do not allow this';
  if (InvalidParamsError.isInstance(error) && error.fieldViolations.length > 0)
    return error.fieldViolations
      .map((v) => `${v.field || '(request)'}: ${v.description}`)
      .join('; ');
  return undefined;
}

/** The innermost cause's message: `connect ECONNREFUSED 127.0.0.1:4000` rather than the wrappers. */
function rootCause(error: Error): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : error.message;
}

function clientFailure(error: A2AClientError, context: ErrorContext): CliError {
  const url = context.url ?? 'the agent';
  const base = { kind: 'network', cause: error, details: { code: error.code } };
  switch (error.code) {
    case 'NETWORK_ERROR':
      return new CliError(EXIT_CODES.NETWORK_ERROR, `could not reach ${url}: ${rootCause(error)}`, {
        ...base,
        hint: `is the agent running, and is the URL right? try ${cardHint(context)}`,
      });
    case 'TIMEOUT': {
      const limit = context.timeoutMs === undefined ? '' : ` within ${context.timeoutMs} ms`;
      return new CliError(EXIT_CODES.NETWORK_ERROR, `${url} did not answer${limit}`, {
        ...base,
        kind: 'timeout',
        hint: 'raise --timeout (0 for none), or use --no-wait and `baton get` later',
      });
    }
    case 'HTTP_ERROR':
      return httpFailure(error, context);
    case 'INVALID_CARD':
      return new CliError(EXIT_CODES.NETWORK_ERROR, error.message, {
        ...base,
        hint: `is ${url} an A2A agent? its card is read from /.well-known/agent-card.json`,
      });
    case 'INVALID_RESPONSE':
    case 'INVALID_SIGNATURE':
      return new CliError(EXIT_CODES.NETWORK_ERROR, error.message, {
        ...base,
        hint: '--verbose shows every request; --json prints what the agent sent',
      });
    case 'NO_COMPATIBLE_INTERFACE':
      return new CliError(EXIT_CODES.AGENT_ERROR, error.message, {
        ...base,
        kind: 'unsupported',
        hint: context.forcedInterface
          ? `the card has no interface for this --binding/--protocol; see ${cardHint(context)}`
          : `the card offers no binding this CLI speaks; see ${cardHint(context)}`,
      });
    case 'UNSUPPORTED_OPERATION':
      return new CliError(EXIT_CODES.AGENT_ERROR, error.message, {
        ...base,
        kind: 'unsupported',
        hint: 'the protocol version in use lacks this operation (0.3 has no ListTasks); try --protocol 1.0',
      });
    case 'ABORTED':
      return new CliError(EXIT_CODES.INTERRUPTED, 'interrupted', { ...base, kind: 'interrupted' });
  }
}

function httpFailure(error: A2AClientError, context: ErrorContext): CliError {
  const status = error.status ?? 0;
  const body = (error.body ?? '').trim().replace(/\s+/g, ' ').slice(0, 200);
  const message = body ? `${error.message}: ${body}` : error.message;
  const hint =
    status === 401 || status === 403
      ? AUTH_HINT
      : status === 404
        ? `no A2A endpoint at that address; check the URL with ${cardHint(context)}`
        : status === 413
          ? 'the request is larger than the agent accepts; send a smaller --file'
          : status >= 500
            ? 'the agent failed; try again, or look at its logs'
            : undefined;
  return new CliError(EXIT_CODES.NETWORK_ERROR, message, {
    kind: 'http',
    cause: error,
    details: { code: error.code, status },
    ...(hint ? { hint } : {}),
  });
}

/**
 * Turns anything a command threw into a {@link CliError}: usage errors exit 1, A2A errors from
 * the agent 4, network / HTTP / timeout failures 5 — each with a hint of what to do next.
 */
export function explainError(error: unknown, context: ErrorContext = {}): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof UsageError) return usageFailure(error);
  if (A2AError.isInstance(error)) {
    const hint = a2aHint(error, context);
    return new CliError(EXIT_CODES.AGENT_ERROR, `the agent says: ${error.message}`, {
      kind: 'a2a',
      cause: error,
      details: { code: error.code, reason: error.reason },
      ...(hint ? { hint } : {}),
    });
  }
  if (A2AClientError.isInstance(error)) return clientFailure(error, context);
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(EXIT_CODES.USAGE, `unexpected error: ${message}`, {
    kind: 'internal',
    cause: error,
    hint: 'run again with --verbose; if it persists, please report it',
  });
}
