// The only place that queries issuer_key. The sealed private key is read only where a signature needs it.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Institution } from '../../institutions/institution.entity.js';
import { IssuerKey } from './issuer-key.entity.js';

@Injectable()
export class IssuerKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /**
   * Serialises key creation and rotation of one institution. FOR NO KEY UPDATE, unlike FOR UPDATE, does not wait for
   * the foreign-key checks of rows being inserted elsewhere (credentials, status lists) that reference the institution.
   */
  async lockInstitution(institutionId: string, manager: EntityManager): Promise<Institution | null> {
    return manager
      .createQueryBuilder(Institution, 'i')
      .setLock('for_no_key_update')
      .where('i.id = :institutionId', { institutionId })
      .getOne();
  }

  findActive(institutionId: string, manager?: EntityManager): Promise<IssuerKey | null> {
    return this.manager(manager).findOneBy(IssuerKey, { institutionId, retiredAt: IsNull() });
  }

  /** The active key with its sealed private key, for signing. */
  findActiveForSigning(institutionId: string, manager?: EntityManager): Promise<IssuerKey | null> {
    return this.manager(manager)
      .createQueryBuilder(IssuerKey, 'k')
      .addSelect('k.encryptedPrivateKey')
      .where('k.institutionId = :institutionId AND k.retiredAt IS NULL', { institutionId })
      .getOne();
  }

  findNewestOfDid(institutionId: string, did: string, manager?: EntityManager): Promise<IssuerKey | null> {
    return this.manager(manager)
      .createQueryBuilder(IssuerKey, 'k')
      .addSelect('k.encryptedPrivateKey')
      .where('k.institutionId = :institutionId AND k.did = :did', { institutionId, did })
      .orderBy('k.createdAt', 'DESC')
      .addOrderBy('k.id', 'DESC')
      .limit(1)
      .getOne();
  }

  /** Every key ever controlled by a DID, oldest first (a did:web keeps its retired keys listed). */
  findByDid(did: string): Promise<IssuerKey[]> {
    return this.manager().find(IssuerKey, { where: { did }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findByInstitution(institutionId: string): Promise<IssuerKey[]> {
    return this.manager().find(IssuerKey, { where: { institutionId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findInstitutionOfDid(did: string): Promise<Institution | null> {
    return this.manager()
      .createQueryBuilder(Institution, 'i')
      .where('EXISTS (SELECT 1 FROM issuer_key k WHERE k."institutionId" = i.id AND k.did = :did)', { did })
      .getOne();
  }

  async retire(keyId: string, manager: EntityManager): Promise<void> {
    await manager.update(IssuerKey, { id: keyId, retiredAt: IsNull() }, { retiredAt: () => 'now()' });
  }

  insert(
    key: Pick<IssuerKey, 'institutionId' | 'did' | 'verificationMethod' | 'publicKeyMultibase' | 'encryptedPrivateKey'>,
    manager: EntityManager,
  ): Promise<IssuerKey> {
    return manager.save(manager.create(IssuerKey, { ...key, retiredAt: null }));
  }
}
