// Reading credentials: a learner's own (released ones only), a school's, and those awaiting a school's signature.
// One rule (Permission.CredentialRead) for a single credential and for a learner's list.
import { Injectable } from '@nestjs/common';
import { AccessPolicy, Permission, requireOnInstitutions } from '../auth/access-policy.js';
import type { Actor } from '../auth/roles.js';
import { notFound } from '../common/problems.js';
import { CredentialsRepository } from './credentials.repository.js';
import type { CredentialDto } from './dto/credential.dto.js';
import { IssuanceService } from './issuance.service.js';

@Injectable()
export class CredentialRecordsService {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly issuance: IssuanceService,
    private readonly access: AccessPolicy,
  ) {}

  async get(id: string, actor: Actor): Promise<CredentialDto> {
    const credential = await this.credentials.findCredential(id);
    if (!credential) throw notFound('Credential', id);
    await this.access.require({ actor, permission: Permission.CredentialRead, ids: [id] });
    return this.issuance.toDto(credential);
  }

  /** The signed JSON alone, as the learner keeps it in a wallet or sends it to an employer. */
  async document(id: string, actor: Actor): Promise<Record<string, unknown>> {
    return (await this.get(id, actor)).verifiableCredential;
  }

  /** The learner's credentials the caller could read one by one, and no other. */
  async listForLearner(learnerId: string, actor: Actor): Promise<CredentialDto[]> {
    await this.access.require({ actor, permission: Permission.LearnerRead, ids: [learnerId] });
    const all = await this.credentials.listForLearner(learnerId, ['issued', 'revoked', 'suspended', 'awaiting_signatures']);
    const readable = await this.access.check({ actor, permission: Permission.CredentialRead, ids: all.map((credential) => credential.id) });
    return Promise.all(all.filter((credential) => readable.has(credential.id)).map((credential) => this.issuance.toDto(credential)));
  }

  async awaitingSignature(institutionId: string, actor: Actor): Promise<CredentialDto[]> {
    requireOnInstitutions(actor, Permission.SignatureQueueRead, [institutionId]);
    return Promise.all((await this.credentials.listAwaitingSignature(institutionId)).map((credential) => this.issuance.toDto(credential)));
  }
}
