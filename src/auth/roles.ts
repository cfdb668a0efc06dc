// Who may call a route: every route declares its rule with @Allow, and the guard refuses routes without one.
import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

export const ROLES = ['admin', 'hr_manager', 'registrar', 'learner'] as const;
export type Role = (typeof ROLES)[number];
/** `public` means anyone, signed in or not. */
export type Audience = Role | 'public';

export const ALLOW_KEY = 'allow';

/** The signed-in caller, as the bearer token states it. */
export interface Actor {
  userId: string;
  role: Role;
  institutionId: string | null;
}

export function Allow(...audiences: Audience[]): MethodDecorator & ClassDecorator {
  if (!audiences.length) throw new Error('@Allow needs at least one role');
  const decorators: (ClassDecorator | MethodDecorator)[] = [SetMetadata(ALLOW_KEY, audiences)];
  if (!audiences.includes('public')) {
    decorators.push(
      ApiBearerAuth(),
      ApiUnauthorizedResponse({ description: 'No or invalid bearer token' }),
      ApiForbiddenResponse({ description: `Allowed roles: ${audiences.join(', ')}` }),
    );
  }
  return applyDecorators(...decorators);
}

/** The caller, or undefined on a public route called anonymously. */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor | undefined => context.switchToHttp().getRequest().actor,
);
