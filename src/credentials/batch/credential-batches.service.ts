// Bulk issuance for a session (a graduation ceremony, a national programme): the batch is planned in one
// transaction together with its jobs, then worked in chunks by any number of worker processes. Each credential
// commits with its status index; reruns skip what is done, so a crash or a retry never duplicates anything. A job
// works a few seconds and hands the rest of its chunk to a new job, so it never nears the queue's expiry, and one
// lost with its worker (kill -9, a partition) is retried by another within the expiry.
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Permission, requireOnInstitutions } from '../../auth/access-policy.js';
import type { Actor } from '../../auth/roles.js';
import { assertSessionStarted } from '../../catalogue/session-rules.js';
import { Clock } from '../../common/clock.js';
import { conflict, notFound } from '../../common/problems.js';
import { isDatabaseUnavailable } from '../../database/unavailable.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { TrainingSession } from '../../catalogue/training-session.entity.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { IssuanceService } from '../issuance.service.js';
import { CredentialBatch } from './credential-batch.entity.js';

const QUEUE = 'credential-batch-chunk';
/** Enrolments per job: small enough that a retried job redoes little. */
const CHUNK = 100;
/** Credentials per transaction inside a job. */
const COMMIT_EVERY = 25;
/** Work one job does before it hands the rest of its chunk to a new job: well inside the expiry. */
const JOB_BUDGET_MS = 5_000;
/** A job still active this long after it started is counted lost and retried. */
const JOB_EXPIRY_SECONDS = 20;

interface ChunkJob {
  batchId: string;
  enrolmentIds: string[];
}

type Skip = { enrolmentId: string; reason: string };

@Injectable()
export class CredentialBatchesService {
  private readonly logger = new Logger('CredentialBatches');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly issuance: IssuanceService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {
    jobs.register<ChunkJob>({ name: QUEUE, handle: (job) => this.work(job), retryLimit: 5, expireInSeconds: JOB_EXPIRY_SECONDS });
  }

  async start(sessionId: string, actor: Actor): Promise<CredentialBatch> {
    return this.dataSource.transaction(async (manager) => {
      const session = await manager
        .getRepository(TrainingSession)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.id = :sessionId', { sessionId })
        .getOne();
      if (!session) throw notFound('Session', sessionId);
      requireOnInstitutions(actor, Permission.CredentialIssue, [session.institutionId]);
      if (!session.moduleId)
        throw conflict(
          'not_a_module_session',
          'Bulk certificates are for module sessions; diplomas are prepared one by one and co-signed.',
        );
      const now = this.clock.now();
      assertSessionStarted(session.startsOn, now, 'sessionId', 'nobody has passed it yet.');
      await this.refuseIfInProgress(sessionId, manager);
      const pending = await this.pendingEnrolments(sessionId, manager);
      const batch = await manager.save(
        manager.create(CredentialBatch, {
          sessionId,
          institutionId: session.institutionId,
          requestedById: actor.userId,
          state: pending.length ? 'queued' : 'completed',
          total: pending.length,
          errors: [],
          finishedAt: pending.length ? null : now,
        }),
      );
      for (let i = 0; i < pending.length; i += CHUNK)
        await this.jobs.send(QUEUE, { batchId: batch.id, enrolmentIds: pending.slice(i, i + CHUNK) }, manager);
      await this.audit.record(manager, {
        action: 'batch.started',
        actorId: actor.userId,
        institutionId: session.institutionId,
        details: { batchId: batch.id, sessionId, total: pending.length },
      });
      return batch;
    });
  }

  async get(id: string, actor: Actor): Promise<CredentialBatch> {
    const batch = await this.dataSource.manager.findOneBy(CredentialBatch, { id });
    if (!batch) throw notFound('Batch', id);
    requireOnInstitutions(actor, Permission.CredentialIssue, [batch.institutionId]);
    return batch;
  }

  /**
   * One batch per session at a time. A batch whose jobs all ended (failed for good) is over, whatever its state says:
   * it is closed as failed, and the new batch takes up what it left.
   */
  private async refuseIfInProgress(sessionId: string, manager: EntityManager): Promise<void> {
    const open = await manager
      .getRepository(CredentialBatch)
      .createQueryBuilder('b')
      .setLock('pessimistic_write')
      .where('b.sessionId = :sessionId AND b.state IN (:...states)', { sessionId, states: ['queued', 'running'] })
      .getMany();
    for (const batch of open) {
      if (await this.jobs.hasLiveJobs(QUEUE, 'batchId', batch.id, manager))
        throw conflict('batch_in_progress', `A batch for this session is already in progress: ${batch.id}.`);
      await manager.query(`UPDATE credential_batch SET state = 'failed', "finishedAt" = now() WHERE id = $1`, [batch.id]);
      this.logger.warn(`batch ${batch.id}: no job left to finish it; closed as failed`);
    }
  }

  /** Completed enrolments of the session without a certificate yet. */
  private async pendingEnrolments(sessionId: string, manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT e.id FROM enrolment e
       WHERE e."sessionId" = $1 AND e.status = 'completed'
         AND NOT EXISTS (SELECT 1 FROM credential c WHERE c."enrolmentId" = e.id AND c.kind = 'certificate')
       ORDER BY e."createdAt", e.id`,
      [sessionId],
    );
    return rows.map((row) => row.id);
  }

  /**
   * One job: certify each enrolment of the chunk, a few per transaction; done ones are skipped, and so are learners
   * who already hold an active certificate of the module (from another session). Past its budget, the job hands the
   * rest to a new job.
   */
  async work({ batchId, enrolmentIds }: ChunkJob): Promise<void> {
    const deadline = Date.now() + JOB_BUDGET_MS;
    await this.dataSource.query(`UPDATE credential_batch SET state = 'running' WHERE id = $1 AND state = 'queued'`, [batchId]);
    for (let i = 0; i < enrolmentIds.length; i += COMMIT_EVERY) {
      if (i > 0 && Date.now() > deadline) {
        // Should this worker die between the two, both this job's retry and the new job redo the rest: each skips what
        // the other did.
        await this.jobs.send(QUEUE, { batchId, enrolmentIds: enrolmentIds.slice(i) });
        return;
      }
      const slice = enrolmentIds.slice(i, i + COMMIT_EVERY);
      try {
        await this.dataSource.transaction(async (manager) => {
          const { todo, skips } = await this.sortOut(batchId, slice, manager);
          await this.issuance.certifyMany(todo, { userId: null, batchId }, manager);
          await this.count(batchId, { issued: todo.length, skips }, manager);
        });
      } catch (error) {
        // Another worker certified one of these concurrently: the retry of this job will skip it. The database out of
        // reach: the retry will find it back. Neither is the enrolments' fault.
        if (
          isDatabaseUnavailable(error) ||
          (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505')
        )
          throw error;
        await this.recordFailures(batchId, slice, error);
      }
    }
    await this.finishIfDone(batchId);
  }

  /**
   * Which enrolments of `slice` to certify. Certified by this batch in an earlier attempt: already counted. Certified
   * otherwise (by hand, another batch), or the learner holds an active certificate of the module from another
   * session: skipped, with the reason.
   */
  private async sortOut(batchId: string, slice: string[], manager: EntityManager): Promise<{ todo: string[]; skips: Skip[] }> {
    const held: { enrolmentId: string; credentialId: string; batchId: string | null; sameEnrolment: boolean }[] = await manager.query(
      `SELECT e.id AS "enrolmentId", c.id AS "credentialId", c."batchId", c."enrolmentId" = e.id AS "sameEnrolment"
       FROM enrolment e JOIN training_session s ON s.id = e."sessionId"
       JOIN credential c ON c.kind = 'certificate' AND (c."enrolmentId" = e.id OR (c."learnerId" = e."learnerId" AND c."moduleId" = s."moduleId" AND c.state <> 'revoked'))
       WHERE e.id = ANY($1::uuid[])
       ORDER BY c."enrolmentId" = e.id DESC`,
      [slice],
    );
    const first = new Map<string, (typeof held)[number]>();
    for (const row of held) if (!first.has(row.enrolmentId)) first.set(row.enrolmentId, row);
    const skips: Skip[] = [];
    for (const [enrolmentId, row] of first) {
      if (row.sameEnrolment && row.batchId === batchId) continue;
      skips.push({
        enrolmentId,
        reason: row.sameEnrolment
          ? `already certified: ${row.credentialId}`
          : `already certified for this module in another session: ${row.credentialId}`,
      });
    }
    return { todo: slice.filter((enrolmentId) => !first.has(enrolmentId)), skips };
  }

  /** Adds to the batch's counts; a learner skipped again by a retried job is counted once. */
  private async count(batchId: string, { issued, skips }: { issued: number; skips: Skip[] }, manager: EntityManager): Promise<void> {
    // Locked at the end of the transaction, after the signing: concurrent jobs of the batch wait for each other only here.
    const [{ skips: known }]: { skips: Skip[] }[] = await manager.query(`SELECT skips FROM credential_batch WHERE id = $1 FOR UPDATE`, [
      batchId,
    ]);
    const seen = new Set(known.map((skip) => skip.enrolmentId));
    const fresh = skips.filter((skip) => !seen.has(skip.enrolmentId));
    await manager.query(
      `UPDATE credential_batch SET issued = issued + $2, skipped = skipped + $3, skips = skips || $4::jsonb WHERE id = $1`,
      [batchId, issued, fresh.length, JSON.stringify(fresh)],
    );
  }

  /** Enrolments that cannot be certified (no longer completed, data problem) are reported, one by one. */
  private async recordFailures(batchId: string, enrolmentIds: string[], cause: unknown): Promise<void> {
    for (const enrolmentId of enrolmentIds) {
      try {
        await this.dataSource.transaction(async (manager) => {
          const { todo, skips } = await this.sortOut(batchId, [enrolmentId], manager);
          await this.issuance.certifyMany(todo, { userId: null, batchId }, manager);
          await this.count(batchId, { issued: todo.length, skips }, manager);
        });
      } catch (error) {
        if (isDatabaseUnavailable(error)) throw error;
        const reason = (error as Error).message ?? String(cause);
        this.logger.warn(`batch ${batchId}: enrolment ${enrolmentId} not certified: ${reason}`);
        await this.dataSource.query(`UPDATE credential_batch SET failed = failed + 1, errors = errors || $2::jsonb WHERE id = $1`, [
          batchId,
          JSON.stringify([{ enrolmentId, reason }]),
        ]);
      }
    }
  }

  private async finishIfDone(batchId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `UPDATE credential_batch SET state = 'completed', "finishedAt" = now()
         WHERE id = $1 AND state <> 'completed' AND issued + skipped + failed >= total RETURNING "institutionId", issued, skipped, failed`,
        [batchId],
      );
      if (row)
        await this.audit.record(manager, {
          action: 'batch.completed',
          institutionId: row.institutionId,
          details: { batchId, issued: row.issued, skipped: row.skipped, failed: row.failed },
        });
    });
  }
}
