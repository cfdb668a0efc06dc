// The current time and fresh ids, as side effects behind two small injected classes: a test replaces them
// (common/testing/fixed-clock.ts) to say "three months later" without sleeping. Provided once, by ClockModule.
import { type DynamicModule, Global, Injectable, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/** "Now" for services and jobs. Pure rules take the time as a parameter instead (common/lifecycle.ts, session-rules.ts). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** Ids of new rows and documents. Not for secrets: keys, salts, nonces and tokens keep node:crypto's randomness. */
@Injectable()
export class IdSource {
  uuid(): string {
    return randomUUID();
  }
}

@Global()
@Module({})
export class ClockModule {
  /** The system clock and ids unless a test hands its own (test/support/test-app.ts). */
  static with({ clock = new Clock(), ids = new IdSource() }: { clock?: Clock; ids?: IdSource } = {}): DynamicModule {
    return {
      module: ClockModule,
      providers: [
        { provide: Clock, useValue: clock },
        { provide: IdSource, useValue: ids },
      ],
      exports: [Clock, IdSource],
    };
  }
}
