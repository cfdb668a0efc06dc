// Queries live in repositories (x.repository.ts): a service of these domains that reads or writes through an
// EntityManager or the DataSource itself fails this spec. Other domains are not converted yet.
import { join } from 'node:path';
import { linesMatching, sourceFiles, SRC } from '../common/testing/source-lines.js';

const CONVERTED = ['frameworks', 'profiles', 'catalogue', 'learning', 'documents', 'interop/framework-import.service.ts'];
const QUERY =
  /\b(manager|dataSource|em)\s*\??\.\s*(save|create|insert|update|upsert|delete|remove|softDelete|query|find\w*|count\w*|exist\w*|createQueryBuilder|getRepository|increment|decrement)\s*\(|\.manager\./;

describe('queries in repositories', () => {
  it('no query outside the repositories of the converted domains', () => {
    const repositories = (name: string) => name.endsWith('.repository.ts');
    const found = linesMatching(
      CONVERTED.flatMap((part) => sourceFiles(join(SRC, part), repositories)),
      QUERY,
    ).map(({ where }) => where);
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
