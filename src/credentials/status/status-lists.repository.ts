// The only place that queries status_list, and the status columns of credential.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeNotifications, type FeedMark } from '../../database/change-notifications.js';
import { Institution } from '../../institutions/institution.entity.js';
import { deepFreeze } from '../vc/deep-freeze.js';
import type { StatusPurpose } from '../vc/status-list.js';
import { TtlCache } from '../vc/ttl-cache.js';
import { Credential, type CredentialState } from '../credential.entity.js';
import { StatusList } from './status-list.entity.js';

const BITS = { revocation: 'revocationBits', suspension: 'suspensionBits' } as const;
const SIGNED = { revocation: 'revocationCredential', suspension: 'suspensionCredential' } as const;
/** The issuer DID of a list's signed credentials (both purposes share it). */
const ISSUER_SQL = `COALESCE("revocationCredential"->>'issuer', "suspensionCredential"->>'issuer')`;
/** The URL a list was first published under, without the purpose: its signed credentials' ids pin it. */
const LOCATION_SQL = `regexp_replace(COALESCE("revocationCredential"->>'id', "suspensionCredential"->>'id'), '/(revocation|suspension)$', '')`;

interface SignedRead {
  purpose: StatusPurpose;
  resolve(signed: Record<string, unknown> | null | undefined): void;
  reject(error: unknown): void;
}

/** Announces each change of a list (its id), so that every process drops what it kept of it. */
const CHANNEL = 'status_list_changed';

/** A list's two signed credentials as read at one revision, and where the change feed stood before that read. */
interface KeptLists {
  revision: number;
  mark: FeedMark | null;
  revocation: Record<string, unknown> | null;
  suspension: Record<string, unknown> | null;
}

export interface ListBits {
  id: string;
  institutionId: string;
  size: number;
  bits: Buffer;
  signed: Record<string, unknown> | null;
}

@Injectable()
export class StatusListsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: ChangeNotifications,
  ) {
    changes.watch(CHANNEL);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Serialises allocation in one institution's lists, so concurrent issuances never open two lists at once. */
  lockInstitution(institutionId: string, manager: EntityManager): Promise<Institution | null> {
    return manager
      .createQueryBuilder(Institution, 'i')
      .setLock('for_no_key_update')
      .where('i.id = :institutionId', { institutionId })
      .getOne();
  }

  /**
   * The institution's newest list that still has room and speaks for `did`: the DID that signed it (lists are signed
   * when opened), or any DID for a list never signed. Locked for the rest of the transaction.
   */
  /** The newest list with room that speaks for this DID and is published under `listsUrl` (…/status-lists). */
  async findOpen(
    institutionId: string,
    did: string,
    listsUrl: string,
    manager: EntityManager,
  ): Promise<{ id: string; size: number; allocated: number } | null> {
    const rows: { id: string; size: number; allocated: number }[] = await manager.query(
      `SELECT id, size, allocated FROM status_list
       WHERE "institutionId" = $1 AND allocated < size AND COALESCE(${ISSUER_SQL}, $2) = $2
         AND COALESCE(${LOCATION_SQL}, $3 || '/' || id) = $3 || '/' || id
       ORDER BY "createdAt" DESC, id DESC LIMIT 1 FOR UPDATE`,
      [institutionId, did, listsUrl],
    );
    return rows[0] ?? null;
  }

  create(institutionId: string, size: number, manager: EntityManager): Promise<StatusList> {
    const empty = Buffer.alloc(size / 8);
    return manager.save(
      manager.create(StatusList, {
        institutionId,
        size,
        allocated: 0,
        revocationBits: empty,
        suspensionBits: Buffer.from(empty),
        revocationCredential: null,
        suspensionCredential: null,
      }),
    );
  }

  /** Which of these indexes of a list credentials already hold. */
  async takenIndexes(statusListId: string, indexes: number[], manager: EntityManager): Promise<Set<number>> {
    const rows: { index: number }[] = await manager.query(
      `SELECT "statusListIndex" AS index FROM credential WHERE "statusListId" = $1 AND "statusListIndex" = ANY($2::int[])`,
      [statusListId, indexes],
    );
    return new Set(rows.map((row) => Number(row.index)));
  }

  async usedIndexes(statusListId: string, manager: EntityManager): Promise<Set<number>> {
    const rows = await manager
      .createQueryBuilder(Credential, 'c')
      .select('c.statusListIndex', 'index')
      .where('c.statusListId = :statusListId', { statusListId })
      .getRawMany<{ index: number }>();
    return new Set(rows.map((row) => Number(row.index)));
  }

  async countAllocated(statusListId: string, manager: EntityManager, by = 1): Promise<void> {
    await manager.increment(StatusList, { id: statusListId }, 'allocated', by);
  }

  /** Closes a list whose every index turned out to be taken although its counter said otherwise. */
  async markFull(statusListId: string, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(StatusList)
      .set({ allocated: () => 'size' })
      .where('id = :statusListId', { statusListId })
      .execute();
  }

  /** A list's owner, size and the DID that signed it (null when it was never signed). */
  async findList(
    statusListId: string,
    manager?: EntityManager,
  ): Promise<{ id: string; institutionId: string; size: number; issuer: string | null; location: string | null } | null> {
    const rows = await (manager ?? this.dataSource.manager).query(
      `SELECT id, "institutionId", size, ${ISSUER_SQL} AS issuer, ${LOCATION_SQL} AS location FROM status_list WHERE id = $1`,
      [statusListId],
    );
    return rows[0] ?? null;
  }

  /** One purpose's bits and signed credential; `lock` holds the row until the transaction ends. */
  async findBits(statusListId: string, purpose: StatusPurpose, manager: EntityManager, lock: boolean): Promise<ListBits | null> {
    const qb = manager
      .createQueryBuilder(StatusList, 'l')
      .addSelect(`l.${BITS[purpose]}`)
      .addSelect(`l.${SIGNED[purpose]}`)
      .where('l.id = :statusListId', { statusListId });
    if (lock) qb.setLock('pessimistic_write');
    const list = await qb.getOne();
    return (
      list && { id: list.id, institutionId: list.institutionId, size: list.size, bits: list[BITS[purpose]], signed: list[SIGNED[purpose]] }
    );
  }

  /**
   * The signed status list credential as served; undefined when the list does not exist, null when not signed yet.
   * Fresh (a revocation shows as soon as it is committed, whichever process made it), yet cheap: the lists this process
   * served are kept, frozen, and served from memory for as long as the change feed is quiet about them. Otherwise the
   * read asks for the list's revision and brings its credentials back only when the revision moved; the reads asked for
   * in the same tick share that query (a verification asks for both lists of its credential, and concurrent
   * verifications mostly for the same few lists).
   */
  findSigned(statusListId: string, purpose: StatusPurpose): Promise<Record<string, unknown> | null | undefined> {
    const kept = this.kept.get(statusListId);
    if (kept && this.changes.quietSince(CHANNEL, statusListId, kept.mark)) return Promise.resolve(kept[purpose]);
    let batch = this.signedReads;
    if (!batch) {
      batch = this.signedReads = new Map();
      queueMicrotask(() => this.readSigned());
    }
    const reads = batch.get(statusListId) ?? [];
    batch.set(statusListId, reads);
    return new Promise((resolve, reject) => reads.push({ purpose, resolve, reject }));
  }

  private signedReads: Map<string, SignedRead[]> | null = null;

  /** A school issues from a handful of lists (131,072 credentials each): the bound only guards against the unexpected. */
  private readonly kept = new TtlCache<KeptLists>({ maxEntries: 1_000, ttlMs: 24 * 60 * 60_000 });

  private async readSigned(): Promise<void> {
    const batch = this.signedReads!;
    this.signedReads = null;
    const waiting = [...batch.values()].flat();
    // Taken before reading: a change announced after it makes what is read now suspect again.
    const mark = this.changes.mark();
    try {
      const revisions: { id: string; revision: number }[] = await this.dataSource.query(
        `SELECT id, revision FROM status_list WHERE id = ANY($1::uuid[])`,
        [[...batch.keys()]],
      );
      const moved: string[] = [];
      for (const row of revisions) {
        const kept = this.kept.get(row.id);
        if (kept?.revision === row.revision) this.kept.set(row.id, { ...kept, mark });
        else moved.push(row.id);
      }
      if (moved.length) {
        const rows: {
          id: string;
          revision: number;
          revocationCredential: Record<string, unknown> | null;
          suspensionCredential: Record<string, unknown> | null;
        }[] = await this.dataSource.query(
          `SELECT id, revision, "revocationCredential", "suspensionCredential" FROM status_list WHERE id = ANY($1::uuid[])`,
          [moved],
        );
        for (const row of rows) {
          this.kept.set(row.id, {
            revision: row.revision,
            mark,
            revocation: deepFreeze(row.revocationCredential),
            suspension: deepFreeze(row.suspensionCredential),
          });
        }
      }
      const existing = new Set(revisions.map((row) => row.id));
      for (const [id, reads] of batch) {
        const lists = existing.has(id) ? this.kept.get(id) : undefined;
        for (const read of reads) read.resolve(lists?.[read.purpose]);
      }
    } catch (error) {
      for (const read of waiting) read.reject(error);
    }
  }

  async saveList(
    statusListId: string,
    purpose: StatusPurpose,
    change: { bits?: Buffer; signed: Record<string, unknown> },
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(
      StatusList,
      { id: statusListId },
      {
        ...(change.bits ? { [BITS[purpose]]: change.bits } : {}),
        [SIGNED[purpose]]: change.signed,
        revision: () => '"revision" + 1',
      },
    );
    await this.changes.announce(manager, CHANNEL, statusListId);
  }

  lockCredential(credentialId: string, manager: EntityManager): Promise<Credential | null> {
    return manager
      .createQueryBuilder(Credential, 'c')
      .setLock('pessimistic_write')
      .where('c.id = :credentialId', { credentialId })
      .getOne();
  }

  async saveCredentialStatus(
    credentialId: string,
    state: CredentialState,
    statusReason: string | null,
    manager: EntityManager,
  ): Promise<void> {
    // The transaction's clock, as the audit event of the change records it.
    await manager.update(Credential, { id: credentialId }, { state, statusReason, statusChangedAt: () => 'now()' });
  }
}
