import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv-records.js';
import type { ImportItem } from './import-item.js';
import { JsonArraySplitter } from './json-array-splitter.js';
import { jsonArrayRecords } from './json-records.js';

async function collect(items: AsyncIterable<ImportItem>): Promise<ImportItem[]> {
  const out: ImportItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A body delivered in small chunks, as a slow network would. */
function chunked(text: string, size: number): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

describe('JsonArraySplitter', () => {
  it('splits elements across any chunking, with the line each starts on', () => {
    const text = '[\n {"a":"x,]}\\"y"},\n {"b":[1,{"c":2}]}\n]\n';
    for (const size of [1, 2, 3, 7, text.length]) {
      const splitter = new JsonArraySplitter();
      const elements = [];
      for (let i = 0; i < text.length; i += size)
        elements.push(...splitter.push(text.slice(i, i + size)).elements);
      expect(splitter.end()).toBeUndefined();
      expect(elements.map((e) => [e.line, JSON.parse(e.text)])).toEqual([
        [2, { a: 'x,]}"y' }],
        [3, { b: [1, { c: 2 }] }],
      ]);
    }
  });

  it('faults on text that cannot be an array', () => {
    for (const bad of ['{"a":1}', '[1,,2]', '[1,]', '[1] 2']) {
      const splitter = new JsonArraySplitter();
      expect(splitter.push(bad).fault ?? splitter.end(), bad).toBeDefined();
    }
    const unclosed = new JsonArraySplitter();
    unclosed.push('[{"a":1}');
    expect(unclosed.end()?.message).toMatch(/not closed/);
    expect(new JsonArraySplitter().push('[]').fault).toBeUndefined();
  });
});

describe('streamed readers', () => {
  it('CSV: header, records with start lines, quoted newlines, per-row column errors', async () => {
    const items = await collect(csvRecords(chunked('\ufeffid,name\n1,"a\nb"\n\n2\n3,c\n', 3), 1_000));
    expect(items).toEqual([
      { type: 'header', line: 1, columns: ['id', 'name'] },
      { type: 'record', line: 2, fields: { id: '1', name: 'a\nb' } },
      { type: 'rejected', line: 5, reason: 'column-count: expected 2 fields, found 1' },
      { type: 'record', line: 6, fields: { id: '3', name: 'c' } },
    ]);
  });

  it('ends with import-too-large once the streamed body passes the limit, whatever Content-Length said', async () => {
    const body = `id,name\n${'1,x\n'.repeat(10_000)}`;
    const csv = await collect(csvRecords(chunked(body, 512), 4_096));
    expect(csv.at(-1)).toMatchObject({ type: 'fatal', code: 'import-too-large' });
    const json = await collect(
      jsonArrayRecords(chunked(`[${'{"id":"1"},'.repeat(1_000)}{"id":"2"}]`, 256), 2_048),
    );
    expect(json.at(-1)).toMatchObject({ type: 'fatal', code: 'import-too-large' });
  });

  it('CSV with an unclosed quote is import-malformed', async () => {
    const items = await collect(csvRecords(chunked('id,name\n1,"open\n', 4), 1_000));
    expect(items.at(-1)).toMatchObject({ type: 'fatal', code: 'import-malformed' });
  });
});
