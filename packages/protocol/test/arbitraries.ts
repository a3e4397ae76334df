// fast-check arbitraries for canonical A2A 1.0 objects: camelCase keys, enum names, optional
// fields either absent or valid, exactly what the schemas output.
import fc from 'fast-check';

import {
  type AgentCard,
  type Artifact,
  type JsonObject,
  type JsonValue,
  type Message,
  type Part,
  type SecurityScheme,
  type StreamResponse,
  type Task,
  TASK_STATES,
  type TaskArtifactUpdateEvent,
  type TaskStatus,
  type TaskStatusUpdateEvent,
} from '../src/index.js';

const id = fc.string({ minLength: 1, maxLength: 12 });
const text = fc.string({ unit: 'binary', maxLength: 20 });
const url = fc.webUrl();
const mediaType = fc.constantFrom('text/plain', 'application/json', 'image/png');

/** JSON values as they come off the wire (fc.jsonValue may yield -0, which JSON turns into 0). */
const jsonValue: fc.Arbitrary<JsonValue> = fc
  .jsonValue({ maxDepth: 2 })
  .map((value) => JSON.parse(JSON.stringify(value)) as JsonValue);

/**
 * A Struct. Top-level `__proto__` keys are left out: the Struct schema drops them on purpose
 * (see proto-json.test.ts), so they cannot round-trip.
 */
const struct: fc.Arbitrary<JsonObject> = fc.dictionary(
  fc.string({ maxLength: 8 }).filter((key) => key !== '__proto__'),
  jsonValue,
  { maxKeys: 3, noNullPrototype: true },
);

const base64 = fc.uint8Array({ maxLength: 24 }).map((bytes) => btoa(String.fromCharCode(...bytes)));

const timestamp = fc
  .date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());

const partCommon = { metadata: struct, filename: text, mediaType };

export const part: fc.Arbitrary<Part> = fc.oneof(
  fc.record({ text, ...partCommon }, { requiredKeys: ['text'] }),
  fc.record({ raw: base64, ...partCommon }, { requiredKeys: ['raw'] }),
  fc.record({ url, ...partCommon }, { requiredKeys: ['url'] }),
  fc.record({ data: jsonValue, ...partCommon }, { requiredKeys: ['data'] }),
);

const parts = fc.array(part, { minLength: 1, maxLength: 3 });

export const message: fc.Arbitrary<Message> = fc.record(
  {
    messageId: id,
    contextId: id,
    taskId: id,
    role: fc.constantFrom('ROLE_USER' as const, 'ROLE_AGENT' as const),
    parts,
    metadata: struct,
    extensions: fc.array(url, { maxLength: 2 }),
    referenceTaskIds: fc.array(id, { maxLength: 2 }),
  },
  { requiredKeys: ['messageId', 'role', 'parts'] },
);

export const artifact: fc.Arbitrary<Artifact> = fc.record(
  {
    artifactId: id,
    name: text,
    description: text,
    parts,
    metadata: struct,
    extensions: fc.array(url, { maxLength: 2 }),
  },
  { requiredKeys: ['artifactId', 'parts'] },
);

const taskState = fc.constantFrom(...TASK_STATES.filter((s) => s !== 'TASK_STATE_UNSPECIFIED'));

export const taskStatus: fc.Arbitrary<TaskStatus> = fc.record(
  { state: taskState, message, timestamp },
  { requiredKeys: ['state'] },
);

export const task: fc.Arbitrary<Task> = fc.record(
  {
    id,
    contextId: id,
    status: taskStatus,
    artifacts: fc.array(artifact, { maxLength: 3 }),
    history: fc.array(message, { maxLength: 3 }),
    metadata: struct,
  },
  { requiredKeys: ['id', 'status'] },
);

const statusUpdate: fc.Arbitrary<TaskStatusUpdateEvent> = fc.record(
  { taskId: id, contextId: id, status: taskStatus, metadata: struct },
  { requiredKeys: ['taskId', 'contextId', 'status'] },
);

const artifactUpdate: fc.Arbitrary<TaskArtifactUpdateEvent> = fc.record(
  {
    taskId: id,
    contextId: id,
    artifact,
    append: fc.boolean(),
    lastChunk: fc.boolean(),
    metadata: struct,
  },
  { requiredKeys: ['taskId', 'contextId', 'artifact'] },
);

export const streamResponse: fc.Arbitrary<StreamResponse> = fc.oneof(
  fc.record({ task }),
  fc.record({ message }),
  fc.record({ statusUpdate }),
  fc.record({ artifactUpdate }),
);

const scopes = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== '__proto__'),
  text,
  {
    maxKeys: 3,
    noNullPrototype: true,
  },
);
const optionalUrl = { refreshUrl: url };

const oauthFlows = fc.oneof(
  fc.record({
    authorizationCode: fc.record(
      { authorizationUrl: url, tokenUrl: url, scopes, pkceRequired: fc.boolean(), ...optionalUrl },
      { requiredKeys: ['authorizationUrl', 'tokenUrl', 'scopes'] },
    ),
  }),
  fc.record({
    clientCredentials: fc.record(
      { tokenUrl: url, scopes, ...optionalUrl },
      { requiredKeys: ['tokenUrl', 'scopes'] },
    ),
  }),
  fc.record({
    deviceCode: fc.record(
      { deviceAuthorizationUrl: url, tokenUrl: url, scopes, ...optionalUrl },
      { requiredKeys: ['deviceAuthorizationUrl', 'tokenUrl', 'scopes'] },
    ),
  }),
);

const description = { description: text };

export const securityScheme: fc.Arbitrary<SecurityScheme> = fc.oneof(
  fc.record({
    apiKeySecurityScheme: fc.record(
      {
        location: fc.constantFrom('query' as const, 'header' as const, 'cookie' as const),
        name: id,
        ...description,
      },
      { requiredKeys: ['location', 'name'] },
    ),
  }),
  fc.record({
    httpAuthSecurityScheme: fc.record(
      { scheme: fc.constantFrom('Bearer', 'Basic'), bearerFormat: text, ...description },
      { requiredKeys: ['scheme'] },
    ),
  }),
  fc.record({
    oauth2SecurityScheme: fc.record(
      { flows: oauthFlows, oauth2MetadataUrl: url, ...description },
      { requiredKeys: ['flows'] },
    ),
  }),
  fc.record({
    openIdConnectSecurityScheme: fc.record(
      { openIdConnectUrl: url, ...description },
      { requiredKeys: ['openIdConnectUrl'] },
    ),
  }),
  fc.record({ mtlsSecurityScheme: fc.record(description, { requiredKeys: [] }) }),
);

const securityRequirement = fc.record({
  schemes: fc.dictionary(
    id.filter((k) => k !== '__proto__'),
    fc.record({ list: fc.array(id, { maxLength: 2 }) }),
    {
      maxKeys: 2,
      noNullPrototype: true,
    },
  ),
});

const modes = fc.array(mediaType, { maxLength: 3 });

const skill = fc.record(
  {
    id,
    name: id,
    description: text,
    tags: fc.array(id, { maxLength: 3 }),
    examples: fc.array(text, { maxLength: 2 }),
    inputModes: modes,
    outputModes: modes,
    securityRequirements: fc.array(securityRequirement, { maxLength: 2 }),
  },
  { requiredKeys: ['id', 'name', 'description', 'tags'] },
);

export const agentCard: fc.Arbitrary<AgentCard> = fc.record(
  {
    name: id,
    description: text,
    supportedInterfaces: fc.array(
      fc.record(
        {
          url,
          protocolBinding: fc.constantFrom('JSONRPC', 'HTTP+JSON', 'GRPC'),
          protocolVersion: fc.constantFrom('1.0', '0.3'),
          tenant: id,
        },
        { requiredKeys: ['url', 'protocolBinding', 'protocolVersion'] },
      ),
      { minLength: 1, maxLength: 3 },
    ),
    provider: fc.record({ url, organization: id }),
    version: id,
    documentationUrl: url,
    capabilities: fc.record(
      {
        streaming: fc.boolean(),
        pushNotifications: fc.boolean(),
        extendedAgentCard: fc.boolean(),
        extensions: fc.array(
          fc.record(
            { uri: url, description: text, required: fc.boolean(), params: struct },
            { requiredKeys: ['uri'] },
          ),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: [] },
    ),
    securitySchemes: fc.dictionary(
      id.filter((k) => k !== '__proto__'),
      securityScheme,
      {
        maxKeys: 2,
        noNullPrototype: true,
      },
    ),
    securityRequirements: fc.array(securityRequirement, { maxLength: 2 }),
    defaultInputModes: modes,
    defaultOutputModes: modes,
    skills: fc.array(skill, { maxLength: 2 }),
    signatures: fc.array(
      fc.record(
        { protected: id, signature: id, header: struct },
        { requiredKeys: ['protected', 'signature'] },
      ),
      { maxLength: 2 },
    ),
    iconUrl: url,
  },
  {
    requiredKeys: [
      'name',
      'description',
      'supportedInterfaces',
      'version',
      'capabilities',
      'defaultInputModes',
      'defaultOutputModes',
      'skills',
    ],
  },
);
