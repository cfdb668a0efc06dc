import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One failed login, kept for the throttling window only. */
@Entity('login_failure')
@Index('ix_login_failure_key', ['key', 'failedAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_login_failure' })
  id: string;

  /** SHA-256 (hex) of what failed: `email:…` or `ip:…`; neither the address nor the account is stored as such. */
  @Column('character', { length: 64 })
  key: string;

  @CreateDateColumn({ type: 'timestamptz' })
  failedAt: Date;
}
