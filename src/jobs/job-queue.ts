// Background jobs on PostgreSQL (pg-boss): several processes can work the same queues, jobs survive a crash and are
// retried. The schema comes from migrations (migrate: false). Jobs can be enqueued inside a TypeORM transaction, so
// a record and the job that processes it commit together.
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { boundedPoolOptions } from '../database/timeouts.js';

export interface QueueDefinition<T extends object> {
  name: string;
  handle(data: T): Promise<void>;
  /** Attempts after the first; each job must be idempotent. */
  retryLimit?: number;
  /**
   * How long a job may stay active before it counts as lost (its worker killed or cut off) and is retried elsewhere.
   * pg-boss 10 has no heartbeat: keep each job well inside this (a long task hands its rest to a new job).
   */
  expireInSeconds?: number;
}

/** How often expired jobs are looked for (by one process of the cluster at a time): a lost job waits at most this long past its expiry. */
const MAINTENANCE_INTERVAL_SECONDS = 5;
const DEFAULT_EXPIRE_IN_SECONDS = 60;
/** pg-boss job states below this one are still to do or being done. */
const FINISHED_STATE = 'completed';

@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly queues: QueueDefinition<object>[] = [];
  private started = false;

  constructor(
    @Inject(DATABASE) database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // A small pool: the embedded database multiplexes few connections, and workers poll, they do not flood.
    this.boss = new PgBoss({
      connectionString: database.url,
      migrate: false,
      schedule: false,
      supervise: true,
      max: 2,
      maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
      ...(database.timeouts ? boundedPoolOptions(database.timeouts) : {}),
    });
    this.boss.on('error', (error) => this.logger.error(`job queue: ${error.message}`));
  }

  /** Queues register before the application starts; workers run in every process unless JOB_WORKERS=false. */
  register<T extends object>(queue: QueueDefinition<T>): void {
    this.queues.push(queue as QueueDefinition<object>);
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const queue of this.queues) {
      const options = {
        name: queue.name,
        retryLimit: queue.retryLimit ?? 3,
        retryDelay: 1,
        retryBackoff: true,
        expireInSeconds: queue.expireInSeconds ?? DEFAULT_EXPIRE_IN_SECONDS,
      };
      // createQueue leaves an existing queue as it was: the update brings its settings to these.
      await this.boss.createQueue(queue.name, options);
      await this.boss.updateQueue(queue.name, options);
      if (this.config.jobWorkers) {
        // After a job, the next one is fetched at once rather than a polling interval later (pg-boss waits whatever
        // is left of the interval after a short job): a bulk batch is many jobs in a row.
        // `let`, not `const`: a job can start before work() resolves, and must then see undefined, not a TDZ error.
        let workerId: string | undefined;
        // eslint-disable-next-line prefer-const
        workerId = await this.boss.work<object>(queue.name, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
          await queue.handle(job.data);
          if (workerId) this.boss.notifyWorker(workerId);
        });
      }
    }
  }

  /** Enqueues a job; with `manager`, inside that transaction (it is only visible once the transaction commits). */
  async send(name: string, data: object, manager?: EntityManager): Promise<void> {
    const db = manager
      ? { executeSql: async (text: string, values: unknown[]) => ({ rows: await manager.query(text, values) }) }
      : undefined;
    await this.boss.send(name, data, db ? { db } : {});
  }

  /**
   * Whether a job of the queue whose data has `key` = `value` is still waiting, retrying or running: a record whose
   * jobs are all finished (failed for good) is in progress no longer, whatever it says.
   */
  async hasLiveJobs(name: string, key: string, value: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM pgboss.job WHERE name = $1 AND data->>$2 = $3 AND state < $4::pgboss.job_state LIMIT 1`,
      [name, key, value, FINISHED_STATE],
    );
    return rows.length > 0;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true, timeout: 10_000, wait: true });
  }
}
