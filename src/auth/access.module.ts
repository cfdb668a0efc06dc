// The access policy, available to every service (a global module, as the guard is).
import { Global, Module } from '@nestjs/common';
import { AccessPolicy } from './access-policy.js';
import { AccessRepository } from './access.repository.js';

@Global()
@Module({ providers: [AccessRepository, AccessPolicy], exports: [AccessPolicy] })
export class AccessModule {}
