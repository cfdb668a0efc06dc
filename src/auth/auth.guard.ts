// Global guard: reads the bearer token when there is one and enforces the route's @Allow rule.
import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { forbidden } from '../common/problems.js';
import { Actor, ALLOW_KEY, Audience, ROLES, Role } from './roles.js';

interface TokenClaims {
  sub: string;
  role: Role;
  inst: string | null;
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const audiences = this.reflector.getAllAndOverride<Audience[] | undefined>(ALLOW_KEY, [context.getHandler(), context.getClass()]);
    // A route nobody gave a rule to is closed: forgetting @Allow must never open it.
    if (!audiences) throw forbidden('route_without_role_rule', 'This route declares no role rule.');

    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const token = bearerToken(request);
    if (token) request.actor = await this.verify(token);

    if (audiences.includes('public')) return true;
    if (!request.actor) throw new UnauthorizedException({ code: 'unauthenticated', detail: 'A bearer token is required.' });
    if (!audiences.includes(request.actor.role)) {
      throw forbidden('role_not_allowed', `This route is for ${audiences.join(', ')}; you are ${request.actor.role}.`);
    }
    return true;
  }

  private async verify(token: string): Promise<Actor> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
      if (!ROLES.includes(claims.role)) throw new Error('unknown role');
      return { userId: claims.sub, role: claims.role, institutionId: claims.inst ?? null };
    } catch {
      throw new UnauthorizedException({ code: 'invalid_token', detail: 'The bearer token is invalid or expired.' });
    }
  }
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token)
    throw new UnauthorizedException({ code: 'invalid_token', detail: 'Use Authorization: Bearer <token>.' });
  return token;
}

export function tokenClaims(actor: Actor): TokenClaims {
  return { sub: actor.userId, role: actor.role, inst: actor.institutionId };
}
