// A per-address request budget for public endpoints (verification), so one client cannot monopolise the signature
// checks. In memory, per process: enough for a service behind one or a few processes.
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { tooManyRequests } from './problems.js';

const WINDOW_MS = 60_000;

@Injectable()
export class PublicRateLimit implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const limit = this.config.verifyRateLimit;
    if (limit === 0) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const now = Date.now();
    const key = request.ip;
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size > 10_000) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    if (window.count > limit) {
      const retryAfter = Math.ceil((window.start + WINDOW_MS - now) / 1000);
      throw tooManyRequests(
        'rate_limited',
        `At most ${limit} verifications a minute from one address; try again in ${retryAfter} s.`,
        retryAfter,
      );
    }
    return true;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
