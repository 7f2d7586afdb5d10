/** Roles and who holds them. Each role may do what the ones below it may, and more. */
import { forbidden, unauthenticated } from './errors.js';

/** Lowest first: reader (queries) < editor (add, edit, rank, link) < admin (aliases, merges of actors). */
export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the API key's or the token's name and its role; null for an anonymous caller. */
export type Viewer = { name: string; role: Role } | null;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `held` allows what `needed` does. */
export function roleAtLeast(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/** The highest known role among `values`; unknown values are ignored; undefined when none is known. */
export function highestRole(values: readonly unknown[]): Role | undefined {
  let best: Role | undefined;
  for (const v of values) if (isRole(v) && (best === undefined || roleAtLeast(v, best))) best = v;
  return best;
}

/**
 * The viewer, when it holds `role` or a higher one. Throws UNAUTHENTICATED (HTTP 401) for an
 * anonymous viewer and FORBIDDEN (HTTP 403) for one whose role is too low; both name the role
 * needed. Call it first in every resolver that writes, before anything is read or written.
 */
export function requireRole(viewer: Viewer, role: Role): NonNullable<Viewer> {
  if (viewer === null) {
    throw unauthenticated(`This needs the ${role} role, and the request carries no token: send "Authorization: Bearer <token>" with an API key or a JWT.`);
  }
  if (!roleAtLeast(viewer.role, role)) {
    throw forbidden(`This needs the ${role} role; "${viewer.name}" has the ${viewer.role} role.`);
  }
  return viewer;
}

/**
 * The viewer, when it may read: anyone may while ANONYMOUS_READ is on; when it is off, an anonymous
 * viewer is refused with UNAUTHENTICATED (401). HTTP requests and WebSocket connections both ask it.
 */
export function requireReadAccess(viewer: Viewer, config: { anonymousRead: boolean }): Viewer {
  return config.anonymousRead ? viewer : requireRole(viewer, 'reader');
}
