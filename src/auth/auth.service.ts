import { Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import argon2 from 'argon2';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { conflict, invalid, notFound } from '../common/problems.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { tokenClaims } from './auth.guard.js';
import type { CreateUserDto, TokenDto, UserDto } from './dto/auth.dto.js';
import { LoginThrottle } from './login-throttle.js';
import type { Actor, Role } from './roles.js';
import type { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

// Verifying against a real hash when the account is unknown keeps response times alike (no account probing).
const DECOY_HASH = argon2.hash('decoy-password-for-unknown-accounts');

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly users: UsersRepository,
    private readonly throttle: LoginThrottle,
    private readonly institutions: InstitutionsRepository,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, clientIp: string): Promise<TokenDto> {
    const attempt = await this.throttle.reserve(email.toLowerCase(), clientIp);
    const user = await this.users.findCredentialsByEmail(email.toLowerCase());
    const valid = user ? await argon2.verify(user.passwordHash, password) : (await argon2.verify(await DECOY_HASH, password), false);
    if (!user || !valid) {
      await attempt.failed();
      this.logger.warn(`Failed login from ${clientIp}`);
      throw new UnauthorizedException({ code: 'invalid_credentials', detail: 'Wrong email or password.' });
    }
    await attempt.succeeded();
    const actor: Actor = { userId: user.id, role: user.role, institutionId: user.institutionId };
    return { accessToken: await this.jwt.signAsync(tokenClaims(actor)), tokenType: 'Bearer', expiresIn: this.config.jwt.ttlSeconds };
  }

  async me(actor: Actor): Promise<UserDto> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw notFound('User', actor.userId);
    return toUserDto(user);
  }

  async listUsers(): Promise<UserDto[]> {
    return (await this.users.findAll()).map(toUserDto);
  }

  async createUser(dto: CreateUserDto): Promise<UserDto> {
    const email = dto.email.toLowerCase();
    if (needsInstitution(dto.role) && !dto.institutionId) {
      throw invalid([{ field: 'institutionId', reason: `required for role ${dto.role}` }]);
    }
    if (dto.institutionId && !(await this.institutions.findById(dto.institutionId))) {
      throw invalid([{ field: 'institutionId', reason: 'no such institution' }]);
    }
    if (await this.users.findByEmail(email)) {
      throw conflict('duplicate_email', `A user with email ${email} already exists.`, [{ field: 'email', reason: 'already registered' }]);
    }
    const user = await this.users.save({
      email,
      passwordHash: await argon2.hash(dto.password),
      displayName: dto.displayName,
      role: dto.role,
      institutionId: dto.institutionId ?? null,
    });
    return toUserDto(user);
  }

  /** The first administrator, from ADMIN_EMAIL / ADMIN_PASSWORD, created once. */
  async ensureFirstAdmin(): Promise<void> {
    const { email, password } = this.config.admin;
    if (await this.users.findByEmail(email)) return;
    await this.users.save({
      email,
      passwordHash: await argon2.hash(password),
      displayName: 'Administrator',
      role: 'admin',
      institutionId: null,
    });
    this.logger.log(`Created the first administrator ${email}`);
  }
}

const needsInstitution = (role: Role): boolean => role === 'hr_manager' || role === 'registrar';

const toUserDto = (user: User): UserDto => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  role: user.role,
  institutionId: user.institutionId,
});
