import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const BATCH_STATES = ['queued', 'running', 'completed', 'failed'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/** Bulk issuance for a session (a ceremony) or a programme cohort, run by background workers. */
@Entity('credential_batch')
@Index('ix_batch_session', ['sessionId'])
export class CredentialBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { nullable: true })
  sessionId: string | null;

  @Column('uuid')
  institutionId: string;

  @Column('uuid', { nullable: true })
  requestedById: string | null;

  @Column('text')
  state: BatchState;

  /** Learners eligible when the batch was planned. */
  @Column('int', { default: 0 })
  total: number;

  @Column('int', { default: 0 })
  issued: number;

  /** Already had their credential (idempotent reruns). */
  @Column('int', { default: 0 })
  skipped: number;

  @Column('int', { default: 0 })
  failed: number;

  @Column('jsonb', { default: () => `'[]'` })
  errors: { enrolmentId: string; reason: string }[];

  /** Each learner skipped and why (already certified for this module), once each. */
  @Column('jsonb', { default: () => `'[]'` })
  skips: { enrolmentId: string; reason: string }[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}
