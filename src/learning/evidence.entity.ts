import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../auth/user.entity.js';
import { TrainingModule } from '../catalogue/training-module.entity.js';
import { TrainingSession } from '../catalogue/training-session.entity.js';
import { FrameworkItem } from '../frameworks/framework-item.entity.js';
import { ProficiencyLevel } from '../frameworks/proficiency-scale.entity.js';
import { Assessment } from './assessment.entity.js';
import { Enrolment } from './enrolment.entity.js';
import { Learner } from './learner.entity.js';

export const EVIDENCE_SOURCES = ['module_completion', 'assessment', 'workplace_observation'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

/** A proof that a learner reached a level on a competency; a learner's level is the highest level proved. */
@Entity('evidence')
@Index('ix_evidence_learner_item', ['learnerId', 'itemIdentifier', 'levelRank'])
@Index('uq_evidence_per_enrolment_item', ['enrolmentId', 'itemIdentifier'], { unique: true, where: `"enrolmentId" IS NOT NULL` })
export class Evidence {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  learnerId: string;

  @ManyToOne(() => Learner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'learnerId' })
  learner?: Relation<Learner>;

  @Column('uuid')
  itemId: string;

  @ManyToOne(() => FrameworkItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'itemId' })
  item?: Relation<FrameworkItem>;

  /** Stable across framework versions: levels and gaps are computed on it. */
  @Column('uuid')
  itemIdentifier: string;

  @Column('uuid')
  levelId: string;

  @ManyToOne(() => ProficiencyLevel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'levelId' })
  level?: Relation<ProficiencyLevel>;

  @Column('int')
  levelRank: number;

  @Column('text')
  source: EvidenceSource;

  @Column('uuid', { nullable: true })
  enrolmentId: string | null;

  @ManyToOne(() => Enrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolmentId' })
  enrolment?: Relation<Enrolment>;

  @Column('uuid', { nullable: true })
  assessmentId: string | null;

  @ManyToOne(() => Assessment, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assessmentId' })
  assessment?: Relation<Assessment>;

  @Column('uuid', { nullable: true })
  moduleId: string | null;

  @ManyToOne(() => TrainingModule, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'moduleId' })
  module?: Relation<TrainingModule>;

  /** The session a registrar's observation was made in (a school records evidence only within its training). */
  @Column('uuid', { nullable: true })
  sessionId: string | null;

  @ManyToOne(() => TrainingSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sessionId' })
  session?: Relation<TrainingSession>;

  /** Who recorded it (an assessor for a workplace observation). */
  @Column('uuid', { nullable: true })
  recordedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recordedById' })
  recordedBy?: Relation<User>;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('timestamptz')
  observedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
