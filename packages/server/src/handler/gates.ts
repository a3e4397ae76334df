import {
  type AgentCard,
  ContentTypeNotSupportedError,
  ExtensionSupportRequiredError,
  type Message,
  PushNotificationNotSupportedError,
  UnsupportedOperationError,
} from '@baton/protocol';

/** Throws `UnsupportedOperationError` unless the card declares `capabilities.streaming`. */
export function requireStreaming(card: AgentCard): void {
  if (card.capabilities.streaming !== true) {
    throw new UnsupportedOperationError(
      'This agent does not support streaming (capabilities.streaming is not true)',
    );
  }
}

/** Throws `PushNotificationNotSupportedError` unless the card declares push notifications. */
export function requirePush(card: AgentCard): void {
  if (card.capabilities.pushNotifications !== true) {
    throw new PushNotificationNotSupportedError(
      'This agent does not support push notifications (capabilities.pushNotifications is not true)',
    );
  }
}

/**
 * The extensions a request activates: those it asked for that the card declares. Throws
 * `ExtensionSupportRequiredError` when the card marks an extension `required` that the request
 * did not ask for.
 */
export function activateExtensions(card: AgentCard, requested: readonly string[] = []): string[] {
  const declared = card.capabilities.extensions;
  if (declared === undefined || declared.length === 0) return [];
  const asked = new Set(requested);
  const missing = declared.filter((ext) => ext.required === true && !asked.has(ext.uri));
  if (missing.length > 0) {
    const uris = missing.map((ext) => ext.uri).join(', ');
    throw new ExtensionSupportRequiredError(
      `This agent requires the extension${missing.length > 1 ? 's' : ''} ${uris}; activate ${missing.length > 1 ? 'them' : 'it'} with the A2A-Extensions header`,
      { metadata: { extensions: uris } },
    );
  }
  return declared.filter((ext) => asked.has(ext.uri)).map((ext) => ext.uri);
}

function essence(mediaType: string): string {
  return mediaType.split(';', 1)[0]!.trim().toLowerCase();
}

/** Whether a media type matches an accepted mode (`*` / `*\/*`, `type/*`, or equal). */
function accepts(mode: string, mediaType: string): boolean {
  const accepted = essence(mode);
  if (accepted === '*' || accepted === '*/*') return true;
  if (accepted.endsWith('/*')) return mediaType.startsWith(accepted.slice(0, -1));
  return accepted === mediaType;
}

/**
 * Throws `ContentTypeNotSupportedError` when a part declares a `mediaType` the card's
 * `defaultInputModes` do not accept. An empty list, or `*\/*`, accepts everything; parts without
 * a `mediaType` are not checked.
 */
export function checkInputModes(card: AgentCard, message: Message): void {
  const modes = card.defaultInputModes;
  if (modes.length === 0) return;
  message.parts.forEach((part, index) => {
    if (!part.mediaType) return;
    const mediaType = essence(part.mediaType);
    if (modes.some((mode) => accepts(mode, mediaType))) return;
    throw new ContentTypeNotSupportedError(
      `message.parts[${index}] has media type ${part.mediaType}, which this agent does not accept (it accepts ${modes.join(', ')})`,
      { metadata: { mediaType: part.mediaType } },
    );
  });
}
