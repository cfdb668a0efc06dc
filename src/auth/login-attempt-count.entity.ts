import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Login attempts counted for one key (an address, an account, or both) in its current window. */
@Entity('login_attempt_count')
@Index('ix_login_attempt_count_window', ['windowStart'])
export class LoginAttemptCount {
  /** SHA-256 (hex) of what is counted (`account:…`, `address:…`, `address+account:…`): no address or email stored as such. */
  @PrimaryColumn('character', { length: 64, primaryKeyConstraintName: 'PK_login_attempt_count' })
  key: string;

  /** Attempts reserved in the window: failures, and attempts whose password is being checked. */
  @Column('integer')
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  windowStart: Date;
}
