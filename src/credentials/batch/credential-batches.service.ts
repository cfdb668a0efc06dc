// Bulk issuance for a session (a graduation ceremony, a national programme): the batch is planned in one
// transaction together with its jobs, then worked in chunks by any number of worker processes. Each credential
// commits with its status index; reruns skip what is done, so a crash or a retry never duplicates anything.
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { Actor } from '../../auth/roles.js';
import { conflict, notFound } from '../../common/problems.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { TrainingSession } from '../../catalogue/training-session.entity.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { IssuanceService, assertRegistrarOf } from '../issuance.service.js';
import { CredentialBatch } from './credential-batch.entity.js';

const QUEUE = 'credential-batch-chunk';
/** Enrolments per job: small enough that a retried job redoes little. */
const CHUNK = 100;
/** Credentials per transaction inside a job. */
const COMMIT_EVERY = 25;

interface ChunkJob {
  batchId: string;
  enrolmentIds: string[];
}

@Injectable()
export class CredentialBatchesService {
  private readonly logger = new Logger('CredentialBatches');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly issuance: IssuanceService,
    private readonly audit: AuditLog,
  ) {
    jobs.register<ChunkJob>({ name: QUEUE, handle: (job) => this.work(job), retryLimit: 5 });
  }

  async start(sessionId: string, actor: Actor): Promise<CredentialBatch> {
    return this.dataSource.transaction(async (manager) => {
      const session = await manager.getRepository(TrainingSession).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :sessionId', { sessionId }).getOne();
      if (!session) throw notFound('Session', sessionId);
      assertRegistrarOf(actor, session.institutionId, 'issue this session’s certificates');
      if (!session.moduleId) throw conflict('not_a_module_session', 'Bulk certificates are for module sessions; diplomas are prepared one by one and co-signed.');
      const running = await manager.findOneBy(CredentialBatch, { sessionId, state: 'running' }) ?? await manager.findOneBy(CredentialBatch, { sessionId, state: 'queued' });
      if (running) throw conflict('batch_in_progress', `A batch for this session is already in progress: ${running.id}.`);
      const pending = await this.pendingEnrolments(sessionId, manager);
      const batch = await manager.save(manager.create(CredentialBatch, {
        sessionId, institutionId: session.institutionId, requestedById: actor.userId, state: pending.length ? 'queued' : 'completed',
        total: pending.length, errors: [], finishedAt: pending.length ? null : new Date(),
      }));
      for (let i = 0; i < pending.length; i += CHUNK) await this.jobs.send(QUEUE, { batchId: batch.id, enrolmentIds: pending.slice(i, i + CHUNK) }, manager);
      await this.audit.record(manager, { action: 'batch.started', actorId: actor.userId, institutionId: session.institutionId, details: { batchId: batch.id, sessionId, total: pending.length } });
      return batch;
    });
  }

  async get(id: string, actor: Actor): Promise<CredentialBatch> {
    const batch = await this.dataSource.manager.findOneBy(CredentialBatch, { id });
    if (!batch) throw notFound('Batch', id);
    assertRegistrarOf(actor, batch.institutionId, 'follow this batch');
    return batch;
  }

  /** Completed enrolments of the session without a certificate yet. */
  private async pendingEnrolments(sessionId: string, manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT e.id FROM enrolment e
       WHERE e."sessionId" = $1 AND e.status = 'completed'
         AND NOT EXISTS (SELECT 1 FROM credential c WHERE c."enrolmentId" = e.id AND c.kind = 'certificate')
       ORDER BY e."createdAt", e.id`, [sessionId]);
    return rows.map((row) => row.id);
  }

  /** One job: certify each enrolment of the chunk, a few per transaction; done ones are skipped. */
  async work({ batchId, enrolmentIds }: ChunkJob): Promise<void> {
    await this.dataSource.query(`UPDATE credential_batch SET state = 'running' WHERE id = $1 AND state = 'queued'`, [batchId]);
    for (let i = 0; i < enrolmentIds.length; i += COMMIT_EVERY) {
      const slice = enrolmentIds.slice(i, i + COMMIT_EVERY);
      try {
        await this.dataSource.transaction(async (manager) => {
          const existing: { enrolmentId: string; batchId: string | null }[] = await manager.query(
            `SELECT "enrolmentId", "batchId" FROM credential WHERE kind = 'certificate' AND "enrolmentId" = ANY($1::uuid[])`, [slice]);
          const done = new Map(existing.map((row) => [row.enrolmentId, row.batchId]));
          // Certified by this batch in an earlier attempt: already counted. By someone else meanwhile: skipped.
          const skipped = slice.filter((enrolmentId) => done.has(enrolmentId) && done.get(enrolmentId) !== batchId).length;
          const todo = slice.filter((enrolmentId) => !done.has(enrolmentId));
          await this.issuance.certifyMany(todo, { userId: null, batchId }, manager);
          await manager.query(`UPDATE credential_batch SET issued = issued + $2, skipped = skipped + $3 WHERE id = $1`, [batchId, todo.length, skipped]);
        });
      } catch (error) {
        // Another worker certified one of these concurrently: the retry of this job will skip it.
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') throw error;
        await this.recordFailures(batchId, slice, error);
      }
    }
    await this.finishIfDone(batchId);
  }

  /** Enrolments that cannot be certified (no longer completed, data problem) are reported, one by one. */
  private async recordFailures(batchId: string, enrolmentIds: string[], cause: unknown): Promise<void> {
    for (const enrolmentId of enrolmentIds) {
      try {
        await this.dataSource.transaction(async (manager) => {
          const exists = await manager.query(`SELECT 1 FROM credential WHERE kind = 'certificate' AND "enrolmentId" = $1`, [enrolmentId]);
          if (exists.length) {
            await manager.query(`UPDATE credential_batch SET skipped = skipped + 1 WHERE id = $1`, [batchId]);
            return;
          }
          await this.issuance.certify(enrolmentId, { userId: null, batchId }, manager);
          await manager.query(`UPDATE credential_batch SET issued = issued + 1 WHERE id = $1`, [batchId]);
        });
      } catch (error) {
        const reason = (error as Error).message ?? String(cause);
        this.logger.warn(`batch ${batchId}: enrolment ${enrolmentId} not certified: ${reason}`);
        await this.dataSource.query(
          `UPDATE credential_batch SET failed = failed + 1, errors = errors || $2::jsonb WHERE id = $1`,
          [batchId, JSON.stringify([{ enrolmentId, reason }])]);
      }
    }
  }

  private async finishIfDone(batchId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `UPDATE credential_batch SET state = 'completed', "finishedAt" = now()
         WHERE id = $1 AND state <> 'completed' AND issued + skipped + failed >= total RETURNING "institutionId", issued, skipped, failed`, [batchId]);
      if (row) await this.audit.record(manager, { action: 'batch.completed', institutionId: row.institutionId, details: { batchId, issued: row.issued, skipped: row.skipped, failed: row.failed } });
    });
  }
}
