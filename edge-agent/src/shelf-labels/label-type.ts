/** The inks an e-paper label can show. Red labels are black/white/red (BWR); plain ones black/white. */
export type LabelInk = 'black' | 'white' | 'red';

/** A shelf-label model: its panel in pixels and the inks it has. */
export interface LabelType {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly inks: readonly LabelInk[];
}

/**
 * The panels the store uses, as OpenEPaperLink lists them (2.9" 296x128 and 4.2" 400x300 SSD1619 tags with a
 * red ink; the plain 2.9" without).
 */
export const LABEL_TYPES = {
  '2.9-bwr': { id: '2.9-bwr', width: 296, height: 128, inks: ['black', 'white', 'red'] },
  '2.9-bw': { id: '2.9-bw', width: 296, height: 128, inks: ['black', 'white'] },
  '4.2-bwr': { id: '4.2-bwr', width: 400, height: 300, inks: ['black', 'white', 'red'] },
} as const satisfies Record<string, LabelType>;

export type LabelTypeId = keyof typeof LABEL_TYPES;

export function labelTypeOf(id: string): LabelType | undefined {
  return Object.hasOwn(LABEL_TYPES, id) ? LABEL_TYPES[id as LabelTypeId] : undefined;
}
