// The only place that reads or writes the append-only audit_event table.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditEventFilter {
  credentialId?: string;
  institutionId?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(event: Omit<AuditEvent, 'id' | 'at'>, manager: EntityManager): Promise<void> {
    await manager.save(manager.create(AuditEvent, event), { reload: false });
  }

  async appendMany(events: Omit<AuditEvent, 'id' | 'at'>[], manager: EntityManager): Promise<void> {
    if (events.length) await manager.insert(AuditEvent, events as QueryDeepPartialEntity<AuditEvent>[]);
  }

  /** Newest first; the id breaks ties between events of one transaction (same `at`). */
  find(filter: AuditEventFilter): Promise<[AuditEvent[], number]> {
    const qb = this.dataSource.manager.createQueryBuilder(AuditEvent, 'e');
    if (filter.credentialId) qb.andWhere('e.credentialId = :credentialId', { credentialId: filter.credentialId });
    if (filter.institutionId) qb.andWhere('e.institutionId = :institutionId', { institutionId: filter.institutionId });
    return qb.orderBy('e.at', 'DESC').addOrderBy('e.id', 'ASC').limit(filter.limit).offset(filter.offset).getManyAndCount();
  }
}
