import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.js';

describe('SseParser', () => {
  it('yields the data of each event and skips comments, retry and event fields', () => {
    const parser = new SseParser();
    const events = parser.push(
      'retry: 1000\n\n: keep-alive\n\nevent: x\ndata: "RESYNC"\n\ndata: {"a":1}\n\n',
    );
    expect(events).toEqual(['"RESYNC"', '{"a":1}']);
  });

  it('joins multi-line data with newlines and accepts CRLF and CR line ends', () => {
    const parser = new SseParser();
    expect(parser.push('data: one\r\ndata: two\r\n\r\ndata:three\r\r')).toEqual(['one\ntwo', 'three']);
  });

  it('gives the same events however the stream is split into chunks (CRLF split included)', () => {
    const stream = 'data: {"documents":[1,2]}\r\n\r\n: ping\n\ndata: "RESYNC"\n\ndata: a\ndata: b\r\n\r\n';
    const whole = new SseParser().push(stream);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const parser = new SseParser();
        const events: string[] = [];
        let last = 0;
        for (const point of [...points, stream.length]) {
          events.push(...parser.push(stream.slice(last, point)));
          last = point;
        }
        expect(events).toEqual(whole);
      }),
    );
  });

  it('drops a half-received event on reset (after a disconnect)', () => {
    const parser = new SseParser();
    expect(parser.push('data: partial')).toEqual([]);
    parser.reset();
    expect(parser.push('\n\ndata: next\n\n')).toEqual(['next']);
  });
});
