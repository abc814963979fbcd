export type { CouponState, CouponStatus } from './coupon-status.js';
export { couponStatus } from './coupon-status.js';
export type { MemberLookupError } from './member-lookup.js';
export { maskPhone, memberByCard, memberByPhone, memberCardOfQr, phoneDigits } from './member-lookup.js';
export { pointsBalance } from './points-balance.js';
export { pointsEntryFor, pointsFor } from './points-earned.js';
