import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Programme } from '../catalogue/programme.entity.js';
import { TrainingModule } from '../catalogue/training-module.entity.js';
import { Institution } from '../institutions/institution.entity.js';
import { Enrolment } from '../learning/enrolment.entity.js';
import { Learner } from '../learning/learner.entity.js';
import { StatusList } from './status/status-list.entity.js';

export const CREDENTIAL_KINDS = ['certificate', 'diploma', 'transcript', 'external'] as const;
/** certificate: a module; diploma: a programme (co-accredited when several schools award it); transcript: a CLR;
 * external: issued through the VC-API from a credential the caller built. */
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const CREDENTIAL_STATES = ['awaiting_signatures', 'issued', 'revoked', 'suspended'] as const;
export type CredentialState = (typeof CREDENTIAL_STATES)[number];

/** An issued (or being co-signed) verifiable credential; its status-list index is allocated once and never reused. */
@Entity('credential')
@Index('uq_credential_status_index', ['statusListId', 'statusListIndex'], { unique: true })
@Index('uq_certificate_per_enrolment', ['enrolmentId'], { unique: true, where: `"kind" = 'certificate'` })
@Index('uq_certificate_per_learner_module', ['learnerId', 'moduleId'], {
  unique: true,
  where: `"kind" = 'certificate' AND "state" <> 'revoked' AND "duplicateOfId" IS NULL`,
})
@Index('uq_diploma_per_learner', ['learnerId', 'programmeId'], { unique: true, where: `"kind" = 'diploma'` })
@Index('ix_credential_learner', ['learnerId'])
@Index('ix_credential_batch', ['batchId'])
@Index('uq_credential_vc_api_id', ['issuerInstitutionId', 'vcApiCredentialId'], { unique: true, where: `"vcApiCredentialId" IS NOT NULL` })
export class Credential {
  /** Also the credential's id: `urn:uuid:{id}`. */
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: CredentialKind;

  @Column('text')
  state: CredentialState;

  /** The signed credential as issued (with every proof collected so far). */
  @Column('jsonb')
  document: Record<string, unknown>;

  /** The lead school: the credential's `issuer`. */
  @Column('uuid')
  issuerInstitutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuerInstitutionId' })
  issuerInstitution?: Relation<Institution>;

  /** Every school that must sign (the lead first); more than one for a co-accredited diploma. */
  @Column('uuid', { array: true })
  signerInstitutionIds: string[];

  @Column('uuid', { nullable: true })
  learnerId: string | null;

  @ManyToOne(() => Learner, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'learnerId' })
  learner?: Relation<Learner>;

  @Column('uuid', { nullable: true })
  enrolmentId: string | null;

  @ManyToOne(() => Enrolment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolmentId' })
  enrolment?: Relation<Enrolment>;

  @Column('uuid', { nullable: true })
  moduleId: string | null;

  @ManyToOne(() => TrainingModule, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'moduleId' })
  module?: Relation<TrainingModule>;

  @Column('uuid', { nullable: true })
  programmeId: string | null;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programmeId' })
  programme?: Relation<Programme>;

  @Column('uuid')
  statusListId: string;

  @ManyToOne(() => StatusList, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'statusListId' })
  statusList?: Relation<StatusList>;

  @Column('int')
  statusListIndex: number;

  @Column('text', { nullable: true })
  statusReason: string | null;

  /** When `state` last changed: prepared or issued, then each revocation, suspension or lifting (the audit log has who). */
  @Column('timestamptz', { default: () => 'now()' })
  statusChangedAt: Date;

  @Column('uuid', { nullable: true })
  batchId: string | null;

  /** VC-API issuance: the caller's options.credentialId, its handle for status updates (never the signed `id`). */
  @Column('text', { nullable: true })
  vcApiCredentialId: string | null;

  /** Set on certificates issued before the one-per-module rule that duplicate an earlier active one: to be revoked. */
  @Column('uuid', { nullable: true })
  duplicateOfId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** When the last required proof was added and the credential released to the learner. */
  @Column('timestamptz', { nullable: true })
  issuedAt: Date | null;
}

/** One school's proof on a credential: who signed, with which key, when. */
@Entity('credential_signature')
@Index('uq_credential_signature', ['credentialId', 'institutionId'], { unique: true })
export class CredentialSignature {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  credentialId: string;

  @ManyToOne(() => Credential, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'credentialId' })
  credential?: Relation<Credential>;

  @Column('uuid')
  institutionId: string;

  @Column('text')
  verificationMethod: string;

  /** The registrar who approved and signed; null for a bulk job. */
  @Column('uuid', { nullable: true })
  signedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  signedAt: Date;
}
