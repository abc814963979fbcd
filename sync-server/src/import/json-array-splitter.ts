/**
 * Incrementally splits a top-level JSON array (`[ {...}, {...} ]`) into the source text of its elements,
 * so a large array is parsed one element at a time. It only tracks structure (depth, strings, escapes);
 * each element's own syntax is checked by JSON.parse afterwards.
 */
export type SplitElement = { readonly line: number; readonly text: string };
export type SplitFault = { readonly line: number; readonly message: string };

type State = 'before-array' | 'before-element' | 'in-element' | 'done';

export class JsonArraySplitter {
  private state: State = 'before-array';
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private element = '';
  private elementLine = 1;
  private sawElement = false;
  private fault: SplitFault | undefined;

  /** Feeds a chunk; returns the elements it completed, or a fault once the text cannot be an array. */
  push(chunk: string): { elements: SplitElement[]; fault?: SplitFault } {
    const elements: SplitElement[] = [];
    if (this.fault) return { elements, fault: this.fault };
    let start = this.state === 'in-element' ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.state === 'in-element') {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === BACKSLASH) this.escaped = true;
          else if (c === QUOTE) this.inString = false;
          else if (c === NEWLINE) this.line++;
          continue;
        }
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (this.depth === 0) {
            if (c === CLOSE_BRACE) return this.fail(elements, 'unexpected "}"');
            this.element += chunk.slice(start, i);
            elements.push(this.finishElement());
            this.state = 'done';
            start = -1;
            continue;
          }
          this.depth--;
        } else if (c === COMMA && this.depth === 0) {
          this.element += chunk.slice(start, i);
          elements.push(this.finishElement());
          this.state = 'before-element';
          start = -1;
          continue;
        } else if (c === NEWLINE) this.line++;
        continue;
      }
      if (c === NEWLINE) {
        this.line++;
        continue;
      }
      if (c === SPACE || c === TAB || c === RETURN || c === BOM) continue;
      if (this.state === 'before-array') {
        if (c !== OPEN_BRACKET) return this.fail(elements, 'a JSON import must be an array of objects');
        this.state = 'before-element';
      } else if (this.state === 'before-element') {
        if (c === CLOSE_BRACKET && !this.sawElement) {
          this.state = 'done';
          continue;
        }
        if (c === CLOSE_BRACKET || c === COMMA) return this.fail(elements, 'missing array element');
        this.state = 'in-element';
        this.sawElement = true;
        this.elementLine = this.line;
        this.element = '';
        start = i;
        i--;
      } else {
        return this.fail(elements, 'unexpected text after the closing "]"');
      }
    }
    if (this.state === 'in-element' && start !== -1) this.element += chunk.slice(start);
    return { elements };
  }

  /** Call at end of input: a fault if the array never closed. */
  end(): SplitFault | undefined {
    if (this.fault) return this.fault;
    if (this.state !== 'done') return { line: this.line, message: 'the JSON array is not closed' };
    return undefined;
  }

  private finishElement(): SplitElement {
    const element = { line: this.elementLine, text: this.element };
    this.element = '';
    this.depth = 0;
    return element;
  }

  private fail(elements: SplitElement[], message: string): { elements: SplitElement[]; fault: SplitFault } {
    this.fault = { line: this.line, message };
    return { elements, fault: this.fault };
  }
}

const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BOM = 0xfeff;
