export type { CouponState, CouponStatus } from './coupon-status.js';
export { couponStatus } from './coupon-status.js';
export { maskPhone, maskPhonesInText } from './mask-phone.js';
export type { MemberLookupError } from './member-lookup.js';
export { memberByCard, memberByPhone, memberCardOfQr, phoneDigits } from './member-lookup.js';
export { pointsBalance } from './points-balance.js';
export { pointsEntryFor, pointsFor } from './points-earned.js';
