import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_ACTIONS = [
  'credential.prepared',
  'credential.signed',
  'credential.issued',
  'credential.revoked',
  'credential.suspended',
  'credential.unsuspended',
  'issuer_key.created',
  'issuer_key.rotated',
  'batch.started',
  'batch.completed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Append-only (a database trigger refuses UPDATE and DELETE): who did what to which credential or key, when, why. */
@Entity('audit_event')
@Index('ix_audit_credential', ['credentialId', 'at'])
@Index('ix_audit_institution', ['institutionId', 'at'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column('text')
  action: AuditAction;

  /** The user who acted; null for the system (a bulk job, key creation on first use). */
  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Column('uuid', { nullable: true })
  institutionId: string | null;

  @Column('uuid', { nullable: true })
  credentialId: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('jsonb', { nullable: true })
  details: Record<string, unknown> | null;
}
