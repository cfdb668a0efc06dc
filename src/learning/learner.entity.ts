import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Institution } from '../institutions/institution.entity.js';
import { JobProfile } from '../profiles/job-profile.entity.js';

/** A member of hospital staff who trains; may have a login (role learner) to see their own record. */
@Entity('learner')
@Index('uq_learner_staff_number', ['employerInstitutionId', 'staffNumber'], { unique: true })
@Index('uq_learner_user', ['userId'], { unique: true })
@Index('ix_learner_employer', ['employerInstitutionId'])
export class Learner {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  givenName: string;

  @Column('text')
  familyName: string;

  /** National staff number, unique within the employer. */
  @Column('text', { nullable: true })
  staffNumber: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('uuid')
  employerInstitutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'employerInstitutionId' })
  employer?: Relation<Institution>;

  @Column('uuid', { nullable: true })
  currentProfileId: string | null;

  @ManyToOne(() => JobProfile, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'currentProfileId' })
  currentProfile?: Relation<JobProfile>;

  @Column('uuid', { nullable: true })
  targetProfileId: string | null;

  @ManyToOne(() => JobProfile, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'targetProfileId' })
  targetProfile?: Relation<JobProfile>;

  /** The login of the learner themself, if they have one. */
  @Column('uuid', { nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'userId' })
  user?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
