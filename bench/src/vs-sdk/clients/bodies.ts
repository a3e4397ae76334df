// Request bodies of the vs-SDK bench, the same as bench/wrk/send-message.lua builds.

/** The user's text in every bench message. */
export const TEXT = 'Summarize the quarterly figures and flag anything unusual.';

/** JSON-RPC / REST body of a SendMessage (or its streaming twin) with a unique messageId. */
export function sendBody(
  mode: 'v10' | 'v03' | 'rest',
  id: number,
  messageId: string,
  options: { streaming?: boolean; text?: string; returnImmediately?: boolean } = {},
): string {
  const text = options.text ?? TEXT;
  const configuration = options.returnImmediately ? { returnImmediately: true } : undefined;
  if (mode === 'v03') {
    return JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: options.streaming ? 'message/stream' : 'message/send',
      params: {
        message: { kind: 'message', messageId, role: 'user', parts: [{ kind: 'text', text }] },
        ...(options.returnImmediately && { configuration: { blocking: false } }),
      },
    });
  }
  const message = { messageId, role: 'ROLE_USER', parts: [{ text }] };
  if (mode === 'rest') return JSON.stringify({ message, ...(configuration && { configuration }) });
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: options.streaming ? 'SendStreamingMessage' : 'SendMessage',
    params: { message, ...(configuration && { configuration }) },
  });
}

/** Headers of a request in a mode: 1.0 says so, 0.3 sends no version header. */
export function versionHeaders(mode: 'v10' | 'v03' | 'rest'): Record<string, string> {
  return mode === 'v03' ? {} : { 'A2A-Version': '1.0' };
}

/** The p-th percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
