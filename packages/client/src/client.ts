import {
  type AgentCard,
  type AgentInterface,
  BATON_URIS,
  type CancelTaskRequest,
  type CreateTaskPushNotificationConfigRequest,
  type DeleteTaskPushNotificationConfigRequest,
  type Empty,
  type GetExtendedAgentCardRequest,
  type GetTaskPushNotificationConfigRequest,
  type GetTaskRequest,
  type ListTaskPushNotificationConfigsRequest,
  type ListTaskPushNotificationConfigsResponse,
  type ListTasksResponse,
  type Message,
  METHODS,
  type OperationName,
  type OperationParams,
  type OperationResult,
  type ProtocolVersion,
  type SendMessageRequest,
  type SendMessageResponse,
  type StreamResponse,
  type SubscribeToTaskRequest,
  type Task,
  type TaskPushNotificationConfig,
} from '@baton/protocol';

import { loadAgentCard } from './card/fetch-agent-card.js';
import {
  type CallOptions,
  type ClientOptions,
  type ConnectOptions,
  type StreamOptions,
} from './client-options.js';
import { A2AClientError } from './errors.js';
import { exchange, type ExchangeTarget } from './exchange.js';
import { type MessageInput } from './message-input.js';
import { retryPolicy } from './retry.js';
import { sendAndWait, type SendAndWaitOptions } from './send-and-wait.js';
import { callSignal } from './signals.js';
import { resumableStream, type StreamSettings } from './stream.js';
import { type ListTasksSearchRequest, taskSearchOptions } from './task-search.js';
import {
  DEFAULT_PREFERENCES,
  jsonRpcTransport,
  restTransport,
  selectInterface,
  type Transport,
} from './transport.js';

/** A streaming operation's name. */
export type StreamingOperation = 'SendStreamingMessage' | 'SubscribeToTask';
/** A unary (non-streaming) operation's name. */
export type UnaryOperation = Exclude<OperationName, StreamingOperation>;

/**
 * Talks to one A2A agent: picks an interface from its card, speaks its binding and version
 * (JSON-RPC 1.0 / REST 1.0 / JSON-RPC 0.3), and always returns canonical 1.0 types.
 * @example
 * const client = await A2AClient.connect('http://127.0.0.1:4000');
 * const task = await client.sendAndWait('Summarize the report');
 * console.log(textOf(task));
 */
export class A2AClient {
  /** The agent card the client was built from. */
  readonly card: AgentCard;
  /** The interface in use. */
  readonly agentInterface: AgentInterface;
  /** The protocol version spoken with the agent. */
  readonly protocolVersion: ProtocolVersion;
  /** The transport (codec + carrier) in use. */
  readonly transport: Transport;
  readonly #options: ClientOptions;
  readonly #target: ExchangeTarget;

  /** Builds a client from a card already in hand. @throws `NO_COMPATIBLE_INTERFACE` */
  constructor(card: AgentCard, options: ClientOptions = {}) {
    this.card = card;
    this.#options = options;
    const selected = selectInterface(
      card,
      options.preferences ?? DEFAULT_PREFERENCES,
      options.transports ?? [jsonRpcTransport, restTransport],
      { fetch: options.fetch },
    );
    this.agentInterface = selected.agentInterface;
    this.protocolVersion = selected.version;
    this.transport = selected.transport;
    this.#target = {
      agentInterface: selected.agentInterface,
      transport: selected.transport,
      interceptors: options.interceptors ?? [],
      headers: new Headers(options.headers),
    };
  }

  /**
   * Fetches the agent's card (base URL or card URL) and builds a client for it.
   * @example
   * const client = await A2AClient.connect('https://agent.example.com', { timeoutMs: 30_000 });
   */
  static async connect(url: string | URL, options: ConnectOptions = {}): Promise<A2AClient> {
    const { card } = await loadAgentCard(url, {
      fetch: options.fetch,
      signal: options.signal,
      headers: options.headers,
      cache: options.cardCache,
      verify: options.verifyCard,
    });
    return new A2AClient(card, options);
  }

  /** Whether the agent declares streaming (`capabilities.streaming`). */
  get supportsStreaming(): boolean {
    return this.card.capabilities.streaming === true;
  }

  /** Whether the chosen interface has the operation (0.3 has no ListTasks). */
  supports(operation: OperationName): boolean {
    return this.transport.codec.supports(operation);
  }

  /**
   * Calls any unary operation by name with canonical params.
   * @example
   * const task = await client.call('GetTask', { id });
   */
  async call<Op extends UnaryOperation>(
    operation: Op,
    params: OperationParams<Op>,
    options: CallOptions = {},
  ): Promise<OperationResult<Op>> {
    const call = callSignal(options.signal, options.timeoutMs ?? this.#options.timeoutMs);
    try {
      const response = await exchange(this.#target, operation, params, {
        signal: call.signal,
        retry: retryPolicy(options.retry ?? this.#options.retry),
        extensions: this.#extensions(options.extensions, false),
        headers: options.headers,
      });
      return this.transport.codec.decodeResponse(operation, response);
    } catch (error) {
      throw call.signal.aborted && A2AClientError.isInstance(call.signal.reason)
        ? call.signal.reason
        : error;
    } finally {
      call.dispose();
    }
  }

  /**
   * Calls a streaming operation by name. The request is sent when iteration starts; breaking
   * out of the loop or aborting closes the connection at once. A dropped stream is resumed
   * (see the README for what is guaranteed).
   */
  stream<Op extends StreamingOperation>(
    operation: Op,
    params: OperationParams<Op>,
    options: StreamOptions = {},
  ): AsyncGenerator<StreamResponse, void, undefined> {
    const eventIds = this.#resumableStreams();
    const resume = options.resume ?? this.#options.resume;
    const settings: StreamSettings = {
      target: this.#target,
      retry: retryPolicy(options.retry ?? this.#options.retry),
      extensions: this.#extensions(options.extensions, eventIds),
      headers: options.headers,
      resume:
        resume === false
          ? false
          : { maxAttempts: resume?.maxAttempts ?? 5, delayMs: resume?.delayMs ?? 250 },
      eventIds,
      getTask: async (id, signal) => ({
        task: await this.getTask(withTenantOf(params, { id }), { signal }),
      }),
    };
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs;
    return resumableStream(settings, operation, params, options.signal, timeoutMs);
  }

  /** SendMessage (spec §3.1.1): a task, or a direct message reply. */
  sendMessage(params: SendMessageRequest, options?: CallOptions): Promise<SendMessageResponse> {
    return this.call('SendMessage', params, options);
  }

  /** SendStreamingMessage (spec §3.1.2): the task's events as they happen. */
  sendStreamingMessage(
    params: SendMessageRequest,
    options?: StreamOptions,
  ): AsyncGenerator<StreamResponse, void, undefined> {
    return this.stream('SendStreamingMessage', params, options);
  }

  /** GetTask (spec §3.1.3). */
  getTask(params: GetTaskRequest, options?: CallOptions): Promise<Task> {
    return this.call('GetTask', params, options);
  }

  /**
   * ListTasks (spec §3.1.4); not available over 0.3 (`UNSUPPORTED_OPERATION`). `query` searches
   * task history on agents that declare Baton's task-search extension (else `UNSUPPORTED_OPERATION`).
   */
  async listTasks(
    params: ListTasksSearchRequest = {},
    options?: CallOptions,
  ): Promise<ListTasksResponse> {
    return this.call('ListTasks', params, taskSearchOptions(this.card, params, options));
  }

  /** CancelTask (spec §3.1.5). */
  cancelTask(params: CancelTaskRequest, options?: CallOptions): Promise<Task> {
    return this.call('CancelTask', params, options);
  }

  /** SubscribeToTask (spec §3.1.6): the current task first, then live events. */
  subscribeToTask(
    params: SubscribeToTaskRequest,
    options?: StreamOptions,
  ): AsyncGenerator<StreamResponse, void, undefined> {
    return this.stream('SubscribeToTask', params, options);
  }

  /** CreateTaskPushNotificationConfig (spec §3.1.7). */
  createTaskPushNotificationConfig(
    params: CreateTaskPushNotificationConfigRequest,
    options?: CallOptions,
  ): Promise<TaskPushNotificationConfig> {
    return this.call('CreateTaskPushNotificationConfig', params, options);
  }

  /** GetTaskPushNotificationConfig (spec §3.1.8). */
  getTaskPushNotificationConfig(
    params: GetTaskPushNotificationConfigRequest,
    options?: CallOptions,
  ): Promise<TaskPushNotificationConfig> {
    return this.call('GetTaskPushNotificationConfig', params, options);
  }

  /** ListTaskPushNotificationConfigs (spec §3.1.9). */
  listTaskPushNotificationConfigs(
    params: ListTaskPushNotificationConfigsRequest,
    options?: CallOptions,
  ): Promise<ListTaskPushNotificationConfigsResponse> {
    return this.call('ListTaskPushNotificationConfigs', params, options);
  }

  /** DeleteTaskPushNotificationConfig (spec §3.1.10). */
  deleteTaskPushNotificationConfig(
    params: DeleteTaskPushNotificationConfigRequest,
    options?: CallOptions,
  ): Promise<Empty> {
    return this.call('DeleteTaskPushNotificationConfig', params, options);
  }

  /** GetExtendedAgentCard (spec §3.1.11): needs credentials, usually via interceptors. */
  getExtendedAgentCard(
    params: GetExtendedAgentCardRequest = {},
    options?: CallOptions,
  ): Promise<AgentCard> {
    return this.call('GetExtendedAgentCard', params, options);
  }

  /**
   * Sends a message and waits for the final task (or the direct reply), following
   * `input-required` through `onInputRequired`. See {@link sendAndWait}.
   * @example
   * const task = await client.sendAndWait('Translate "hello" to French');
   */
  sendAndWait(input: MessageInput, options?: SendAndWaitOptions): Promise<Task | Message> {
    return sendAndWait(this, input, options);
  }

  #resumableStreams(): boolean {
    return (
      this.card.capabilities.extensions?.some((e) => e.uri === BATON_URIS.resumableStreams) ?? false
    );
  }

  #extensions(extra: readonly string[] | undefined, resumable: boolean): string[] {
    const all = [...(this.#options.extensions ?? []), ...(extra ?? [])];
    if (resumable) all.push(BATON_URIS.resumableStreams);
    return [...new Set(all)];
  }
}

function withTenantOf(params: unknown, request: GetTaskRequest): GetTaskRequest {
  const tenant = (params as { tenant?: string } | undefined)?.tenant;
  return tenant ? { ...request, tenant } : request;
}

/** Whether an operation answers with a stream. */
export function isStreamingOperation(operation: OperationName): operation is StreamingOperation {
  return METHODS[operation].streaming;
}

/**
 * Builds a client from an agent's URL (fetching its card) or from a card in hand.
 * @example
 * const client = await createClient('http://127.0.0.1:4000', { interceptors: [bearerToken({ token })] });
 */
export async function createClient(
  urlOrCard: string | URL | AgentCard,
  options: ConnectOptions = {},
): Promise<A2AClient> {
  if (typeof urlOrCard === 'string' || urlOrCard instanceof URL)
    return A2AClient.connect(urlOrCard, options);
  return new A2AClient(urlOrCard, options);
}
