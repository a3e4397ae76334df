// The A2A 1.0 spec's example payloads (docs/specification.md at v1.0.1), one JSON file each.
// Imported rather than read from disk so the suite also runs in edge-like environments.

import agentCardCanonicalizationFragment from './fixtures/v1.0/agent-card-canonicalization-fragment.json';
import agentCardCapabilitiesFragment from './fixtures/v1.0/agent-card-capabilities-fragment.json';
import agentCardCustomBinding from './fixtures/v1.0/agent-card-custom-binding.json';
import agentCardCustomBindingDeclaration from './fixtures/v1.0/agent-card-custom-binding-declaration.json';
import agentCardExtendedFragment from './fixtures/v1.0/agent-card-extended-fragment.json';
import agentCardExtensions from './fixtures/v1.0/agent-card-extensions.json';
import agentCardPublicFragment from './fixtures/v1.0/agent-card-public-fragment.json';
import agentCardSample from './fixtures/v1.0/agent-card-sample.json';
import agentCardSignature from './fixtures/v1.0/agent-card-signature.json';
import artifactExtension from './fixtures/v1.0/artifact-extension.json';
import jsonrpcErrorInvalidParams from './fixtures/v1.0/errors/jsonrpc-error-invalid-params.json';
import jsonrpcErrorTaskNotFound from './fixtures/v1.0/errors/jsonrpc-error-task-not-found.json';
import restErrorTaskNotFound from './fixtures/v1.0/errors/rest-error-task-not-found.json';
import jsonrpcCancelTaskRequest from './fixtures/v1.0/jsonrpc-cancel-task-request.json';
import jsonrpcGetExtendedAgentCardRequest from './fixtures/v1.0/jsonrpc-get-extended-agent-card-request.json';
import jsonrpcGetTaskRequest from './fixtures/v1.0/jsonrpc-get-task-request.json';
import jsonrpcListTasksRequest from './fixtures/v1.0/jsonrpc-list-tasks-request.json';
import jsonrpcSubscribeToTaskRequest from './fixtures/v1.0/jsonrpc-subscribe-to-task-request.json';
import listTasksResponseByContext from './fixtures/v1.0/list-tasks-response-by-context.json';
import listTasksResponsePagination from './fixtures/v1.0/list-tasks-response-pagination.json';
import listTasksResponseWorking from './fixtures/v1.0/list-tasks-response-working.json';
import messageExtension from './fixtures/v1.0/message-extension.json';
import partRaw from './fixtures/v1.0/part-raw.json';
import partText from './fixtures/v1.0/part-text.json';
import sendMessageRequestBasic from './fixtures/v1.0/send-message-request-basic.json';
import sendMessageRequestExtensions from './fixtures/v1.0/send-message-request-extensions.json';
import sendMessageRequestFileUpload from './fixtures/v1.0/send-message-request-file-upload.json';
import sendMessageRequestFollowUp from './fixtures/v1.0/send-message-request-follow-up.json';
import sendMessageRequestMultiTurn from './fixtures/v1.0/send-message-request-multi-turn.json';
import sendMessageRequestPushConfig from './fixtures/v1.0/send-message-request-push-config.json';
import sendMessageRequestRest from './fixtures/v1.0/send-message-request-rest.json';
import sendMessageRequestRestExtensions from './fixtures/v1.0/send-message-request-rest-extensions.json';
import sendMessageRequestStructuredData from './fixtures/v1.0/send-message-request-structured-data.json';
import sendMessageRequestVersionError from './fixtures/v1.0/send-message-request-version-error.json';
import sendMessageResponseCompleted from './fixtures/v1.0/send-message-response-completed.json';
import sendMessageResponseFile from './fixtures/v1.0/send-message-response-file.json';
import sendMessageResponseInputRequired from './fixtures/v1.0/send-message-response-input-required.json';
import sendMessageResponseRest from './fixtures/v1.0/send-message-response-rest.json';
import sendMessageResponseStructuredData from './fixtures/v1.0/send-message-response-structured-data.json';
import sendMessageResponseSubmitted from './fixtures/v1.0/send-message-response-submitted.json';
import sendStreamingMessageRequest from './fixtures/v1.0/send-streaming-message-request.json';
import streamResponseArtifactUpdate from './fixtures/v1.0/stream-response-artifact-update.json';
import streamResponsePushStatusUpdate from './fixtures/v1.0/stream-response-push-status-update.json';
import streamResponseStatusUpdate from './fixtures/v1.0/stream-response-status-update.json';
import streamResponseTask from './fixtures/v1.0/stream-response-task.json';

/** Every stored 1.0 data-object example of the spec, by file name (without `.json`). */
export const SPEC_FIXTURES = {
  'agent-card-canonicalization-fragment': agentCardCanonicalizationFragment,
  'agent-card-capabilities-fragment': agentCardCapabilitiesFragment,
  'agent-card-custom-binding': agentCardCustomBinding,
  'agent-card-custom-binding-declaration': agentCardCustomBindingDeclaration,
  'agent-card-extended-fragment': agentCardExtendedFragment,
  'agent-card-extensions': agentCardExtensions,
  'agent-card-public-fragment': agentCardPublicFragment,
  'agent-card-sample': agentCardSample,
  'agent-card-signature': agentCardSignature,
  'artifact-extension': artifactExtension,
  'jsonrpc-cancel-task-request': jsonrpcCancelTaskRequest,
  'jsonrpc-get-extended-agent-card-request': jsonrpcGetExtendedAgentCardRequest,
  'jsonrpc-get-task-request': jsonrpcGetTaskRequest,
  'jsonrpc-list-tasks-request': jsonrpcListTasksRequest,
  'jsonrpc-subscribe-to-task-request': jsonrpcSubscribeToTaskRequest,
  'list-tasks-response-by-context': listTasksResponseByContext,
  'list-tasks-response-pagination': listTasksResponsePagination,
  'list-tasks-response-working': listTasksResponseWorking,
  'message-extension': messageExtension,
  'part-raw': partRaw,
  'part-text': partText,
  'send-message-request-basic': sendMessageRequestBasic,
  'send-message-request-extensions': sendMessageRequestExtensions,
  'send-message-request-file-upload': sendMessageRequestFileUpload,
  'send-message-request-follow-up': sendMessageRequestFollowUp,
  'send-message-request-multi-turn': sendMessageRequestMultiTurn,
  'send-message-request-push-config': sendMessageRequestPushConfig,
  'send-message-request-rest': sendMessageRequestRest,
  'send-message-request-rest-extensions': sendMessageRequestRestExtensions,
  'send-message-request-structured-data': sendMessageRequestStructuredData,
  'send-message-request-version-error': sendMessageRequestVersionError,
  'send-message-response-completed': sendMessageResponseCompleted,
  'send-message-response-file': sendMessageResponseFile,
  'send-message-response-input-required': sendMessageResponseInputRequired,
  'send-message-response-rest': sendMessageResponseRest,
  'send-message-response-structured-data': sendMessageResponseStructuredData,
  'send-message-response-submitted': sendMessageResponseSubmitted,
  'send-streaming-message-request': sendStreamingMessageRequest,
  'stream-response-artifact-update': streamResponseArtifactUpdate,
  'stream-response-push-status-update': streamResponsePushStatusUpdate,
  'stream-response-status-update': streamResponseStatusUpdate,
  'stream-response-task': streamResponseTask,
} as const;

/** A stored data-object example of the spec. */
export type SpecFixtureName = keyof typeof SPEC_FIXTURES;

/** The spec's error payload examples (JSON-RPC §9.5, REST §11.6). */
export const SPEC_ERROR_FIXTURES = {
  'jsonrpc-error-invalid-params': jsonrpcErrorInvalidParams,
  'jsonrpc-error-task-not-found': jsonrpcErrorTaskNotFound,
  'rest-error-task-not-found': restErrorTaskNotFound,
} as const;
