import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../auth/user.entity.js';
import { TrainingSession } from '../catalogue/training-session.entity.js';
import { decimal } from '../common/decimal.js';
import { Learner } from './learner.entity.js';

export const ENROLMENT_STATUSES = ['enrolled', 'completed', 'failed', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/**
 * Both sides agree to an enrolment: the employer's HR manager `requested` it (the school accepts), or the school
 * `offered` it (the learner, or their employer's HR, accepts). Only an accepted enrolment opens the learner's record
 * to the school, and only until it is withdrawn.
 */
export const ENROLMENT_CONSENTS = ['requested', 'offered', 'accepted'] as const;
export type EnrolmentConsent = (typeof ENROLMENT_CONSENTS)[number];

@Entity('enrolment')
@Index('uq_enrolment', ['sessionId', 'learnerId'], { unique: true })
@Index('ix_enrolment_learner', ['learnerId'])
@Check('ck_enrolment_consent', `"consent" IN ('requested', 'offered', 'accepted')`)
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

  @Column('text', { default: 'offered' })
  consent: EnrolmentConsent;

  @Column('timestamptz', { nullable: true })
  acceptedAt: Date | null;

  @Column('uuid', { nullable: true })
  acceptedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'acceptedById' })
  acceptedBy?: Relation<User>;

  /** Share of the session attended, in percent. */
  @Column('numeric', { precision: 5, scale: 2, nullable: true, transformer: decimal })
  attendanceRate: number | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
