export type { MemberKey } from './find-members.js';
export { findMembers } from './find-members.js';
export type { MaskedMember } from './mask-member.js';
export { maskMember } from './mask-member.js';
export type { MemberRoutesOptions } from './member-routes.js';
export { memberRoutes } from './member-routes.js';
export { membersImport } from './members-import.js';
export type { PointsBalance } from './points-balance.js';
export { pointsBalances } from './points-balance.js';
