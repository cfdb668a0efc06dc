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
import { decimal } from '../common/decimal.js';
import type { LocalizedText } from '../common/localized-text.js';
import { Institution } from '../institutions/institution.entity.js';
import { TrainingModule } from './training-module.entity.js';

export const PROGRAMME_KINDS = ['certificate', 'diploma'] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

/** A parcours or diploma: modules in order, required or elective, awarded by one or several schools. */
@Entity('programme')
@Index('uq_programme_code', ['ownerInstitutionId', 'code'], { unique: true })
export class Programme {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  code: string;

  @Column('text')
  kind: ProgrammeKind;

  @Column('jsonb')
  title: LocalizedText;

  @Column('jsonb', { nullable: true })
  description: LocalizedText | null;

  /** The lead school, which manages the record. */
  @Column('uuid')
  ownerInstitutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ownerInstitutionId' })
  ownerInstitution?: Relation<Institution>;

  /** Completion rule: minimum average of module scores, as a percentage; null = no minimum. */
  @Column('numeric', { precision: 5, scale: 2, nullable: true, transformer: decimal })
  minimumAverage: number | null;

  /** Completion rule: an internship report must be validated. */
  @Column('boolean', { default: false })
  internshipRequired: boolean;

  @OneToMany(() => ProgrammeModule, (entry) => entry.programme)
  modules?: Relation<ProgrammeModule[]>;

  @OneToMany(() => ProgrammeAward, (award) => award.programme)
  awards?: Relation<ProgrammeAward[]>;

  @OneToMany(() => ElectiveGroup, (group) => group.programme)
  electiveGroups?: Relation<ElectiveGroup[]>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** An awarding school; a co-accredited diploma has several, the lead first. */
@Entity('programme_award')
@Index('uq_programme_award', ['programmeId', 'institutionId'], { unique: true })
export class ProgrammeAward {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => Programme, (programme) => programme.awards, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programmeId' })
  programme?: Relation<Programme>;

  @Column('uuid')
  institutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institutionId' })
  institution?: Relation<Institution>;

  @Column('int')
  position: number;
}

/** "n of these modules": electives that share a group count together. */
@Entity('elective_group')
@Index('uq_elective_group', ['programmeId', 'code'], { unique: true })
export class ElectiveGroup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => Programme, (programme) => programme.electiveGroups, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programmeId' })
  programme?: Relation<Programme>;

  @Column('text')
  code: string;

  @Column('int')
  minimumModules: number;
}

@Entity('programme_module')
@Index('uq_programme_module', ['programmeId', 'moduleId'], { unique: true })
export class ProgrammeModule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => Programme, (programme) => programme.modules, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programmeId' })
  programme?: Relation<Programme>;

  @Column('uuid')
  moduleId: string;

  @ManyToOne(() => TrainingModule, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'moduleId' })
  module?: Relation<TrainingModule>;

  @Column('int')
  position: number;

  /** Null for a required module; otherwise the elective group it counts in. */
  @Column('uuid', { nullable: true })
  electiveGroupId: string | null;

  @ManyToOne(() => ElectiveGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'electiveGroupId' })
  electiveGroup?: Relation<ElectiveGroup>;

  /** Modules of the programme to pass first (ids of training modules); cycles are refused. */
  @Column('uuid', { array: true })
  prerequisiteModuleIds: string[];
}
