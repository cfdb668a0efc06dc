import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { TrainingSession } from '../catalogue/training-session.entity.js';
import { decimal } from '../common/decimal.js';
import { Learner } from './learner.entity.js';

export const ENROLMENT_STATUSES = ['enrolled', 'completed', 'failed', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

@Entity('enrolment')
@Index('uq_enrolment', ['sessionId', 'learnerId'], { unique: true })
@Index('ix_enrolment_learner', ['learnerId'])
@Check('ck_enrolment_attendance', `"attendanceRate" IS NULL OR ("attendanceRate" >= 0 AND "attendanceRate" <= 100)`)
export class Enrolment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  sessionId: string;

  @ManyToOne(() => TrainingSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sessionId' })
  session?: Relation<TrainingSession>;

  @Column('uuid')
  learnerId: string;

  @ManyToOne(() => Learner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'learnerId' })
  learner?: Relation<Learner>;

  @Column('text', { default: 'enrolled' })
  status: EnrolmentStatus;

  /** Share of the session attended, in percent. */
  @Column('numeric', { precision: 5, scale: 2, nullable: true, transformer: decimal })
  attendanceRate: number | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
