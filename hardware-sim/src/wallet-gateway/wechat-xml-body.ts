import { XMLParser } from 'fast-xml-parser';

// WeChat Pay v2 bodies: one flat <xml> element, each parameter a child, values in CDATA ("协议规则").
const parser = new XMLParser({ parseTagValue: false, trimValues: false, ignoreDeclaration: true });

export function readWechatXml(text: string): Record<string, string> | undefined {
  try {
    const root = (parser.parse(text, true) as { xml?: unknown }).xml;
    if (typeof root !== 'object' || root === null) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(root)) {
      if (typeof v !== 'string') return undefined;
      out[k] = v;
    }
    return out;
  } catch {
    return undefined;
  }
}

export function writeWechatXml(params: Readonly<Record<string, string | undefined>>): string {
  let out = '<xml>';
  for (const [k, v] of Object.entries(params))
    if (v !== undefined) out += `<${k}><![CDATA[${v.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${k}>`;
  return `${out}</xml>`;
}
