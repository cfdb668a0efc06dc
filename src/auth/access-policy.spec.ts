// The access policy is the one place that decides by role: a role comparison anywhere else in src/ fails this spec.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { institutionsAllowed, Permission } from './access-policy.js';
import type { Actor } from './roles.js';

const SRC = new URL('..', import.meta.url).pathname;
/** The policy itself, the route guard (the coarse gate by @Allow), and who needs an institution at account creation. */
const ALLOWED = new Set(['auth/access-policy.ts', 'auth/access-scopes.ts', 'auth/auth.guard.ts', 'auth/auth.service.ts']);
const ROLE_CHECK =
  /\.role\s*[!=]==|[!=]==\s*\w+(\?\.|\.)role\b|switch\s*\(\s*[\w?.]*\brole\s*\)|['"](admin|hr_manager|registrar|learner)['"]\s*[!=]==|[!=]==\s*['"](admin|hr_manager|registrar|learner)['"]/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('access policy', () => {
  it('no role comparison outside the policy', () => {
    const found = sources(SRC).flatMap((path) => {
      const file = relative(SRC, path);
      if (ALLOWED.has(file)) return [];
      return readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, index) => (ROLE_CHECK.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : []));
    });
    expect(found).toEqual([]);
  });

  it('the rule catches the comparisons it is meant to', () => {
    for (const line of [`if (actor.role === 'admin')`, `actor?.role !== 'registrar'`, `'learner' === user.role`, `switch (actor.role) {`])
      expect([line, ROLE_CHECK.test(line)]).toEqual([line, true]);
    expect(ROLE_CHECK.test(`audiences.includes(request.actor.role)`)).toBe(false);
  });

  it('an institution permission: administrators anywhere, a member in the permission’s role in their own institution only', () => {
    const school = 'a3c1e0f2-0000-4000-8000-000000000001';
    const other = 'a3c1e0f2-0000-4000-8000-000000000002';
    const as = (role: Actor['role'], institutionId: string | null = school): Actor => ({ userId: 'u', role, institutionId });
    const allowed = (actor: Actor | undefined, permission: Parameters<typeof institutionsAllowed>[1]) =>
      [...institutionsAllowed(actor, permission, [school, other])].sort();
    expect(allowed(as('admin', null), Permission.IssuerKeyRead)).toEqual([school, other].sort());
    expect(allowed(as('registrar'), Permission.IssuerKeyRead)).toEqual([school]);
    expect(allowed(as('hr_manager'), Permission.IssuerKeyRead)).toEqual([]);
    expect(allowed(as('hr_manager'), Permission.FrameworkManage)).toEqual([school]);
    expect(allowed(as('registrar'), Permission.FrameworkManage)).toEqual([]);
    expect(allowed(as('learner', null), Permission.TeamGapsRead)).toEqual([]);
    expect(allowed(undefined, Permission.CatalogueManage)).toEqual([]);
  });
});
