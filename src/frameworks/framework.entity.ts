import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import type { Status } from '../common/lifecycle.js';
import type { LocalizedText } from '../common/localized-text.js';
import { Institution } from '../institutions/institution.entity.js';
import { ProficiencyScale } from './proficiency-scale.entity.js';

/** One version of a competency framework (référentiel); versions share `identifier` and `uri`. */
@Entity('framework')
@Index('uq_framework_version', ['identifier', 'version'], { unique: true })
@Index('uq_framework_one_draft', ['identifier'], { unique: true, where: `"status" = 'draft'` })
export class Framework {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable across versions (a CASE identifier). */
  @Column('uuid')
  identifier: string;

  @Column('text')
  uri: string;

  @Column('text')
  version: string;

  @Column('text', { default: 'draft' })
  status: Status;

  @Column('jsonb')
  title: LocalizedText;

  @Column('jsonb', { nullable: true })
  description: LocalizedText | null;

  @Column('uuid')
  ownerInstitutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ownerInstitutionId' })
  ownerInstitution?: Relation<Institution>;

  /** The version this one was copied from. */
  @Column('uuid', { nullable: true })
  previousVersionId: string | null;

  @ManyToOne(() => Framework, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'previousVersionId' })
  previousVersion?: Relation<Framework>;

  @OneToMany(() => ProficiencyScale, (scale) => scale.framework)
  scales?: Relation<ProficiencyScale[]>;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  retiredAt: Date | null;

  /** Fields of an exchange standard (CASE, Moodle, ESCO) that have no column, kept so exports lose nothing. */
  @Column('jsonb', { nullable: true })
  extras: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
