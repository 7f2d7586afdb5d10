/** Who is calling and what they may do: what the HTTP server, the resolvers and the WebSocket server use. */
export { acceptsTokens, createAuthenticator, type Authenticate, type AuthConfig } from './authenticate.js';
export { parseApiKeys, type ApiKey } from './api-keys.js';
export { requireReadAccess, requireRole, roleAtLeast, ROLES, type Role, type Viewer } from './roles.js';
