// Queries live in repositories (x.repository.ts): a service of these domains that reads or writes through an
// EntityManager or the DataSource itself fails this spec. Other domains are not converted yet.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = new URL('..', import.meta.url).pathname;
const CONVERTED = ['frameworks', 'profiles', 'catalogue', 'learning', 'documents', 'interop/framework-import.service.ts'];
const QUERY =
  /\b(manager|dataSource|em)\s*\??\.\s*(save|create|insert|update|upsert|delete|remove|softDelete|query|find\w*|count\w*|exist\w*|createQueryBuilder|getRepository|increment|decrement)\s*\(|\.manager\./;

function sources(path: string): string[] {
  if (path.endsWith('.ts')) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    const child = join(path, entry.name);
    if (entry.isDirectory()) return sources(child);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.repository.ts') ? [child] : [];
  });
}

describe('queries in repositories', () => {
  it('no query outside the repositories of the converted domains', () => {
    const found = CONVERTED.flatMap((part) => sources(join(SRC, part))).flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, index) => (QUERY.test(line) ? [`${relative(SRC, path)}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('the rule catches the calls it is meant to', () => {
    for (const line of [
      'await manager.save(framework);',
      'manager.create(Learner, {})',
      'this.dataSource.query(`SELECT 1`)',
      'manager.getRepository(X).createQueryBuilder',
      'this.dataSource.manager.findOneBy(X, {})',
    ]) {
      expect([line, QUERY.test(line)]).toEqual([line, true]);
    }
    for (const line of ['await this.frameworks.saveVersion(framework, manager);', 'this.learning.newLearner(id, manager)'])
      expect([line, QUERY.test(line)]).toEqual([line, false]);
  });
});
