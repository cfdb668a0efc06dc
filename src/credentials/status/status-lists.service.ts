// Bitstring Status Lists of our schools: index allocation for new credentials, revocation and suspension, and the
// signed status list credentials verifiers download.
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Permission, requireOnInstitutions } from '../../auth/access-policy.js';
import type { Actor } from '../../auth/roles.js';
import { Clock } from '../../common/clock.js';
import { conflict, invalid, notFound } from '../../common/problems.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { IssuerIdentityService } from '../issuers/issuer-identity.service.js';
import { IssuerSigner } from '../issuers/issuer-signer.js';
import { AuditLog } from '../audit/audit-log.service.js';
import type { CredentialState } from '../credential.entity.js';
import {
  buildStatusEntry,
  buildStatusListCredential,
  encodeStatusList,
  MIN_STATUS_LIST_LENGTH,
  pickRandomFreeIndex,
  setStatus,
  StatusListError,
  type StatusPurpose,
} from '../vc/status-list.js';
import { StatusListsRepository } from './status-lists.repository.js';

export interface AllocatedStatus {
  statusListId: string;
  statusListIndex: number;
  /**
   * One BitstringStatusListEntry, for revocation: the OB 3.0 and CLR 2.0 schemas allow a single credentialStatus
   * object. The suspension list is published beside it at the same index, and our verifier checks it too.
   */
  credentialStatus: Record<string, unknown>;
}

export type StatusChange = 'revoke' | 'suspend' | 'unsuspend';

export const STATUS_PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];

/** Rounds of random candidates checked against the database; past them (a crowded list) the used indexes are read at once. */
const SINGLE_PROBES = 8;
const MAX_REASON_LENGTH = 1000;

const OUTCOME: Record<
  StatusChange,
  {
    purpose: StatusPurpose;
    set: boolean;
    state: CredentialState;
    action: 'credential.revoked' | 'credential.suspended' | 'credential.unsuspended';
  }
> = {
  revoke: { purpose: 'revocation', set: true, state: 'revoked', action: 'credential.revoked' },
  suspend: { purpose: 'suspension', set: true, state: 'suspended', action: 'credential.suspended' },
  unsuspend: { purpose: 'suspension', set: false, state: 'issued', action: 'credential.unsuspended' },
};

@Injectable()
export class StatusListsService {
  /**
   * Indexes handed out in a still-open transaction whose credential rows may not be written yet: the database cannot
   * see them, so a second allocation in the same transaction must not pick them again. Keyed by the transaction's
   * manager, so the memory goes with the transaction.
   */
  private readonly pendingPicks = new WeakMap<EntityManager, Map<string, Set<number>>>();

  constructor(
    private readonly lists: StatusListsRepository,
    private readonly identity: IssuerIdentityService,
    private readonly signer: IssuerSigner,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async allocate(institutionId: string, manager: EntityManager): Promise<AllocatedStatus> {
    return (await this.allocateMany(institutionId, 1, manager))[0];
  }

  /**
   * `count` indexes for credentials issued together in this transaction (a bulk chunk), with the same random picks
   * as one at a time: the candidates of a round are checked in one query and each list's counter moves once.
   */
  async allocateMany(institutionId: string, count: number, manager: EntityManager): Promise<AllocatedStatus[]> {
    // The row locks below, and the memory of this transaction's picks, only mean something inside a transaction.
    if (!manager.queryRunner?.isTransactionActive) throw new Error('StatusListsService.allocate must run inside the issuing transaction.');
    if (!(await this.lists.lockInstitution(institutionId, manager))) throw notFound('Institution', institutionId);
    const did = await this.identity.issuerDid(institutionId, manager);
    const allocated: AllocatedStatus[] = [];
    while (allocated.length < count) {
      const list =
        (await this.lists.findOpen(institutionId, did, this.listsUrl(), manager)) ?? (await this.openList(institutionId, manager));
      // No more than its counter says is left in this list: the rest goes to the next one.
      const wanted = Math.min(count - allocated.length, list.size - list.allocated);
      const indexes = await this.pickFree(list, wanted, manager);
      if (indexes.length) await this.lists.countAllocated(list.id, manager, indexes.length);
      // Fewer than wanted: every index is taken although the counter said otherwise; close the list.
      if (indexes.length < wanted) await this.lists.markFull(list.id, manager);
      for (const statusListIndex of indexes) {
        allocated.push({
          statusListId: list.id,
          statusListIndex,
          credentialStatus: buildStatusEntry({
            statusListCredential: this.listUrl(list.id, 'revocation'),
            statusListIndex,
            statusPurpose: 'revocation',
          }),
        });
      }
    }
    return allocated;
  }

  /** `wanted` random free indexes of a list, remembered as this transaction's picks; fewer only when the list is full. */
  private async pickFree(list: { id: string; size: number }, wanted: number, manager: EntityManager): Promise<number[]> {
    const picked = this.picksOf(manager, list.id);
    const chosen: number[] = [];
    const take = (index: number): void => {
      chosen.push(index);
      picked.add(index);
    };
    for (let round = 0; round < SINGLE_PROBES && chosen.length < wanted; round++) {
      const candidates = new Set<number>();
      for (let draws = 0; candidates.size < wanted - chosen.length && draws < 4 * wanted; draws++) {
        const candidate = randomInt(list.size);
        if (!picked.has(candidate)) candidates.add(candidate);
      }
      if (candidates.size === 0) continue;
      const taken = await this.lists.takenIndexes(list.id, [...candidates], manager);
      for (const candidate of candidates) if (!taken.has(candidate)) take(candidate);
    }
    if (chosen.length < wanted) {
      const used = await this.lists.usedIndexes(list.id, manager);
      try {
        while (chosen.length < wanted)
          take(await pickRandomFreeIndex({ length: list.size, isUsed: (index) => picked.has(index) || used.has(index) }));
      } catch (error) {
        if (!(error instanceof StatusListError && error.code === 'LIST_FULL')) throw error;
      }
    }
    return chosen;
  }

  async changeStatus(
    credentialId: string,
    change: StatusChange,
    reason: string | undefined,
    actor: Actor,
  ): Promise<{ credentialId: string; state: string; statusReason: string | null }> {
    const outcome = OUTCOME[change];
    if (!outcome) throw invalid([{ field: 'change', reason: 'must be revoke, suspend or unsuspend' }]);
    const why = reason?.trim() || null;
    if (change !== 'unsuspend' && !why) throw invalid([{ field: 'reason', reason: `a reason is required to ${change} a credential` }]);
    if (why && why.length > MAX_REASON_LENGTH)
      throw invalid([{ field: 'reason', reason: `must be at most ${MAX_REASON_LENGTH} characters` }]);
    if (!isUUID(credentialId)) throw notFound('Credential', credentialId);

    return this.lists.transaction(async (manager) => {
      const credential = await this.lists.lockCredential(credentialId, manager);
      if (!credential) throw notFound('Credential', credentialId);
      requireOnInstitutions(actor, Permission.CredentialStatusChange, [credential.issuerInstitutionId]);
      assertChangeAllowed(credential.state, change);
      const list = (await this.lists.findList(credential.statusListId, manager))!;
      // The key first: creating one locks the institution, and allocate() takes that lock before the list's.
      await this.identity.issuerDid(list.institutionId, manager);
      const current = (await this.lists.findBits(list.id, outcome.purpose, manager, true))!;
      const updated = setStatus({ length: current.size, bytes: current.bits }, credential.statusListIndex, outcome.set);
      const bits = Buffer.from(updated.bytes);
      await this.lists.saveList(
        current.id,
        outcome.purpose,
        { bits, signed: await this.sign(list, this.publishedUrl(list, outcome.purpose), outcome.purpose, bits, current.size, manager) },
        manager,
      );
      const statusReason = change === 'unsuspend' ? null : why;
      await this.lists.saveCredentialStatus(credentialId, outcome.state, statusReason, manager);
      await this.audit.record(manager, {
        action: outcome.action,
        actorId: actor.userId,
        institutionId: credential.issuerInstitutionId,
        credentialId,
        reason: why,
        details: {
          statusListId: current.id,
          statusListIndex: credential.statusListIndex,
          statusPurpose: outcome.purpose,
          previousState: credential.state,
        },
      });
      return { credentialId, state: outcome.state, statusReason };
    });
  }

  async statusListCredential(statusListId: string, purpose: StatusPurpose): Promise<Record<string, unknown>> {
    if (!isUUID(statusListId) || !STATUS_PURPOSES.includes(purpose)) throw notFound('Status list', statusListId);
    const cached = await this.lists.findSigned(statusListId, purpose);
    if (cached === undefined) throw notFound('Status list', statusListId);
    if (cached) return cached;
    // Never signed (no change since it was opened): sign it once, under the row lock so concurrent readers wait.
    return this.lists.transaction(async (manager) => {
      const list = (await this.lists.findList(statusListId, manager))!;
      await this.identity.issuerDid(list.institutionId, manager); // the key before the list's lock, as above
      const current = (await this.lists.findBits(statusListId, purpose, manager, true))!;
      if (current.signed) return current.signed;
      const signed = await this.sign(list, this.publishedUrl(list, purpose), purpose, current.bits, current.size, manager);
      await this.lists.saveList(statusListId, purpose, { signed }, manager);
      return signed;
    });
  }

  /** The URL a new list of ours is published under (the statusListCredential of the entries we hand out). */
  listUrl(statusListId: string, purpose: StatusPurpose): string {
    return `${this.listsUrl()}/${statusListId}/${purpose}`;
  }

  private listsUrl(): string {
    return `${this.config.publicBaseUrl}/status-lists`;
  }

  /**
   * A list keeps the URL it was first signed under, even once the service runs under another PUBLIC_BASE_URL: the
   * credentials already handed out name that URL, and a list whose id differs from it would not count for them.
   */
  private publishedUrl(list: { id: string; location: string | null }, purpose: StatusPurpose): string {
    return list.location ? `${list.location}/${purpose}` : this.listUrl(list.id, purpose);
  }

  /**
   * Our signed status list credential published at this URL, or null when the URL is not one of ours. Lists
   * published under an earlier address are ours too when the list of that id says it was published there.
   */
  async ownListCredential(url: string): Promise<Record<string, unknown> | null> {
    const named = /\/status-lists\/([^/]+)\/([^/]+)$/.exec(url);
    if (!named || !STATUS_PURPOSES.includes(named[2] as StatusPurpose)) return null;
    const [statusListId, purpose] = [named[1], named[2] as StatusPurpose];
    if (url === this.listUrl(statusListId, purpose)) return this.statusListCredential(statusListId, purpose);
    if (!isUUID(statusListId)) return null;
    const signed = await this.lists.findSigned(statusListId, purpose);
    return signed?.id === url ? signed : null;
  }

  /**
   * The suspension list published beside one of our revocation lists (same list, same indexes), or null when the
   * URL is not a revocation list we published. The URL is the one a verified credential signed; the list it names
   * must be ours, so nobody can point our verifier at a suspension list of their choosing.
   */
  async suspensionListBeside(revocationListUrl: string): Promise<string | null> {
    const named = /^(.+\/status-lists\/[^/]+)\/revocation$/.exec(revocationListUrl);
    if (!named) return null;
    const published = await this.ownListCredential(revocationListUrl).catch((error: unknown) => {
      if (error instanceof NotFoundException) return null; // a list id we never opened
      throw error;
    });
    return published ? `${named[1]}/suspension` : null;
  }

  /** A new list of the minimum size, both purposes signed at once: that pins the list to the school's current DID. */
  private async openList(institutionId: string, manager: EntityManager): Promise<{ id: string; size: number; allocated: number }> {
    const list = await this.lists.create(institutionId, MIN_STATUS_LIST_LENGTH, manager);
    for (const purpose of STATUS_PURPOSES) {
      await this.lists.saveList(
        list.id,
        purpose,
        {
          signed: await this.sign(
            { institutionId, issuer: null },
            this.listUrl(list.id, purpose),
            purpose,
            list.revocationBits,
            list.size,
            manager,
          ),
        },
        manager,
      );
    }
    return list;
  }

  /**
   * A status list must be issued by the DID its credentials name (vc/status-check.ts refuses any other), so a list
   * signed under an earlier DID (a did:key before rotation) is re-signed with that DID's newest key.
   */
  private async sign(
    list: { institutionId: string; issuer: string | null },
    url: string,
    purpose: StatusPurpose,
    bits: Buffer,
    size: number,
    manager: EntityManager,
  ): Promise<Record<string, unknown>> {
    const now = this.clock.now();
    const encodedList = encodeStatusList({ length: size, bytes: bits });
    const { document } = await this.signer.sign(
      list.institutionId,
      ({ did }) =>
        buildStatusListCredential({
          id: url,
          issuer: did,
          statusPurpose: purpose,
          encodedList,
          validFrom: now.toISOString(),
        }),
      { manager, did: list.issuer ?? undefined, date: now },
    );
    return document;
  }

  private picksOf(manager: EntityManager, statusListId: string): Set<number> {
    let byList = this.pendingPicks.get(manager);
    if (!byList) this.pendingPicks.set(manager, (byList = new Map()));
    let picks = byList.get(statusListId);
    if (!picks) byList.set(statusListId, (picks = new Set()));
    return picks;
  }
}

function assertChangeAllowed(state: CredentialState, change: StatusChange): void {
  if (state === 'awaiting_signatures')
    throw conflict('not_issued', 'The credential is still waiting for signatures; it has no status to change yet.');
  if (state === 'revoked') throw conflict('already_revoked', 'The credential is revoked; revocation is final.');
  if (change === 'suspend' && state === 'suspended') throw conflict('already_suspended', 'The credential is already suspended.');
  if (change === 'unsuspend' && state !== 'suspended') throw conflict('not_suspended', 'The credential is not suspended.');
}
