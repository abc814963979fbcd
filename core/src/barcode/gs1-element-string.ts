import type { BarcodeFailure, Gs1Element } from './barcode-result.js';
import { barcodeFailure } from './barcode-result.js';
import { GS1_APPLICATION_IDENTIFIERS, lookupAi } from './gs1-application-identifiers.js';
import type { Gs1DateContext } from './gs1-date.js';
import { addElement, checkElementValue } from './gs1-elements.js';

/** FNC1 as transmitted by scanners between variable-length elements: ASCII 29, Group Separator (§7.8.5). */
export const GS = '\x1d';

export type ReadElements = { readonly ok: true; readonly elements: Gs1Element[] };

/**
 * Reads a GS1 element string (the data of GS1-128, GS1 DataBar, GS1 DataMatrix, GS1 QR) as scanners send it:
 * AIs back to back, a GS after each variable-length element except the last. A leading GS (FNC1 in first
 * position) is accepted. An AI whose data has one fixed length is read to that length, and a GS after it is
 * skipped even where the AI needs none (§7.8.5); an AI of variable length reads up to the next GS.
 */
export function readElementString(data: string, context: Gs1DateContext = {}): ReadElements | BarcodeFailure {
  const elements: Gs1Element[] = [];
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === GS) {
      pos++;
      continue;
    }
    const def = lookupAi(data, pos);
    if (!def) {
      const shown = data
        .slice(pos, pos + 4)
        .split(GS)
        .join('<GS>');
      return barcodeFailure(
        /^[0-9]{2}/.test(data.slice(pos, pos + 2)) ? 'unknown-ai' : 'charset',
        `no GS1 AI at position ${pos}: ${shown}`,
      );
    }
    const start = pos + def.ai.length;
    let end: number;
    if (def.minLength === def.maxLength) {
      end = start + def.maxLength;
      if (end > data.length || data.slice(start, end).includes(GS)) {
        return barcodeFailure('length', `AI (${def.ai}) ${def.title}: needs ${def.maxLength} characters`);
      }
    } else {
      end = data.indexOf(GS, start);
      if (end < 0) end = data.length;
    }
    const value = data.slice(start, end);
    const failure = checkElementValue(def, value, context) ?? addElement(elements, { ai: def.ai, value });
    if (failure) return failure;
    pos = end;
  }
  if (elements.length === 0) return barcodeFailure('empty', 'no GS1 element in the data');
  return { ok: true, elements };
}

/** Reads the human-readable form `(01)09506000134352(10)ABC`, as printed under a GS1-128 symbol. */
export function readBracketedElementString(
  text: string,
  context: Gs1DateContext = {},
): ReadElements | BarcodeFailure {
  const elements: Gs1Element[] = [];
  const part = /\(([0-9]{2,4})\)([^(]*)/y;
  let pos = 0;
  while (pos < text.length) {
    part.lastIndex = pos;
    const match = part.exec(text);
    if (!match) return barcodeFailure('charset', `expected (AI) at position ${pos}`);
    const ai = match[1]!;
    const def = GS1_APPLICATION_IDENTIFIERS.get(ai);
    if (!def) return barcodeFailure('unknown-ai', `unknown AI (${ai})`);
    const failure =
      checkElementValue(def, match[2]!, context) ?? addElement(elements, { ai, value: match[2]! });
    if (failure) return failure;
    pos = part.lastIndex;
  }
  return { ok: true, elements };
}

export type RenderElementStringOptions = {
  /** Put in front, e.g. `]C1` for GS1-128 as a scanner would send it. */
  readonly symbology?: string;
  /** `(01)…(10)…` human-readable form instead of the transmitted form. */
  readonly bracketed?: boolean;
};

/** Renders elements as a scanner transmits them (or in bracketed form); throws on an element that is not valid. */
export function renderGs1ElementString(
  elements: readonly Gs1Element[],
  options: RenderElementStringOptions = {},
): string {
  let out = options.symbology ?? '';
  elements.forEach(({ ai, value }, i) => {
    const def = GS1_APPLICATION_IDENTIFIERS.get(ai);
    if (!def) throw new RangeError(`renderGs1ElementString: unknown AI (${ai})`);
    const failure = checkElementValue(def, value);
    if (failure) throw new RangeError(`renderGs1ElementString: ${failure.detail}`);
    if (options.bracketed) {
      out += `(${ai})${value}`;
      return;
    }
    out += ai + value;
    if (def.fnc1Required && i < elements.length - 1) out += GS;
  });
  return out;
}
