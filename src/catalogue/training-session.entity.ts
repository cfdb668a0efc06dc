import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Institution } from '../institutions/institution.entity.js';
import { Programme } from './programme.entity.js';
import { TrainingModule } from './training-module.entity.js';

/** A run of a module or a programme: dates, place or online, trainers and capacity. */
@Entity('training_session')
@Index('ix_session_institution_start', ['institutionId', 'startsOn'])
@Check('ck_session_subject', `("moduleId" IS NULL) <> ("programmeId" IS NULL)`)
@Check('ck_session_dates', `"endsOn" >= "startsOn"`)
export class TrainingSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  code: string;

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

  /** The organising school. */
  @Column('uuid')
  institutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institutionId' })
  institution?: Relation<Institution>;

  @Column('date')
  startsOn: string;

  @Column('date')
  endsOn: string;

  /** Room and city for an in-person or hybrid session. */
  @Column('text', { nullable: true })
  place: string | null;

  /** Moodle course or video link for a distance or hybrid session. */
  @Column('text', { nullable: true })
  onlineUrl: string | null;

  @Column('jsonb')
  trainers: string[];

  @Column('int')
  capacity: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
