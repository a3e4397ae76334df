import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { readSseStream, type SseEvent, SseParser } from './sse-parser.js';

function parseAll(chunks: string[]): SseEvent[] {
  const parser = new SseParser();
  const events = chunks.flatMap((chunk) => parser.push(chunk));
  parser.end();
  return events;
}

const brief = (events: SseEvent[]) =>
  events.map(({ data, event, lastEventId }) => ({ data, event, lastEventId }));

describe('SseParser', () => {
  it('parses data, id, event and ignores comments', () => {
    const events = parseAll([': hello\n\nid: 1\nevent: update\ndata: {"a":1}\n\n:heartbeat\n\n']);
    expect(brief(events)).toEqual([{ data: '{"a":1}', event: 'update', lastEventId: '1' }]);
    expect(events[0]!.hasId).toBe(true);
  });

  it('joins multi-line data with newlines and strips one leading space', () => {
    const events = parseAll(['data:  two spaces\ndata:none\ndata\n\n']);
    expect(events.map((e) => e.data)).toEqual([' two spaces\nnone\n']);
  });

  it('handles CRLF, lone CR and a CRLF split across chunks', () => {
    expect(
      parseAll(['data: a\r\n\r\ndata: b\r\rdata: c\r', '\n\r', '\n']).map((e) => e.data),
    ).toEqual(['a', 'b', 'c']);
  });

  it('keeps the last event id across events and ignores ids with NUL', () => {
    const events = parseAll(['id: 7\ndata: x\n\ndata: y\n\nid: a\0b\ndata: z\n\n']);
    expect(events.map((e) => [e.lastEventId, e.hasId])).toEqual([
      ['7', true],
      ['7', false],
      ['7', false],
    ]);
  });

  it('drops an event without data and an unterminated trailing event', () => {
    expect(parseAll(['id: 3\n\nevent: x\n\ndata: partial'])).toEqual([]);
  });

  it('strips a byte-order mark and reads retry', () => {
    const events = parseAll(['\uFEFFretry: 1500\ndata: ok\n\n']);
    expect(events[0]).toMatchObject({ data: 'ok', retry: 1500 });
  });

  it('gives the same events however the text is split (property)', () => {
    const line = fc.oneof(
      fc
        .string({ unit: fc.constantFrom('a', 'b', ' ', ':', '{', '"', 'é', '😀') })
        .map((s) => `data: ${s}`),
      fc.nat(99).map((n) => `id: ${n}`),
      fc.constantFrom(': heartbeat', 'event: status', 'retry: 10', 'data', ''),
    );
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const stream = fc
      .array(fc.tuple(line, eol), { maxLength: 40 })
      .map((pairs) => pairs.map(([l, e]) => l + e).join('') + '\n\n');
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let last = 0;
        for (const point of points) {
          chunks.push(text.slice(last, point));
          last = point;
        }
        chunks.push(text.slice(last));
        expect(parseAll(chunks)).toEqual(parseAll([text]));
      }),
      { numRuns: 300 },
    );
  });
});

describe('readSseStream', () => {
  it('decodes UTF-8 split inside a character and stops at the end', async () => {
    const bytes = new TextEncoder().encode('id: 1\ndata: héllo 😀\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    for await (const event of readSseStream(body)) events.push(event);
    expect(events.map((e) => e.data)).toEqual(['héllo 😀']);
  });

  it('cancels the body when the consumer stops early', async () => {
    let canceled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('data: tick\n\n'));
      },
      cancel() {
        canceled = true;
      },
    });
    for await (const event of readSseStream(body)) {
      expect(event.data).toBe('tick');
      break;
    }
    expect(canceled).toBe(true);
  });
});
