/** Roles: reader < editor < admin; requireRole says which role is needed and never who sent what token. */
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { requireReadAccess, requireRole, roleAtLeast, ROLES, type Role, type Viewer } from '../../src/auth/index.js';
import { highestRole } from '../../src/auth/roles.js';

function refusal(viewer: Viewer, role: Role): GraphQLError | undefined {
  try {
    requireRole(viewer, role);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
}

describe('requireRole', () => {
  it('lets each role do what the roles below it may', () => {
    const allowed = ROLES.flatMap((held) => ROLES.filter((needed) => refusal({ name: 'n', role: held }, needed) === undefined).map((needed) => `${held}>=${needed}`));
    expect(allowed).toEqual(['reader>=reader', 'editor>=reader', 'editor>=editor', 'admin>=reader', 'admin>=editor', 'admin>=admin']);
    expect(roleAtLeast('admin', 'editor')).toBe(true);
    expect(roleAtLeast('reader', 'editor')).toBe(false);
  });

  it('returns the viewer it let through, for the audit trail', () => {
    expect(requireRole({ name: 'alice', role: 'admin' }, 'editor')).toEqual({ name: 'alice', role: 'admin' });
  });

  it('refuses an anonymous caller with UNAUTHENTICATED (401), naming the role needed', () => {
    const error = refusal(null, 'editor')!;
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.extensions.http).toMatchObject({ status: 401 });
    expect(error.message).toBe('This needs the editor role, and the request carries no token: send "Authorization: Bearer <token>" with an API key or a JWT.');
  });

  it('refuses too low a role with FORBIDDEN (403), naming the role needed and the one held', () => {
    const error = refusal({ name: 'bob', role: 'editor' }, 'admin')!;
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.extensions.http).toMatchObject({ status: 403 });
    expect(error.message).toBe('This needs the admin role; "bob" has the editor role.');
  });
});

describe('requireReadAccess', () => {
  it('lets anyone read while ANONYMOUS_READ is on, and only a viewer with a role when it is off', () => {
    expect(requireReadAccess(null, { anonymousRead: true })).toBeNull();
    expect(requireReadAccess({ name: 'ana', role: 'reader' }, { anonymousRead: false })).toEqual({ name: 'ana', role: 'reader' });
    expect(() => requireReadAccess(null, { anonymousRead: false })).toThrow('This needs the reader role, and the request carries no token');
  });
});

describe('highestRole', () => {
  it('takes the highest known role and ignores unknown ones', () => {
    expect(highestRole(['reader', 'admin', 'editor'])).toBe('admin');
    expect(highestRole(['owner', 'editor', 42])).toBe('editor');
    expect(highestRole(['owner', 'Admin'])).toBeUndefined();
    expect(highestRole([])).toBeUndefined();
  });
});
