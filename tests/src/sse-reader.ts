/** One parsed SSE event: its `id:` and parsed JSON `data:`. */
export interface SseMessage {
  id: string | undefined;
  data: unknown;
}

/** Reads every SSE event of a response until the server closes the stream. */
export async function readSseMessages(response: Response): Promise<SseMessage[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const messages: SseMessage[] = [];
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return messages;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let id: string | undefined;
      let data: string | undefined;
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) id = line.slice(4);
        else if (line.startsWith('data: ')) data = line.slice(6);
      }
      if (data !== undefined) messages.push({ id, data: JSON.parse(data) as unknown });
    }
  }
}
