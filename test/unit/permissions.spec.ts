import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  can,
  PERMISSION_NAMES,
  PERMISSIONS,
  permissionsOf,
  rolesWith,
  type Permission,
} from '../../src/access/domain/permissions.js';
import { ROLES, type Role } from '../../src/access/domain/role.js';
import { assertAllowed, SYSTEM_ACTOR, type Actor } from '../../src/access/actor.js';
import { DomainError } from '../../src/common/domain-error.js';

/*
 * Issue 11: who may do what has one home, src/access/domain/permissions.ts. This pins the table
 * (a change of who may do what shows up here, on purpose), and checks that every permission the
 * code asks about is one of the table's and every one of the table's is asked about somewhere.
 */

// Written out again as the reader sees it, roles in the order the refusal message names them.
const EXPECTED: Record<Permission, Role[]> = {
  'agencies.manage': ['ADMIN'],
  'agencies.focalPoints': ['ADMIN', 'SECRETARIAT'],
  'users.manage': ['ADMIN'],
  'audit.readUsers': ['ADMIN'],
  'periods.lock': ['SECRETARIAT'],
  'policy.edit': ['SECRETARIAT'],
  'calendar.edit': ['SECRETARIAT'],
  'digest.send': ['SECRETARIAT'],
  'notifications.manage': ['SECRETARIAT', 'ADMIN'],
  'letters.draft': ['SECRETARIAT', 'AGENCY_OFFICER'],
  'letters.record': ['SECRETARIAT'],
  'letterRequests.file': ['AGENCY_OFFICER', 'SECRETARIAT'],
  'letterRequests.handle': ['SECRETARIAT'],
  'letters.chooseHolder': ['SECRETARIAT'],
  'followUpLetter.draft': ['SECRETARIAT', 'LEADERSHIP'],
  'pilots.writeAll': ['SECRETARIAT'],
  'pilots.reservedMoves': ['SECRETARIAT'],
  'blockers.writeCrossCutting': ['SECRETARIAT'],
  'comments.moderate': ['SECRETARIAT'],
  'indicators.manage': ['SECRETARIAT', 'ADMIN'],
  'indicators.writeAll': ['SECRETARIAT'],
  'settings.view': ['SECRETARIAT', 'ADMIN'],
  'queue.read': ['ADMIN', 'SECRETARIAT'],
  'queue.write': ['ADMIN'],
};

const SRC = join(process.cwd(), 'src');
const TABLE_FILE = join('access', 'domain', 'permissions.ts');

/** Every TypeScript file under src but the table itself and the generated API types. */
function sources(): { path: string; text: string }[] {
  return (readdirSync(SRC, { recursive: true }) as string[])
    .filter((p) => p.endsWith('.ts') && p !== TABLE_FILE && !p.endsWith('openapi-types.ts'))
    .map((p) => ({ path: p, text: readFileSync(join(SRC, p), 'utf8') }));
}

/**
 * The permission names the code asks about: the string literals in the arguments of
 * assertAllowed(…), requirePermission(…), can(…) and roleNamesWith(…), and the values of
 * `permission:` fields (the web's navigation and settings tabs).
 */
function namesUsed(text: string): string[] {
  const names: string[] = [];
  for (const call of text.matchAll(
    /\b(?:assertAllowed|requirePermission|can|roleNamesWith)\(([^()]*)\)/g,
  ))
    for (const literal of call[1].matchAll(/'([^']+)'/g)) names.push(literal[1]);
  for (const field of text.matchAll(/\bpermission: '([^']+)'/g)) names.push(field[1]);
  return names;
}

describe('the permissions table', () => {
  it('gives each permission exactly the roles it gives today', () => {
    expect(PERMISSIONS).toEqual(EXPECTED);
    expect(PERMISSION_NAMES).toEqual(Object.keys(EXPECTED));
  });

  it('answers can() and permissionsOf() from the table alone', () => {
    for (const role of ROLES) {
      const expected = (Object.keys(EXPECTED) as Permission[]).filter((p) =>
        EXPECTED[p].includes(role),
      );
      expect(permissionsOf(role)).toEqual(expected);
      for (const p of PERMISSION_NAMES) expect(can(role, p)).toBe(EXPECTED[p].includes(role));
    }
    expect(permissionsOf('LEADERSHIP')).toEqual(['followUpLetter.draft']);
    expect(permissionsOf('AGENCY_OFFICER')).toEqual(['letters.draft', 'letterRequests.file']);
  });

  it('lists only known roles, each at most once, and gives every permission to someone', () => {
    for (const p of PERMISSION_NAMES) {
      const roles = rolesWith(p);
      expect(roles.length).toBeGreaterThan(0);
      expect(new Set(roles).size).toBe(roles.length);
      for (const r of roles) expect(ROLES).toContain(r);
    }
  });

  it('refuses with 403 FORBIDDEN naming the roles, in the table order', () => {
    const leadership: Actor = { ...SYSTEM_ACTOR, role: 'LEADERSHIP' };
    expect(() => assertAllowed(leadership, 'followUpLetter.draft')).not.toThrow();
    let refusal: unknown;
    try {
      assertAllowed(leadership, 'notifications.manage');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Thao tác này dành cho: thư ký (cơ quan thường trực), quản trị.',
      details: {
        role: 'LEADERSHIP',
        allowedRoles: ['SECRETARIAT', 'ADMIN'],
        permission: 'notifications.manage',
      },
    });
  });

  describe('in the code', () => {
    const files = sources();
    const used = files.flatMap(({ path, text }) => namesUsed(text).map((name) => ({ path, name })));

    it('asks only about permissions of the table', () => {
      const unknown = used.filter(({ name }) => !(PERMISSION_NAMES as string[]).includes(name));
      expect(unknown).toEqual([]);
    });

    it('asks about every permission of the table somewhere', () => {
      const asked = new Set(used.map(({ name }) => name));
      expect(PERMISSION_NAMES.filter((p) => !asked.has(p))).toEqual([]);
    });

    it('checks roles through the table: no assertRole and no role-list constant is left', () => {
      // AGENCY_ROLES are duties an agency holds (the Government working group), not user roles.
      const offending = files
        .filter(({ text }) => /\bassertRole\(|\b(?!AGENCY_)[A-Z_]+_ROLES\b\s*[:=]/.test(text))
        .map(({ path }) => path);
      expect(offending).toEqual([]);
    });
  });
});
