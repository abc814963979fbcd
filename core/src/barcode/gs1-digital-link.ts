import type { BarcodeFailure, Gs1Element } from './barcode-result.js';
import { barcodeFailure } from './barcode-result.js';
import { GS1_APPLICATION_IDENTIFIERS, type Gs1AiDefinition } from './gs1-application-identifiers.js';
import type { Gs1DateContext } from './gs1-date.js';
import { addElement, checkElementValue } from './gs1-elements.js';

/**
 * GS1 Digital Link URI syntax (GS1 Digital Link Standard: URI Syntax, §4 "URI syntax"):
 * `http(s)://<domain>[/<custom path>]/<primary key AI>/<value>[/<qualifier AI>/<value>…][?<AI>=<value>&…]`.
 * Query parameters that are not AIs (`linkType`, …) are not data; a fragment is ignored. The scheme is all
 * lower or all upper case, as gs1-syntax-engine reads it (`HtTp://` is refused there too).
 */
const URI = /^(?:https?|HTTPS?):\/\/([^/?#\s]+)([^?#\s]*)(?:\?([^#\s]*))?(?:#\S*)?$/;

export const DEFAULT_DIGITAL_LINK_BASE = 'https://id.gs1.org';

export type ReadDigitalLink = { readonly ok: true; readonly elements: Gs1Element[] };

/** Reverses percent-encoding; in the query `+` is a space first (application/x-www-form-urlencoded). */
function decode(text: string, query: boolean): string | undefined {
  try {
    return decodeURIComponent(query ? text.replace(/\+/g, ' ') : text);
  } catch {
    return undefined;
  }
}

/** True when the text looks like a web URI at all (so it is a Digital Link or nothing we know). */
export function isWebUri(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

function knownAi(segment: string): Gs1AiDefinition | undefined {
  return /^[0-9]{2,4}$/.test(segment) ? GS1_APPLICATION_IDENTIFIERS.get(segment) : undefined;
}

/** True when `qualifiers` appear, in order, within one of the key's alternatives (Syntax Dictionary `dlpkey`). */
function qualifiersInOrder(key: Gs1AiDefinition, qualifiers: readonly string[]): boolean {
  if (qualifiers.length === 0) return true;
  return (key.keyQualifiers ?? []).some((alternative) => {
    let at = -1;
    for (const q of qualifiers) {
      const next = alternative.indexOf(q);
      if (next <= at) return false;
      at = next;
    }
    return true;
  });
}

/**
 * Reads a Digital Link URI into elements. The primary key is the rightmost one: the path is read from its
 * end in AI/value pairs until a primary key AI is met, so a custom path before it may hold anything (even
 * text that looks like a key). Its qualifiers must follow it in one of the orders the standard gives; they
 * may not move to the query. Empty path segments are refused.
 */
export function readDigitalLink(uri: string, context: Gs1DateContext = {}): ReadDigitalLink | BarcodeFailure {
  const match = URI.exec(uri);
  if (!match) return barcodeFailure('charset', 'not a well-formed http(s) URI');
  const path = match[2] ?? '';
  const segments = path === '' ? [] : path.slice(1).split('/');
  if (segments.some((s) => s === '')) {
    return barcodeFailure('digital-link', 'Digital Link path: an empty segment (// or a trailing /)');
  }
  let keyAt = -1;
  for (let at = segments.length - 2; at >= 0; at -= 2) {
    const def = knownAi(segments[at]!);
    if (!def) break;
    if (def.keyQualifiers !== undefined) {
      keyAt = at;
      break;
    }
  }
  if (keyAt < 0) {
    return barcodeFailure('unrecognised', 'a web address without a GS1 primary key in its path');
  }
  const key = GS1_APPLICATION_IDENTIFIERS.get(segments[keyAt]!)!;
  const pairs: [string, string, boolean][] = [];
  for (let at = keyAt; at < segments.length; at += 2) pairs.push([segments[at]!, segments[at + 1]!, false]);
  const qualifiers = pairs.slice(1).map(([ai]) => ai);
  if (!qualifiersInOrder(key, qualifiers)) {
    return barcodeFailure(
      'ai-value',
      `AI (${qualifiers.join(')/(')}) cannot qualify (${key.ai}) in this order`,
    );
  }
  for (const parameter of (match[3] ?? '').split('&')) {
    const eq = parameter.indexOf('=');
    if (eq < 0) continue; // "&&" and value-less parameters carry no data
    const name = parameter.slice(0, eq);
    if (!/^[0-9]+$/.test(name)) continue; // linkType, utm_source…: not AIs
    const def = knownAi(name);
    if (!def) return barcodeFailure('unknown-ai', `unknown AI (${name}) in the query`);
    const belongsInPath = (key.keyQualifiers ?? []).some(
      (alternative) => alternative.includes(name) && qualifiers.every((q) => alternative.includes(q)),
    );
    if (belongsInPath) {
      return barcodeFailure('digital-link', `AI (${name}) qualifies (${key.ai}) and belongs in the path`);
    }
    if (!def.dataAttribute) {
      return barcodeFailure(
        'ai-value',
        `AI (${name}) ${def.title} is not allowed as a Digital Link data attribute`,
      );
    }
    pairs.push([name, parameter.slice(eq + 1), true]);
  }
  const elements: Gs1Element[] = [];
  for (const [ai, encoded, query] of pairs) {
    const def = GS1_APPLICATION_IDENTIFIERS.get(ai)!;
    let value = decode(encoded, query);
    if (value === undefined) return barcodeFailure('charset', `AI (${ai}): malformed percent-encoding`);
    // A Digital Link may carry a GTIN-8, -12 or -13; the element string form is always 14 digits.
    if (ai === '01' && /^[0-9]{8}$|^[0-9]{12,13}$/.test(value)) value = value.padStart(14, '0');
    // Unlike an element string, a URI has no reason to repeat an AI, even with the same value.
    if (elements.some((e) => e.ai === ai)) return barcodeFailure('duplicate-ai', `AI (${ai}) appears twice`);
    const failure = checkElementValue(def, value, context) ?? addElement(elements, { ai, value });
    if (failure) return failure;
  }
  return { ok: true, elements };
}

/**
 * Renders elements as a Digital Link: the first primary key and the qualifiers of the first alternative it
 * has data for in the path, in the order the standard fixes; every other AI in the query string. Throws
 * when there is no primary key or an element is not valid.
 */
export function renderDigitalLink(
  elements: readonly Gs1Element[],
  options: { readonly base?: string } = {},
): string {
  const base = (options.base ?? DEFAULT_DIGITAL_LINK_BASE).replace(/\/+$/, '');
  const primary = elements.find((e) => GS1_APPLICATION_IDENTIFIERS.get(e.ai)?.keyQualifiers !== undefined);
  if (!primary) throw new RangeError('renderDigitalLink: needs a primary key AI (01, 00, 414, 253, 8004…)');
  const alternatives = GS1_APPLICATION_IDENTIFIERS.get(primary.ai)!.keyQualifiers!;
  const qualifiers = alternatives.find((a) => a.some((q) => elements.some((e) => e.ai === q))) ?? [];
  let path = `/${primary.ai}/${encodeURIComponent(primary.value)}`;
  for (const q of qualifiers) {
    const element = elements.find((e) => e.ai === q);
    if (element) path += `/${q}/${encodeURIComponent(element.value)}`;
  }
  const query = elements
    .filter((e) => e !== primary && !qualifiers.includes(e.ai))
    .map((e) => `${e.ai}=${encodeURIComponent(e.value)}`)
    .join('&');
  for (const e of elements) {
    const def = GS1_APPLICATION_IDENTIFIERS.get(e.ai);
    const failure = def ? checkElementValue(def, e.value) : barcodeFailure('unknown-ai', e.ai);
    if (failure) throw new RangeError(`renderDigitalLink: ${failure.detail}`);
    if (def && e !== primary && !qualifiers.includes(e.ai) && !def.dataAttribute) {
      throw new RangeError(`renderDigitalLink: AI (${e.ai}) cannot be a Digital Link data attribute`);
    }
  }
  return base + path + (query === '' ? '' : `?${query}`);
}
