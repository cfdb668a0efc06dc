// Failed logins per account and per client address in a sliding window, in the database: every server process
// (WEB_CONCURRENCY) counts the same failures, and the database's clock serves them all.
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

const hashed = (keys: string[]): string[] => keys.map((key) => createHash('sha256').update(key).digest('hex'));

@Injectable()
export class LoginFailuresRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Seconds until every key has fewer than `maxFailures` failures within the window; 0 when a login may be tried. */
  async retryAfter(keys: string[], maxFailures: number, windowSeconds: number): Promise<number> {
    // The maxFailures-th newest failure of a key leaves the window first among those that keep it blocked.
    const rows: { wait: number }[] = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM "failedAt" + make_interval(secs => $3) - now()))::int AS wait
       FROM (SELECT "failedAt", row_number() OVER (PARTITION BY key ORDER BY "failedAt" DESC) AS newest
             FROM login_failure WHERE key = ANY($1) AND "failedAt" > now() - make_interval(secs => $3)) recent
       WHERE newest = $2`,
      [hashed(keys), maxFailures, windowSeconds]);
    return Math.max(0, ...rows.map((row) => row.wait));
  }

  /** Records a failure of each key, and forgets the failures that left the window. */
  async record(keys: string[], windowSeconds: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO login_failure (key) SELECT unnest($1::text[])`, [hashed(keys)]);
      await manager.query(`DELETE FROM login_failure WHERE "failedAt" < now() - make_interval(secs => $1)`, [windowSeconds]);
    });
  }

  async clear(keys: string[]): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failure WHERE key = ANY($1)`, [hashed(keys)]);
  }
}
