import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Institution } from '../../institutions/institution.entity.js';

/**
 * A pair of W3C Bitstring Status Lists (revocation and suspension) of one issuing school, sharing index allocation:
 * a credential gets one index, and one credentialStatus entry naming the revocation list (credentials issued before
 * December 2026 carry a second entry for the suspension list). Published as two signed status list credentials.
 */
@Entity('status_list')
@Index('ix_status_list_institution', ['institutionId'])
export class StatusList {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  institutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institutionId' })
  institution?: Relation<Institution>;

  /** Number of entries (bits) in each list; at least 131,072 for herd privacy. */
  @Column('int')
  size: number;

  /** Indexes handed out so far; the list is full when it reaches the size. */
  @Column('int', { default: 0 })
  allocated: number;

  @Column('bytea', { select: false })
  revocationBits: Buffer;

  @Column('bytea', { select: false })
  suspensionBits: Buffer;

  /** Signed status list credentials, re-signed on every change, served as they are. */
  @Column('jsonb', { nullable: true, select: false })
  revocationCredential: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true, select: false })
  suspensionCredential: Record<string, unknown> | null;

  /** Moves with every change of the signed credentials: what a process that keeps them checks them against. */
  @Column('int', { default: 0 })
  revision: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
