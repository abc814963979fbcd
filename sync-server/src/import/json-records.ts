import { pipeline, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { DEFAULT_MAX_JSON_DEPTH, jsonNestingOverflow } from '../input/json-nesting.js';
import { byteLimit } from './byte-limit.js';
import type { ImportItem } from './import-item.js';
import { JsonArraySplitter } from './json-array-splitter.js';
import { streamFault } from './stream-fault.js';

/**
 * Streams an `application/json` body that is one array of row objects. `line` is the line on which the
 * element starts. Text that is not JSON ends the import (`import-malformed`); an element that is JSON but
 * not an object is a rejected row.
 */
export async function* jsonArrayRecords(body: Readable, limitBytes: number): AsyncGenerator<ImportItem> {
  const chunks: AsyncIterable<Buffer> = pipeline(body, byteLimit(limitBytes), () => {});
  const decoder = new StringDecoder('utf8');
  const splitter = new JsonArraySplitter();
  try {
    for await (const chunk of chunks) {
      const { elements, fault } = splitter.push(decoder.write(chunk));
      for (const element of elements) {
        const item = parseElement(element.line, element.text);
        yield item;
        if (item.type === 'fatal') return;
      }
      if (fault) {
        yield {
          type: 'fatal',
          code: 'import-malformed',
          message: `malformed JSON: ${fault.message}`,
          line: fault.line,
        };
        return;
      }
    }
  } catch (error) {
    yield streamFault(error);
    return;
  }
  const { elements, fault } = splitter.push(decoder.end());
  for (const element of elements) {
    const item = parseElement(element.line, element.text);
    yield item;
    if (item.type === 'fatal') return;
  }
  const endFault = fault ?? splitter.end();
  if (endFault) {
    yield {
      type: 'fatal',
      code: 'import-malformed',
      message: `malformed JSON: ${endFault.message}`,
      line: endFault.line,
    };
  }
}

/**
 * Streams an `application/x-ndjson` body: one row object per line, blank lines ignored. A line that is not
 * JSON ends the import, as a truncated or corrupted file should never be half-applied.
 */
export async function* ndjsonRecords(body: Readable, limitBytes: number): AsyncGenerator<ImportItem> {
  const chunks: AsyncIterable<Buffer> = pipeline(body, byteLimit(limitBytes), () => {});
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  try {
    for await (const chunk of chunks) {
      pending += decoder.write(chunk);
      let start = 0;
      for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n', start)) {
        line++;
        const item = parseLine(line, pending.slice(start, newline));
        start = newline + 1;
        if (item) {
          yield item;
          if (item.type === 'fatal') return;
        }
      }
      pending = pending.slice(start);
    }
  } catch (error) {
    yield streamFault(error);
    return;
  }
  pending += decoder.end();
  const item = parseLine(line + 1, pending);
  if (item) yield item;
}

function parseLine(line: number, text: string): ImportItem | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return parseElement(line, trimmed);
}

function parseElement(line: number, text: string): ImportItem {
  // A row is checked for depth before JSON.parse, so nothing recursive ever walks a hostile nesting.
  if (jsonNestingOverflow(text, DEFAULT_MAX_JSON_DEPTH) !== -1) {
    return {
      type: 'rejected',
      line,
      reason: `nesting-too-deep: a row may nest at most ${DEFAULT_MAX_JSON_DEPTH} levels`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      type: 'fatal',
      code: 'import-malformed',
      message: `malformed JSON: ${(error as Error).message}`,
      line,
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { type: 'rejected', line, reason: 'not-an-object: each row must be a JSON object' };
  }
  return { type: 'record', line, fields: value as Record<string, unknown> };
}
