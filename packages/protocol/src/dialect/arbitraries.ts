import fc from 'fast-check';

import { type AgentCard } from '../agent-card.js';
import { type Artifact, type Message } from '../message.js';
import { type Part } from '../part.js';
import { type JsonObject, type JsonValue } from '../proto-json.js';
import { type TaskPushNotificationConfig } from '../push-config.js';
import { type SecurityRequirement, type SecurityScheme } from '../security.js';
import { type StreamResponse } from '../stream-response.js';
import { type Task, type TaskStatus } from '../task.js';
import { TASK_STATES } from '../task-state.js';
import { isJsonObject } from './v03-common.js';
import { DATA_PART_COMPAT_KEY } from './v03-parts.js';

/**
 * fast-check arbitraries for the dialect's property tests (test-only): canonical 1.0 values
 * restricted to what 0.3 can represent, and the building blocks `arbitraries-03.ts` shares.
 */

/** Record constraints: the given keys required, plain prototypes (toStrictEqual compares them). */
export function keys<K extends string>(...requiredKeys: K[]) {
  return { requiredKeys, noNullPrototype: true };
}

/** Short strings, possibly empty. */
export const text = fc.string({ maxLength: 8 });
/** Short non-empty strings, for REQUIRED string fields. */
export const nonEmpty = fc.string({ minLength: 1, maxLength: 8 });
/** Object keys: no `__proto__`, no reserved compat marker. */
export const key = fc
  .string({ maxLength: 6 })
  .filter((candidate) => candidate !== '__proto__' && candidate !== DATA_PART_COMPAT_KEY);
/** Booleans. */
export const bool = fc.boolean();

/** Any JSON value; no -0 (JSON turns it into 0) and no `__proto__` keys. */
export const json: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n + 0),
    fc.string({ maxLength: 6 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 3, noNullPrototype: true }),
  ),
})).value;

/** A JSON object (Struct). */
export const jsonObject: fc.Arbitrary<JsonObject> = fc.dictionary(key, json, {
  maxKeys: 3,
  noNullPrototype: true,
});
const nonEmptyObject = fc.dictionary(key, json, { minKeys: 1, maxKeys: 3, noNullPrototype: true });
/** Short string lists. */
export const strings = fc.array(text, { maxLength: 3 });
/** Standard padded base64 of random bytes. */
export const base64 = fc
  .uint8Array({ maxLength: 12 })
  .map((bytes) => btoa(String.fromCharCode(...bytes)));
/** UTC ISO 8601 timestamps with millisecond precision. */
export const timestamp = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());

/** A 1.0 part that 0.3 can carry (no filename or media type on text and data). */
export const part: fc.Arbitrary<Part> = fc.oneof(
  fc.record({ text, metadata: jsonObject }, keys('text')),
  fc.record({ raw: base64, filename: text, mediaType: text, metadata: jsonObject }, keys('raw')),
  fc.record({ url: nonEmpty, filename: text, mediaType: text, metadata: jsonObject }, keys('url')),
  fc.record({ data: jsonObject, metadata: jsonObject }, keys('data')),
  // A wrapped non-object value keeps its metadata only when there is some (see README).
  fc.record(
    { data: json.filter((value) => !isJsonObject(value)), metadata: nonEmptyObject },
    keys('data'),
  ),
);

/** A 1.0 message (user or agent). */
export const message: fc.Arbitrary<Message> = fc.record(
  {
    messageId: nonEmpty,
    contextId: text,
    taskId: text,
    role: fc.constantFrom('ROLE_USER' as const, 'ROLE_AGENT' as const),
    parts: fc.array(part, { minLength: 1, maxLength: 3 }),
    metadata: jsonObject,
    extensions: strings,
    referenceTaskIds: strings,
  },
  keys('messageId', 'role', 'parts'),
);

/** A 1.0 artifact. */
export const artifact: fc.Arbitrary<Artifact> = fc.record(
  {
    artifactId: nonEmpty,
    name: text,
    description: text,
    parts: fc.array(part, { minLength: 1, maxLength: 3 }),
    metadata: jsonObject,
    extensions: strings,
  },
  keys('artifactId', 'parts'),
);

/** A 1.0 task status, any state including UNSPECIFIED. */
export const taskStatus: fc.Arbitrary<TaskStatus> = fc.record(
  { state: fc.constantFrom(...TASK_STATES), message, timestamp },
  keys('state'),
);

/** A 1.0 task; contextId absent or non-empty. */
export const task: fc.Arbitrary<Task> = fc.record(
  {
    id: nonEmpty,
    contextId: nonEmpty,
    status: taskStatus,
    artifacts: fc.array(artifact, { maxLength: 2 }),
    history: fc.array(message, { maxLength: 2 }),
    metadata: jsonObject,
  },
  keys('id', 'status'),
);

/** Any 1.0 stream item. */
export const streamResponse: fc.Arbitrary<StreamResponse> = fc.oneof(
  fc.record({ task }, keys('task')),
  fc.record({ message }, keys('message')),
  fc.record(
    {
      statusUpdate: fc.record(
        { taskId: nonEmpty, contextId: text, status: taskStatus, metadata: jsonObject },
        keys('taskId', 'contextId', 'status'),
      ),
    },
    keys('statusUpdate'),
  ),
  fc.record(
    {
      artifactUpdate: fc.record(
        {
          taskId: nonEmpty,
          contextId: text,
          artifact,
          append: bool,
          lastChunk: bool,
          metadata: jsonObject,
        },
        keys('taskId', 'contextId', 'artifact'),
      ),
    },
    keys('artifactUpdate'),
  ),
);

const authentication = fc.record({ scheme: nonEmpty, credentials: text }, keys('scheme'));

/** A push config as it travels inside SendMessage: no task id, no tenant. */
export const inlinePushConfig: fc.Arbitrary<TaskPushNotificationConfig> = fc.record(
  { id: text, url: nonEmpty, token: text, authentication },
  keys('url'),
);

/** A stored push config: bound to a task, no tenant. */
export const pushConfig: fc.Arbitrary<TaskPushNotificationConfig & { taskId: string }> = fc.record(
  { id: text, taskId: nonEmpty, url: nonEmpty, token: text, authentication },
  keys('taskId', 'url'),
);

/** OAuth scope maps. */
export const scopes = fc.dictionary(key, text, { maxKeys: 2, noNullPrototype: true });
const flowUrls = { refreshUrl: text, scopes };
const oauthFlows = fc.oneof(
  fc.record(
    {
      authorizationCode: fc.record(
        { authorizationUrl: nonEmpty, tokenUrl: nonEmpty, ...flowUrls },
        keys('authorizationUrl', 'tokenUrl', 'scopes'),
      ),
    },
    keys('authorizationCode'),
  ),
  fc.record(
    {
      clientCredentials: fc.record({ tokenUrl: nonEmpty, ...flowUrls }, keys('tokenUrl', 'scopes')),
    },
    keys('clientCredentials'),
  ),
  fc.record(
    {
      implicit: fc.record(
        { authorizationUrl: nonEmpty, ...flowUrls },
        keys('authorizationUrl', 'scopes'),
      ),
    },
    keys('implicit'),
  ),
  fc.record(
    {
      password: fc.record({ tokenUrl: nonEmpty, ...flowUrls }, keys('tokenUrl', 'scopes')),
    },
    keys('password'),
  ),
);

/** A 1.0 security scheme 0.3 can carry: no deviceCode, no pkceRequired. */
export const securityScheme: fc.Arbitrary<SecurityScheme> = fc.oneof(
  fc.record(
    {
      apiKeySecurityScheme: fc.record(
        {
          location: fc.constantFrom('query' as const, 'header' as const, 'cookie' as const),
          name: nonEmpty,
          description: text,
        },
        keys('location', 'name'),
      ),
    },
    keys('apiKeySecurityScheme'),
  ),
  fc.record(
    {
      httpAuthSecurityScheme: fc.record(
        { scheme: nonEmpty, bearerFormat: text, description: text },
        keys('scheme'),
      ),
    },
    keys('httpAuthSecurityScheme'),
  ),
  fc.record(
    {
      oauth2SecurityScheme: fc.record(
        { flows: oauthFlows, oauth2MetadataUrl: text, description: text },
        keys('flows'),
      ),
    },
    keys('oauth2SecurityScheme'),
  ),
  fc.record(
    {
      openIdConnectSecurityScheme: fc.record(
        { openIdConnectUrl: nonEmpty, description: text },
        keys('openIdConnectUrl'),
      ),
    },
    keys('openIdConnectSecurityScheme'),
  ),
  fc.record(
    { mtlsSecurityScheme: fc.record({ description: text }, keys<never>()) },
    keys('mtlsSecurityScheme'),
  ),
);

/** A 1.0 security requirement. */
export const securityRequirement: fc.Arbitrary<SecurityRequirement> = fc.record(
  {
    schemes: fc.dictionary(key, fc.record({ list: strings }, keys('list')), {
      maxKeys: 2,
      noNullPrototype: true,
    }),
  },
  keys('schemes'),
);

/** The three standard protocol bindings. */
export const binding = fc.constantFrom('JSONRPC', 'GRPC', 'HTTP+JSON');
/** An agent extension declaration. */
export const extension = fc.record(
  { uri: nonEmpty, description: text, required: bool, params: jsonObject },
  keys('uri'),
);
/** An agent card signature. */
export const signature = fc.record(
  { protected: nonEmpty, signature: nonEmpty, header: jsonObject },
  keys('protected', 'signature'),
);

/** A 1.0 card whose interfaces are all 0.3, distinct and without tenants. */
export const card: fc.Arbitrary<AgentCard> = fc.record(
  {
    name: nonEmpty,
    description: text,
    supportedInterfaces: fc.uniqueArray(
      fc.record(
        { url: nonEmpty, protocolBinding: binding, protocolVersion: fc.constant('0.3') },
        keys('url', 'protocolBinding', 'protocolVersion'),
      ),
      { minLength: 1, maxLength: 3, selector: (i) => `${i.url}\n${i.protocolBinding}` },
    ),
    provider: fc.record({ url: nonEmpty, organization: nonEmpty }, keys('url', 'organization')),
    version: nonEmpty,
    documentationUrl: text,
    capabilities: fc.record(
      {
        streaming: bool,
        pushNotifications: bool,
        extensions: fc.array(extension, { maxLength: 2 }),
        extendedAgentCard: bool,
      },
      keys<never>(),
    ),
    securitySchemes: fc.dictionary(key, securityScheme, { maxKeys: 2, noNullPrototype: true }),
    securityRequirements: fc.array(securityRequirement, { maxLength: 2 }),
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
          securityRequirements: fc.array(securityRequirement, { maxLength: 2 }),
        },
        keys('id', 'name', 'description', 'tags'),
      ),
      { maxLength: 2 },
    ),
    signatures: fc.array(signature, { maxLength: 1 }),
    iconUrl: text,
  },
  keys(
    'name',
    'description',
    'supportedInterfaces',
    'version',
    'capabilities',
    'defaultInputModes',
    'defaultOutputModes',
    'skills',
  ),
);
