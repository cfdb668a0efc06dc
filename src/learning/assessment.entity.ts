import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { decimal } from '../common/decimal.js';
import { Enrolment } from './enrolment.entity.js';

export const ASSESSMENT_KINDS = ['pre_questionnaire', 'post_questionnaire', 'evaluation_grid', 'internship_report', 'final_exam'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];
/** Kinds whose pass completes the module; questionnaires only measure progress. */
export const CERTIFYING_KINDS: AssessmentKind[] = ['evaluation_grid', 'final_exam'];

@Entity('assessment')
@Index('ix_assessment_enrolment', ['enrolmentId'])
@Check('ck_assessment_score', `"score" >= 0 AND "score" <= "maxScore" AND "passMark" >= 0 AND "passMark" <= "maxScore"`)
export class Assessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  enrolmentId: string;

  @ManyToOne(() => Enrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolmentId' })
  enrolment?: Relation<Enrolment>;

  @Column('text')
  kind: AssessmentKind;

  @Column('numeric', { precision: 7, scale: 2, transformer: decimal })
  score: number;

  @Column('numeric', { precision: 7, scale: 2, transformer: decimal })
  maxScore: number;

  @Column('numeric', { precision: 7, scale: 2, transformer: decimal })
  passMark: number;

  @Column('boolean')
  passed: boolean;

  @Column('timestamptz')
  assessedAt: Date;

  /** Supervisor's or examiner's remark (internship report, evaluation grid). */
  @Column('text', { nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
