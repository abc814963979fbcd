export { ensureAdminToken } from './admin-token.js';
export type { AuthenticatedDevice, DeviceRole } from './auth-plugin.js';
export { installAuth } from './auth-plugin.js';
export { tenancyRoutes } from './tenancy-routes.js';
export { bearerToken, hashSecret, newToken } from './tokens.js';
