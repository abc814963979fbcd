/**
 * `STOREFLOOR_ESL_AP_URL`: the store's OpenEPaperLink access points, one URL or several separated by commas,
 * each optionally named (`ap-1=http://10.0.0.7`). Unset or empty: the agent drives no labels.
 */
export function accessPointsFromEnv(
  value: string | undefined,
): { readonly id: string; readonly url: string }[] {
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return entries.map((entry, index) => {
    const named = /^([A-Za-z0-9._-]{1,64})=(.+)$/.exec(entry);
    const id = named ? (named[1] as string) : `ap-${index + 1}`;
    const url = named ? (named[2] as string) : entry;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(
        `STOREFLOOR_ESL_AP_URL: "${url}" is not a URL (give http://host[:port], comma-separated)`,
      );
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error(`STOREFLOOR_ESL_AP_URL: "${url}" must be an http:// or https:// URL`);
    return { id, url: url.replace(/\/+$/, '') };
  });
}
