import { XMLParser } from 'fast-xml-parser';

/**
 * WeChat Pay v2 bodies are one flat `<xml>` element whose children are the parameters
 * (`<xml><appid><![CDATA[wx…]]></appid>…</xml>`, "接口规则 / 协议规则": XML, UTF-8). Values stay strings.
 */
const parser = new XMLParser({
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
});

export function toWechatXml(params: Readonly<Record<string, string | undefined>>): string {
  let body = '<xml>';
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new TypeError(`"${k}" is not a WeChat Pay parameter name`);
    // A CDATA section cannot hold "]]>": split it across two sections.
    body += `<${k}><![CDATA[${v.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${k}>`;
  }
  return `${body}</xml>`;
}

/** The parameters of a WeChat Pay XML body, or undefined when it is not one flat `<xml>` element. */
export function fromWechatXml(text: string): Record<string, string> | undefined {
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch {
    return undefined;
  }
  const root = (doc as { xml?: unknown } | undefined)?.xml;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(root as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else if (v === '' || v === null) out[k] = '';
    else return undefined;
  }
  return out;
}
