// Records who did what to which credential or key (inside the caller's transaction) and lists it for the people
// answerable for it: administrators see everything, a registrar their own institution's events.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Permission, requireOnInstitutions } from '../../auth/access-policy.js';
import { organiserScope } from '../../auth/access-scopes.js';
import type { Actor } from '../../auth/roles.js';
import { page, type Page } from '../../common/page.js';
import type { AuditAction, AuditEvent } from './audit-event.entity.js';
import type { AuditEventDto } from './audit-log.dto.js';
import { AuditLogRepository } from './audit-log.repository.js';

export interface AuditRecord {
  action: AuditAction;
  actorId?: string | null;
  institutionId?: string | null;
  credentialId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditLog {
  constructor(private readonly events: AuditLogRepository) {}

  /** Always in the caller's transaction: the event exists exactly when the change it describes was committed. */
  record(manager: EntityManager, event: AuditRecord): Promise<void> {
    return this.events.append(toRow(event), manager);
  }

  /** record() for several events, in this order, with one INSERT (bulk issuance). */
  recordMany(manager: EntityManager, events: AuditRecord[]): Promise<void> {
    return this.events.appendMany(events.map(toRow), manager);
  }

  async list(
    query: { credentialId?: string; institutionId?: string; limit: number; offset: number },
    actor: Actor,
  ): Promise<Page<AuditEventDto>> {
    // Without a filter, a registrar reads their own school's log; an administrator every school's.
    const institutionId = query.institutionId ?? organiserScope(actor) ?? undefined;
    if (institutionId) requireOnInstitutions(actor, Permission.AuditLogRead, [institutionId]);
    const [rows, total] = await this.events.find({ ...query, institutionId });
    return page(rows.map(toAuditEventDto), total, query);
  }
}

const toRow = (event: AuditRecord): Omit<AuditEvent, 'id' | 'at'> => ({
  action: event.action,
  actorId: event.actorId ?? null,
  institutionId: event.institutionId ?? null,
  credentialId: event.credentialId ?? null,
  reason: event.reason ?? null,
  details: event.details ?? null,
});

const toAuditEventDto = (event: AuditEvent): AuditEventDto => ({
  id: event.id,
  at: event.at,
  action: event.action,
  actorId: event.actorId,
  institutionId: event.institutionId,
  credentialId: event.credentialId,
  reason: event.reason,
  details: event.details,
});
