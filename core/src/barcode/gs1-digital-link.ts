import type { BarcodeFailure, Gs1Element } from './barcode-result.js';
import { barcodeFailure } from './barcode-result.js';
import { GS1_APPLICATION_IDENTIFIERS } from './gs1-application-identifiers.js';
import { addElement, checkElementValue } from './gs1-elements.js';

/**
 * GS1 Digital Link URI syntax 1.x (§4 "URI syntax"): `https://<domain>[/<prefix>]/<primary key AI>/<value>
 * [/<qualifier AI>/<value>…][?<AI>=<value>&…]`. Other query parameters (e.g. `linkType`) are not data.
 */
const URI = /^https?:\/\/[^/?#\s]+([^?#\s]*)(?:\?([^#\s]*))?(?:#\S*)?$/i;

/** Primary keys a lane may meet, and the qualifiers that may follow each in the path, in order. */
const PATH_QUALIFIERS: Readonly<Record<string, readonly string[]>> = {
  '01': ['22', '10', '21'],
  '00': [],
  '414': ['254'],
};

export const DEFAULT_DIGITAL_LINK_BASE = 'https://id.gs1.org';

export type ReadDigitalLink = { readonly ok: true; readonly elements: Gs1Element[] };

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** True when the text looks like a web URI at all (so it is a Digital Link or nothing we know). */
export function isWebUri(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

export function readDigitalLink(uri: string): ReadDigitalLink | BarcodeFailure {
  const match = URI.exec(uri);
  if (!match) return barcodeFailure('charset', 'not a well-formed http(s) URI');
  const segments = (match[1] ?? '').split('/').filter((s) => s !== '');
  const primaryAt = segments.findIndex((s) => PATH_QUALIFIERS[s] !== undefined);
  if (primaryAt < 0)
    return barcodeFailure('unrecognised', 'a web address without a GS1 primary key in its path');
  const pairs: [string, string][] = [];
  const pathPart = segments.slice(primaryAt);
  if (pathPart.length % 2 !== 0) return barcodeFailure('length', 'Digital Link path: an AI without a value');
  for (let i = 0; i < pathPart.length; i += 2) pairs.push([pathPart[i]!, pathPart[i + 1]!]);
  const primary = pairs[0]![0];
  const allowed = PATH_QUALIFIERS[primary]!;
  let lastQualifier = -1;
  for (const [ai] of pairs.slice(1)) {
    const at = allowed.indexOf(ai);
    if (at <= lastQualifier) {
      return barcodeFailure(
        GS1_APPLICATION_IDENTIFIERS.has(ai) ? 'ai-value' : 'unknown-ai',
        `AI (${ai}) cannot qualify (${primary}) here`,
      );
    }
    lastQualifier = at;
  }
  for (const parameter of (match[2] ?? '').split('&')) {
    if (parameter === '') continue;
    const eq = parameter.indexOf('=');
    const key = eq < 0 ? parameter : parameter.slice(0, eq);
    if (!/^[0-9]{2,4}$/.test(key)) continue;
    pairs.push([key, eq < 0 ? '' : parameter.slice(eq + 1)]);
  }
  const elements: Gs1Element[] = [];
  for (const [ai, encoded] of pairs) {
    const def = GS1_APPLICATION_IDENTIFIERS.get(ai);
    if (!def) return barcodeFailure('unknown-ai', `unknown AI (${ai})`);
    let value = decode(encoded);
    if (value === undefined) return barcodeFailure('charset', `AI (${ai}): malformed percent-encoding`);
    // A Digital Link may carry a GTIN-8, -12 or -13; the element string form is always 14 digits.
    if (ai === '01' && /^[0-9]{8}$|^[0-9]{12,13}$/.test(value)) value = value.padStart(14, '0');
    const failure = checkElementValue(def, value) ?? addElement(elements, { ai, value });
    if (failure) return failure;
  }
  return { ok: true, elements };
}

/**
 * Renders elements as a Digital Link: the primary key (01, 00 or 414) and its qualifiers in the path, in the
 * order the standard fixes, every other AI in the query string. Throws when there is no primary key.
 */
export function renderDigitalLink(
  elements: readonly Gs1Element[],
  options: { readonly base?: string } = {},
): string {
  const base = (options.base ?? DEFAULT_DIGITAL_LINK_BASE).replace(/\/+$/, '');
  const primary = elements.find((e) => PATH_QUALIFIERS[e.ai] !== undefined);
  if (!primary) throw new RangeError('renderDigitalLink: needs a primary key AI (01, 00 or 414)');
  const qualifiers = PATH_QUALIFIERS[primary.ai]!;
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
  }
  return base + path + (query === '' ? '' : `?${query}`);
}
