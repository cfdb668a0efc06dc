// Reading credentials: a learner's own (released ones only), a school's, and those awaiting a school's signature.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/roles.js';
import { forbidden, notFound } from '../common/problems.js';
import { LearnerAccess } from '../learning/learner-access.js';
import type { Credential } from './credential.entity.js';
import { CredentialsRepository } from './credentials.repository.js';
import type { CredentialDto } from './dto/credential.dto.js';
import { IssuanceService } from './issuance.service.js';

const RELEASED = ['issued', 'revoked', 'suspended'] as const;

@Injectable()
export class CredentialRecordsService {
  constructor(private readonly credentials: CredentialsRepository, private readonly issuance: IssuanceService, private readonly learners: LearnerAccess) {}

  async get(id: string, actor: Actor): Promise<CredentialDto> {
    const credential = await this.credentials.findCredential(id);
    if (!credential || !(await this.mayRead(credential, actor))) throw notFound('Credential', id);
    return this.issuance.toDto(credential);
  }

  /** The signed JSON alone, as the learner keeps it in a wallet or sends it to an employer. */
  async document(id: string, actor: Actor): Promise<Record<string, unknown>> {
    return (await this.get(id, actor)).verifiableCredential;
  }

  async listForLearner(learnerId: string, actor: Actor): Promise<CredentialDto[]> {
    await this.learners.readable(learnerId, actor);
    // A co-accredited diploma reaches the learner only once every school has signed.
    const states = actor.role === 'learner' ? [...RELEASED] : [...RELEASED, 'awaiting_signatures' as const];
    return Promise.all((await this.credentials.listForLearner(learnerId, states)).map((credential) => this.issuance.toDto(credential)));
  }

  async awaitingSignature(institutionId: string, actor: Actor): Promise<CredentialDto[]> {
    if (actor.role !== 'admin' && actor.institutionId !== institutionId) throw forbidden('other_institution', 'A registrar sees their own school’s signature queue only.');
    return Promise.all((await this.credentials.listAwaitingSignature(institutionId)).map((credential) => this.issuance.toDto(credential)));
  }

  private async mayRead(credential: Credential, actor: Actor): Promise<boolean> {
    if (actor.role === 'admin') return true;
    if (actor.role === 'registrar') return !!actor.institutionId && credential.signerInstitutionIds.includes(actor.institutionId);
    if (!credential.learnerId) return false;
    if (actor.role === 'learner' && credential.state === 'awaiting_signatures') return false;
    try {
      await this.learners.readable(credential.learnerId, actor);
      return true;
    } catch {
      return false;
    }
  }
}
