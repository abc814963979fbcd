/**
 * The path of the first string (value or key) holding U+0000, or undefined. PostgreSQL's jsonb cannot store
 * that character (it refuses `\u0000`), so such a document is refused as invalid before anything is written,
 * instead of failing the whole push inside the database.
 */
export function findNulCharacter(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '/' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulCharacter(value[i], `${path}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}/${JSON.stringify(key)}`;
    const found = findNulCharacter(item, `${path}/${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
