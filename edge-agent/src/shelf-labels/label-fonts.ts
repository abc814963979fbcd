import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

/** The family every label is drawn in. */
export const LABEL_FONT_FAMILY = 'Noto Sans SC';

let registered = false;

/**
 * Registers Noto Sans SC (SIL Open Font License 1.1) from the @fontsource/noto-sans-sc package: regular and
 * bold, every unicode-range subset, under one family. Skia falls back from subset to subset per glyph, so
 * Chinese, Latin, digits and the currency signs all come from the one family. Idempotent.
 */
export function registerLabelFonts(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  const files = join(dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files');
  let count = 0;
  for (const file of readdirSync(files)) {
    if (!/-(400|700)-normal\.woff2$/.test(file)) continue;
    if (GlobalFonts.registerFromPath(join(files, file), LABEL_FONT_FAMILY)) count++;
  }
  if (count === 0) throw new Error(`no Noto Sans SC font files could be registered from ${files}`);
  registered = true;
}
