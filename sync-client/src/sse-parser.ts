/**
 * Incremental parser of a server-sent events stream (HTML Living Standard §9.2.6, "Interpreting an event
 * stream"). Only `data` fields matter to replication; `event`, `id` and `retry` are read and ignored, lines
 * starting with `:` are comments (heartbeats). Accepts CRLF, CR or LF line ends, split anywhere across chunks.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private pendingCr = false;

  /** Feeds decoded text; returns the `data` payload of every event completed by it. */
  push(text: string): string[] {
    const events: string[] = [];
    let chunk = text;
    // A CR at the end of the previous chunk may be the first half of a CRLF.
    if (this.pendingCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.pendingCr = chunk.endsWith('\r');
    this.buffer += chunk;
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (this.data.length > 0) events.push(this.data.join('\n'));
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') this.data.push(value);
    }
    return events;
  }

  /** Forgets a half-received event (after a disconnect). */
  reset(): void {
    this.buffer = '';
    this.data = [];
    this.pendingCr = false;
  }
}
