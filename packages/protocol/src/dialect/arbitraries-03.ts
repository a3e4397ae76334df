import fc from 'fast-check';

import {
  base64,
  binding,
  bool,
  extension,
  jsonObject,
  key,
  keys,
  nonEmpty,
  scopes,
  signature,
  strings,
  text,
  timestamp,
} from './arbitraries.js';
import { type AgentCard03 } from './v03-card.js';
import { TASK_STATES_03 } from './v03-enums.js';
import { type StreamEvent03 } from './v03-events.js';
import { type Artifact03, type Message03 } from './v03-message.js';
import { type Part03 } from './v03-parts.js';
import { type PushNotificationConfig03, type TaskPushNotificationConfig03 } from './v03-push.js';
import { type SecurityScheme03 } from './v03-security.js';
import { type Task03, type TaskStatus03 } from './v03-task.js';

/** fast-check arbitraries of 0.3 values in the normal form the converters emit (test-only). */

/** A 0.3 part of any kind; DataPart data is an object without the compat marker. */
export const part03: fc.Arbitrary<Part03> = fc.oneof(
  fc.record(
    { kind: fc.constant('text' as const), text, metadata: jsonObject },
    keys('kind', 'text'),
  ),
  fc.record(
    {
      kind: fc.constant('file' as const),
      file: fc.oneof(
        fc.record({ bytes: base64, name: text, mimeType: text }, keys('bytes')),
        fc.record({ uri: nonEmpty, name: text, mimeType: text }, keys('uri')),
      ),
      metadata: jsonObject,
    },
    keys('kind', 'file'),
  ),
  fc.record(
    { kind: fc.constant('data' as const), data: jsonObject, metadata: jsonObject },
    keys('kind', 'data'),
  ),
);

/** A 0.3 message with `kind`. */
export const message03: fc.Arbitrary<Message03> = fc.record(
  {
    kind: fc.constant('message' as const),
    messageId: nonEmpty,
    role: fc.constantFrom('user' as const, 'agent' as const),
    parts: fc.array(part03, { minLength: 1, maxLength: 3 }),
    contextId: text,
    taskId: text,
    metadata: jsonObject,
    extensions: strings,
    referenceTaskIds: strings,
  },
  keys('kind', 'messageId', 'role', 'parts'),
);

/** A 0.3 artifact. */
export const artifact03: fc.Arbitrary<Artifact03> = fc.record(
  {
    artifactId: nonEmpty,
    name: text,
    description: text,
    parts: fc.array(part03, { minLength: 1, maxLength: 3 }),
    metadata: jsonObject,
    extensions: strings,
  },
  keys('artifactId', 'parts'),
);

/** 0.3 timestamps with a zone: `Z` or a numeric offset. */
export const timestamp03 = fc.oneof(
  timestamp,
  timestamp.map((value) => value.replace('Z', '+02:00')),
);

/** A 0.3 task status, any of the nine states. */
export const taskStatus03: fc.Arbitrary<TaskStatus03> = fc.record(
  { state: fc.constantFrom(...TASK_STATES_03), message: message03, timestamp: timestamp03 },
  keys('state'),
);

/** A 0.3 task with `kind` and a contextId (possibly empty). */
export const task03: fc.Arbitrary<Task03> = fc.record(
  {
    kind: fc.constant('task' as const),
    id: nonEmpty,
    contextId: text,
    status: taskStatus03,
    history: fc.array(message03, { maxLength: 2 }),
    artifacts: fc.array(artifact03, { maxLength: 2 }),
    metadata: jsonObject,
  },
  keys('kind', 'id', 'contextId', 'status'),
);

/** Any 0.3 stream item, status updates with a free `final` flag. */
export const streamEvent03: fc.Arbitrary<StreamEvent03> = fc.oneof(
  task03,
  message03,
  fc.record(
    {
      kind: fc.constant('status-update' as const),
      taskId: nonEmpty,
      contextId: text,
      status: taskStatus03,
      final: bool,
      metadata: jsonObject,
    },
    keys('kind', 'taskId', 'contextId', 'status', 'final'),
  ),
  fc.record(
    {
      kind: fc.constant('artifact-update' as const),
      taskId: nonEmpty,
      contextId: text,
      artifact: artifact03,
      append: bool,
      lastChunk: bool,
      metadata: jsonObject,
    },
    keys('kind', 'taskId', 'contextId', 'artifact'),
  ),
);

/** A 0.3 push config with at most one auth scheme. */
export const pushConfig03: fc.Arbitrary<PushNotificationConfig03> = fc.record(
  {
    id: text,
    url: nonEmpty,
    token: text,
    authentication: fc.record(
      { schemes: nonEmpty.map((scheme) => [scheme]), credentials: text },
      keys('schemes'),
    ),
  },
  keys('url'),
);

/** A 0.3 TaskPushNotificationConfig. */
export const taskPushConfig03: fc.Arbitrary<TaskPushNotificationConfig03> = fc.record(
  { taskId: nonEmpty, pushNotificationConfig: pushConfig03 },
  keys('taskId', 'pushNotificationConfig'),
);

const flow03 = { refreshUrl: text, scopes };
/** A 0.3 security scheme; oauth2 with exactly one flow. */
export const securityScheme03: fc.Arbitrary<SecurityScheme03> = fc.oneof(
  fc.record(
    {
      type: fc.constant('apiKey' as const),
      in: fc.constantFrom('query' as const, 'header' as const, 'cookie' as const),
      name: nonEmpty,
      description: text,
    },
    keys('type', 'in', 'name'),
  ),
  fc.record(
    { type: fc.constant('http' as const), scheme: nonEmpty, bearerFormat: text, description: text },
    keys('type', 'scheme'),
  ),
  fc.record(
    {
      type: fc.constant('oauth2' as const),
      flows: fc.oneof(
        fc.record(
          {
            authorizationCode: fc.record(
              { authorizationUrl: nonEmpty, tokenUrl: nonEmpty, ...flow03 },
              keys('authorizationUrl', 'tokenUrl', 'scopes'),
            ),
          },
          keys('authorizationCode'),
        ),
        fc.record(
          {
            clientCredentials: fc.record(
              { tokenUrl: nonEmpty, ...flow03 },
              keys('tokenUrl', 'scopes'),
            ),
          },
          keys('clientCredentials'),
        ),
        fc.record(
          {
            implicit: fc.record(
              { authorizationUrl: nonEmpty, ...flow03 },
              keys('authorizationUrl', 'scopes'),
            ),
          },
          keys('implicit'),
        ),
        fc.record(
          {
            password: fc.record({ tokenUrl: nonEmpty, ...flow03 }, keys('tokenUrl', 'scopes')),
          },
          keys('password'),
        ),
      ),
      oauth2MetadataUrl: text,
      description: text,
    },
    keys('type', 'flows'),
  ),
  fc.record(
    { type: fc.constant('openIdConnect' as const), openIdConnectUrl: nonEmpty, description: text },
    keys('type', 'openIdConnectUrl'),
  ),
  fc.record({ type: fc.constant('mutualTLS' as const), description: text }, keys('type')),
);

const requirement03 = fc.dictionary(key, strings, { maxKeys: 2, noNullPrototype: true });

/** A 0.3 card in normal form: version `0.3.0`, explicit transport, main interface listed first. */
export const card03: fc.Arbitrary<AgentCard03> = fc
  .record(
    {
      interfaces: fc.uniqueArray(
        fc.record({ url: nonEmpty, transport: binding }, keys('url', 'transport')),
        { minLength: 1, maxLength: 3, selector: (i) => `${i.url}\n${i.transport}` },
      ),
      name: nonEmpty,
      description: text,
      iconUrl: text,
      provider: fc.record({ url: nonEmpty, organization: nonEmpty }, keys('url', 'organization')),
      version: nonEmpty,
      documentationUrl: text,
      capabilities: fc.record(
        {
          streaming: bool,
          pushNotifications: bool,
          extensions: fc.array(extension, { maxLength: 2 }),
        },
        keys<never>(),
      ),
      securitySchemes: fc.dictionary(key, securityScheme03, { maxKeys: 2, noNullPrototype: true }),
      security: fc.array(requirement03, { maxLength: 2 }),
      defaultInputModes: strings,
      defaultOutputModes: strings,
      skills: fc.array(
        fc.record(
          {
            id: nonEmpty,
            name: nonEmpty,
            description: text,
            tags: strings,
            examples: strings,
            inputModes: strings,
            outputModes: strings,
            security: fc.array(requirement03, { maxLength: 2 }),
          },
          keys('id', 'name', 'description', 'tags'),
        ),
        { maxLength: 2 },
      ),
      supportsAuthenticatedExtendedCard: bool,
      signatures: fc.array(signature, { maxLength: 1 }),
    },
    keys(
      'interfaces',
      'name',
      'description',
      'version',
      'capabilities',
      'defaultInputModes',
      'defaultOutputModes',
      'skills',
    ),
  )
  .map(({ interfaces, ...rest }): AgentCard03 => {
    const [main] = interfaces;
    return {
      protocolVersion: '0.3.0',
      url: main?.url ?? '',
      preferredTransport: main?.transport ?? 'JSONRPC',
      additionalInterfaces: interfaces,
      ...rest,
    };
  });
