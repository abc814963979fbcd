import type { WireDocument } from './wire.js';

/**
 * What a device receives of a replicated document, minimised to what a store's devices use (PIPL art. 6,
 * issue 16: "member data on a lane limited to what the lane needs"). A lane identifies a member by card or
 * phone and greets them by name; it never writes to them, so a member's e-mail stays at HQ. Master data only:
 * devices never push these collections, so the view can differ from HQ's copy without a conflict.
 */
export function deviceView(collection: string, document: WireDocument): WireDocument {
  if (collection === 'members' && typeof document.email === 'string' && document.email !== '') {
    return { ...document, email: '' };
  }
  return document;
}
