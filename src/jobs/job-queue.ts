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
  expireInSeconds?: number;
}

@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly queues: QueueDefinition<object>[] = [];
  private started = false;

  constructor(@Inject(DATABASE) database: Database, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    // A small pool: the embedded database multiplexes few connections, and workers poll, they do not flood.
    this.boss = new PgBoss({
      connectionString: database.url, migrate: false, schedule: false, supervise: true, max: 2,
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
      await this.boss.createQueue(queue.name, { name: queue.name, retryLimit: queue.retryLimit ?? 3, retryBackoff: true, expireInSeconds: queue.expireInSeconds ?? 900 });
      if (this.config.jobWorkers) {
        // After a job, the next one is fetched at once rather than a polling interval later (pg-boss waits whatever
        // is left of the interval after a short job): a bulk batch is many jobs in a row.
        let workerId: string | undefined;
        workerId = await this.boss.work<object>(queue.name, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
          await queue.handle(job.data);
          if (workerId) this.boss.notifyWorker(workerId);
        });
      }
    }
  }

  /** Enqueues a job; with `manager`, inside that transaction (it is only visible once the transaction commits). */
  async send(name: string, data: object, manager?: EntityManager): Promise<void> {
    const db = manager ? { executeSql: async (text: string, values: unknown[]) => ({ rows: await manager.query(text, values) }) } : undefined;
    await this.boss.send(name, data, db ? { db } : {});
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true, timeout: 10_000, wait: true });
  }
}
