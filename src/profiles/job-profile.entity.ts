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
import { FrameworkItem } from '../frameworks/framework-item.entity.js';
import { ProficiencyLevel } from '../frameworks/proficiency-scale.entity.js';
import { Institution } from '../institutions/institution.entity.js';

/** One version of a job profile (fiche métier); versions share `identifier` and `code`. */
@Entity('job_profile')
@Index('uq_job_profile_version', ['identifier', 'version'], { unique: true })
@Index('uq_job_profile_one_draft', ['identifier'], { unique: true, where: `"status" = 'draft'` })
@Index('ix_job_profile_code', ['ownerInstitutionId', 'code'])
export class JobProfile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  identifier: string;

  @Column('text')
  version: string;

  @Column('text', { default: 'draft' })
  status: Status;

  @Column('text')
  code: string;

  @Column('jsonb', { nullable: true })
  family: LocalizedText | null;

  @Column('jsonb', { nullable: true })
  subFamily: LocalizedText | null;

  @Column('jsonb')
  title: LocalizedText;

  @Column('jsonb', { nullable: true })
  definition: LocalizedText | null;

  @Column('jsonb')
  activities: LocalizedText[];

  /** ISCO-08 unit group, e.g. "1342". */
  @Column('text', { nullable: true })
  iscoCode: string | null;

  @Column('text', { nullable: true })
  escoUri: string | null;

  @Column('uuid')
  ownerInstitutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ownerInstitutionId' })
  ownerInstitution?: Relation<Institution>;

  /** Code, titles and families folded for search (see foldForSearch); indexed with pg_trgm. */
  @Index('ix_job_profile_search', { synchronize: false }) // GIN gin_trgm_ops, created by the migration
  @Column('text', { select: false })
  searchText: string;

  @Column('uuid', { nullable: true })
  previousVersionId: string | null;

  @ManyToOne(() => JobProfile, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'previousVersionId' })
  previousVersion?: Relation<JobProfile>;

  @OneToMany(() => ProfileRequirement, (requirement) => requirement.profile)
  requirements?: Relation<ProfileRequirement[]>;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A competency the job requires, at a proficiency level, essential or optional. */
@Entity('profile_requirement')
@Index('uq_requirement_item', ['profileId', 'itemId'], { unique: true })
@Index('ix_requirement_item', ['itemId'])
export class ProfileRequirement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  profileId: string;

  @ManyToOne(() => JobProfile, (profile) => profile.requirements, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'profileId' })
  profile?: Relation<JobProfile>;

  @Column('uuid')
  itemId: string;

  @ManyToOne(() => FrameworkItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'itemId' })
  item?: Relation<FrameworkItem>;

  @Column('uuid')
  levelId: string;

  @ManyToOne(() => ProficiencyLevel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'levelId' })
  level?: Relation<ProficiencyLevel>;

  @Column('boolean', { default: true })
  essential: boolean;

  @Column('int', { default: 0 })
  position: number;
}
