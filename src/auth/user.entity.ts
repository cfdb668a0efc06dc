import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Institution } from '../institutions/institution.entity.js';
import type { Role } from './roles.js';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_app_user_email', { unique: true })
  @Column('text')
  email: string;

  @Column('text', { select: false })
  passwordHash: string;

  @Column('text')
  displayName: string;

  @Column('text')
  role: Role;

  @Column('uuid', { nullable: true })
  institutionId: string | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institutionId' })
  institution?: Relation<Institution>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
