// Who may try a password now. Each attempt is reserved before argon2 runs, so parallel guesses cannot all be checked
// before the first failure counts. Three counters, one window (LOGIN_WINDOW_SECONDS, 15 min by default):
// - address and account (5): the usual guesser, one address at one account;
// - account (20): many addresses at one account. Slower than the first, so that a stranger at one address reaches
//   their own limit long before the account's, and cannot lock an administrator out;
// - address (50): one address at many accounts (password spraying).
// A successful login gives its own attempt back and clears the account's counter only: the failures of its address
// stay counted, so guesses interleaved with someone's successful logins (the victim's, or the guesser's own account)
// remain limited.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { tooManyRequests } from '../common/problems.js';
import { LoginAttemptsRepository } from './login-attempts.repository.js';

export interface LoginAttempt {
  /** The password was right: this attempt is not a failure, and the account starts afresh. */
  succeeded(): Promise<void>;
  /** The password was wrong: the reservation stays as the failure. */
  failed(): Promise<void>;
}

@Injectable()
export class LoginThrottle {
  constructor(
    private readonly attempts: LoginAttemptsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Reserves one attempt at `email` from `address`, or refuses it with 429 and Retry-After. */
  async reserve(email: string, address: string): Promise<LoginAttempt> {
    const { perAddressAndAccount, perAccount, perAddress, windowSeconds } = this.config.login;
    const pair = `address+account:${address} ${email}`;
    const account = `account:${email}`;
    const from = `address:${address}`;
    const reservation = await this.attempts.reserve(
      [
        { key: pair, limit: perAddressAndAccount },
        { key: account, limit: perAccount },
        { key: from, limit: perAddress },
      ],
      windowSeconds,
    );
    if (!reservation.reserved) {
      const wait = reservation.retryAfter;
      throw tooManyRequests('too_many_failed_logins', `Too many failed logins; try again in ${wait} s.`, wait);
    }
    return {
      succeeded: async () => {
        await this.attempts.release([pair, from]);
        await this.attempts.forget([account]);
      },
      failed: () => this.attempts.prune(windowSeconds),
    };
  }
}
