import { epochMsProperty, idProperty } from './conventions.js';

/**
 * A loyalty member. Personal data goes only to the member's home store: `storeId` is the home store, and
 * other stores look a member up through HQ when the card is scanned there.
 */
export interface MemberDoc {
  id: string;
  /** Home store. */
  storeId: string;
  /** The number printed and encoded on the member card. */
  cardNumber: string;
  name: string;
  /** Tier key set at HQ, e.g. 'standard', 'gold'. */
  tier: string;
  email: string;
  phone: string;
  active: boolean;
  updatedAt: number;
}

export const membersSchema = {
  title: 'members',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idProperty,
    storeId: idProperty,
    cardNumber: { type: 'string', maxLength: 64 },
    name: { type: 'string', maxLength: 200 },
    tier: { type: 'string', maxLength: 32 },
    email: { type: 'string', maxLength: 254 },
    phone: { type: 'string', maxLength: 32 },
    active: { type: 'boolean' },
    updatedAt: epochMsProperty,
  },
  required: ['id', 'storeId', 'cardNumber', 'name', 'tier', 'email', 'phone', 'active', 'updatedAt'],
  additionalProperties: false,
  indexes: ['storeId', 'cardNumber'],
} as const;
