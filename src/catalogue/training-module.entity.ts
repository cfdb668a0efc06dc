import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToMany,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  JoinTable,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { decimal } from '../common/decimal.js';
import type { LocalizedText } from '../common/localized-text.js';
import { FrameworkItem } from '../frameworks/framework-item.entity.js';
import { ProficiencyLevel } from '../frameworks/proficiency-scale.entity.js';
import { Institution } from '../institutions/institution.entity.js';

export const MODALITIES = ['in_person', 'distance_sync', 'distance_async', 'hybrid'] as const;
export type Modality = (typeof MODALITIES)[number];

/** A continuing-education module (e.g. crisis management), with the competencies it develops. */
@Entity('training_module')
@Index('uq_module_code', ['ownerInstitutionId', 'code'], { unique: true })
export class TrainingModule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  code: string;

  @Column('jsonb')
  title: LocalizedText;

  @Column('jsonb', { nullable: true })
  description: LocalizedText | null;

  /** The institution that manages the module's record. */
  @Column('uuid')
  ownerInstitutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ownerInstitutionId' })
  ownerInstitution?: Relation<Institution>;

  /** Every institution that delivers it (the owner included). */
  @ManyToMany(() => Institution)
  @JoinTable({ name: 'training_module_provider', joinColumn: { name: 'moduleId' }, inverseJoinColumn: { name: 'institutionId' } })
  providers?: Relation<Institution[]>;

  @Column('numeric', { precision: 6, scale: 1, transformer: decimal })
  hours: number;

  @Column('numeric', { precision: 4, scale: 1, nullable: true, transformer: decimal })
  ectsCredits: number | null;

  @Column('text')
  modality: Modality;

  /** Teaching language: fr, ar or en. */
  @Column('text')
  language: string;

  @OneToMany(() => LearningOutcome, (outcome) => outcome.module)
  outcomes?: Relation<LearningOutcome[]>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** What a successful learner can do after the module: a framework item at a proficiency level. */
@Entity('learning_outcome')
@Index('ix_outcome_module', ['moduleId'])
@Index('ix_outcome_item_identifier', ['itemIdentifier', 'levelRank'])
export class LearningOutcome {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  moduleId: string;

  @ManyToOne(() => TrainingModule, (module) => module.outcomes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'moduleId' })
  module?: Relation<TrainingModule>;

  @Column('int')
  position: number;

  @Column('jsonb', { nullable: true })
  description: LocalizedText | null;

  @Column('uuid')
  itemId: string;

  @ManyToOne(() => FrameworkItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'itemId' })
  item?: Relation<FrameworkItem>;

  /** The item's identifier, stable across framework versions: gaps are matched on it. */
  @Column('uuid')
  itemIdentifier: string;

  @Column('uuid')
  levelId: string;

  @ManyToOne(() => ProficiencyLevel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'levelId' })
  level?: Relation<ProficiencyLevel>;

  @Column('int')
  levelRank: number;
}
