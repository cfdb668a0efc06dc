// Login attempts counted per key in fixed windows, in the database: every server process (WEB_CONCURRENCY, or several
// hosts) reserves from the same counters, under the database's row locks and clock.
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface AttemptLimit {
  /** What is counted, e.g. `account:nadia@…`; stored as its SHA-256 only. */
  key: string;
  /** Attempts allowed in one window. */
  limit: number;
}

const hashed = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Thrown inside the reservation's transaction to roll it back. */
class Refused extends Error {
  constructor(readonly retryAfter: number) {
    super('login attempt refused');
  }
}

@Injectable()
export class LoginAttemptsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts one attempt under every key, or under none when one of them is at its limit: then the seconds until that
   * key's window ends. One upsert takes the rows' locks, so concurrent attempts queue on them and each sees the
   * count the previous one left; keys are locked in one order (sorted) so that two attempts never deadlock.
   */
  async reserve(limits: AttemptLimit[], windowSeconds: number): Promise<{ reserved: true } | { reserved: false; retryAfter: number }> {
    const limitOf = new Map(limits.map(({ key, limit }) => [hashed(key), limit]));
    try {
      await this.dataSource.transaction(async (manager) => {
        const rows: { key: string; attempts: number; wait: number }[] = await manager.query(
          `INSERT INTO login_attempt_count AS counted (key, attempts)
           SELECT key, 1 FROM unnest($1::text[]) AS key
           ON CONFLICT (key) DO UPDATE SET
             attempts = CASE WHEN counted."windowStart" > now() - make_interval(secs => $2) THEN counted.attempts + 1 ELSE 1 END,
             "windowStart" = CASE WHEN counted."windowStart" > now() - make_interval(secs => $2) THEN counted."windowStart" ELSE now() END
           RETURNING key, attempts, ceil(extract(epoch FROM "windowStart" + make_interval(secs => $2) - now()))::int AS wait`,
          [[...limitOf.keys()].sort(), windowSeconds],
        );
        const waits = rows.filter((row) => row.attempts > limitOf.get(row.key)!).map((row) => row.wait);
        if (waits.length) throw new Refused(Math.max(1, ...waits));
      });
      return { reserved: true };
    } catch (error) {
      if (error instanceof Refused) return { reserved: false, retryAfter: error.retryAfter };
      throw error;
    }
  }

  /** Gives back one reserved attempt under each key (it was not a failure). */
  async release(keys: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE login_attempt_count SET attempts = attempts - 1 WHERE key = ANY($1) AND attempts > 0`, [
      keys.map(hashed),
    ]);
  }

  /** Forgets every attempt counted under these keys. */
  async forget(keys: string[]): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_attempt_count WHERE key = ANY($1)`, [keys.map(hashed)]);
  }

  /** Drops the counters whose window has ended. */
  async prune(windowSeconds: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_attempt_count WHERE "windowStart" <= now() - make_interval(secs => $1)`, [
      windowSeconds,
    ]);
  }
}
