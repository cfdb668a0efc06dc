// Queries behind issuance: the learner's records a credential rests on, and the credentials themselves.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { Programme } from '../catalogue/programme.entity.js';
import type { LocalizedText } from '../common/localized-text.js';
import { Institution } from '../institutions/institution.entity.js';
import { Enrolment } from '../learning/enrolment.entity.js';
import { Learner } from '../learning/learner.entity.js';
import { Credential, type CredentialState } from './credential.entity.js';

export interface AlignedItem {
  code: string | null;
  label: LocalizedText;
  uri: string;
  frameworkTitle: LocalizedText;
  levelLabel: LocalizedText;
}

@Injectable()
export class CredentialsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findEnrolment(id: string, manager: EntityManager): Promise<Enrolment | null> {
    return manager.findOne(Enrolment, { where: { id }, relations: { session: { module: true }, learner: true } });
  }

  /** Several enrolments with their sessions, modules and learners, in one query (bulk issuance). */
  async findEnrolments(ids: string[], manager: EntityManager): Promise<Map<string, Enrolment>> {
    const rows = await manager.find(Enrolment, { where: { id: In(ids) }, relations: { session: { module: true }, learner: true } });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Best certifying score (final exam, evaluation grid) of each enrolment; those without a passed one are absent. */
  async bestScores(enrolmentIds: string[], manager: EntityManager): Promise<Map<string, { score: number; maxScore: number }>> {
    const rows: { enrolmentId: string; score: string; maxScore: string }[] = await manager.query(
      `SELECT DISTINCT ON ("enrolmentId") "enrolmentId", score, "maxScore" FROM assessment
       WHERE "enrolmentId" = ANY($1::uuid[]) AND passed AND kind IN ('final_exam', 'evaluation_grid')
       ORDER BY "enrolmentId", score / "maxScore" DESC`,
      [enrolmentIds],
    );
    return new Map(rows.map((row) => [row.enrolmentId, { score: Number(row.score), maxScore: Number(row.maxScore) }]));
  }

  /** The competencies a module's outcomes certify, with their CASE URIs, for the credential's alignment. */
  alignedItems(moduleIds: string[], manager: EntityManager): Promise<AlignedItem[]> {
    return manager.query(
      `SELECT DISTINCT ON (i.identifier) i.code, i.label, i.uri, f.title AS "frameworkTitle", l.label AS "levelLabel"
       FROM learning_outcome o JOIN framework_item i ON i.id = o."itemId" JOIN framework f ON f.id = i."frameworkId"
       JOIN proficiency_level l ON l.id = o."levelId"
       WHERE o."moduleId" = ANY($1::uuid[]) ORDER BY i.identifier, o."levelRank" DESC`,
      [moduleIds],
    );
  }

  findProgramme(id: string, manager: EntityManager): Promise<Programme | null> {
    return manager.findOne(Programme, {
      where: { id },
      relations: { modules: { module: true, electiveGroup: true }, electiveGroups: true, awards: { institution: true } },
      order: { modules: { position: 'ASC' }, awards: { position: 'ASC' } },
    });
  }

  findLearner(id: string, manager: EntityManager): Promise<Learner | null> {
    return manager.findOneBy(Learner, { id });
  }

  findInstitutions(ids: string[], manager?: EntityManager): Promise<Institution[]> {
    return this.manager(manager).findBy(Institution, { id: In(ids) });
  }

  /** Modules the learner passed (completed enrolment), with the best certifying score in percent. */
  async passedModules(learnerId: string, moduleIds: string[], manager: EntityManager): Promise<Map<string, number | null>> {
    const rows: { moduleId: string; best: string | null }[] = await manager.query(
      `SELECT s."moduleId", MAX(CASE WHEN a.passed AND a.kind IN ('final_exam', 'evaluation_grid') THEN a.score * 100 / a."maxScore" END) AS best
       FROM enrolment e JOIN training_session s ON s.id = e."sessionId" LEFT JOIN assessment a ON a."enrolmentId" = e.id
       WHERE e."learnerId" = $1 AND e.status = 'completed' AND s."moduleId" = ANY($2::uuid[])
       GROUP BY s."moduleId"`,
      [learnerId, moduleIds],
    );
    return new Map(rows.map((row) => [row.moduleId, row.best === null ? null : Number(row.best)]));
  }

  /** A passed internship report in a session of the programme or of one of its modules. */
  async internshipValidated(learnerId: string, programmeId: string, moduleIds: string[], manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT 1 FROM assessment a JOIN enrolment e ON e.id = a."enrolmentId" JOIN training_session s ON s.id = e."sessionId"
       WHERE e."learnerId" = $1 AND a.kind = 'internship_report' AND a.passed AND (s."programmeId" = $2 OR s."moduleId" = ANY($3::uuid[])) LIMIT 1`,
      [learnerId, programmeId, moduleIds],
    );
    return !!row;
  }

  findCredential(id: string, manager?: EntityManager): Promise<Credential | null> {
    return this.manager(manager).findOneBy(Credential, { id });
  }

  /** By the credential's own id: `urn:uuid:<row id>`, the bare row id, or the document's id (VC-API issued). */
  findByCredentialId(credentialId: string): Promise<Credential | null> {
    const rowId = /^(urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(credentialId)?.[2];
    const qb = this.manager().createQueryBuilder(Credential, 'c').where(`c.document->>'id' = :credentialId`, { credentialId });
    if (rowId) qb.orWhere('c.id = :rowId', { rowId });
    return qb.getOne();
  }

  /** A school's credential by the VC-API handle its caller chose at issuance (options.credentialId). */
  findByVcApiCredentialId(institutionId: string, vcApiCredentialId: string): Promise<Credential | null> {
    return this.manager().findOneBy(Credential, { issuerInstitutionId: institutionId, vcApiCredentialId });
  }

  lockCredential(id: string, manager: EntityManager): Promise<Credential | null> {
    return manager.getRepository(Credential).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  findCertificateOf(enrolmentId: string, manager: EntityManager): Promise<Credential | null> {
    return manager.findOneBy(Credential, { enrolmentId, kind: 'certificate' });
  }

  /** The learner's certificate of the module that is not revoked (issued or suspended), from any session. */
  findActiveCertificateOfModule(learnerId: string, moduleId: string, manager: EntityManager): Promise<Credential | null> {
    return manager.findOneBy(Credential, { learnerId, moduleId, kind: 'certificate', state: Not('revoked') });
  }

  /** A learner's released, not revoked or suspended, module certificates among these modules, oldest first. */
  findReleasedCertificates(learnerId: string, moduleIds: string[], manager: EntityManager): Promise<Credential[]> {
    if (moduleIds.length === 0) return Promise.resolve([]);
    return manager.find(Credential, {
      where: { learnerId, kind: 'certificate', state: 'issued', moduleId: In(moduleIds) },
      order: { issuedAt: 'ASC' },
    });
  }

  findDiplomaOf(learnerId: string, programmeId: string, manager: EntityManager): Promise<Credential | null> {
    return manager.findOneBy(Credential, { learnerId, programmeId, kind: 'diploma' });
  }

  listForLearner(learnerId: string, states: CredentialState[]): Promise<Credential[]> {
    return this.manager().find(Credential, { where: { learnerId, state: In(states) }, order: { createdAt: 'DESC' } });
  }

  listAwaitingSignature(institutionId: string): Promise<Credential[]> {
    return this.manager()
      .createQueryBuilder(Credential, 'c')
      .where(`c.state = 'awaiting_signatures' AND :institutionId = ANY(c.signerInstitutionIds)`, { institutionId })
      .andWhere(`NOT EXISTS (SELECT 1 FROM credential_signature s WHERE s."credentialId" = c.id AND s."institutionId" = :institutionId)`)
      .orderBy('c.createdAt')
      .getMany();
  }

  async signedBy(credentialId: string, manager?: EntityManager): Promise<string[]> {
    const rows: { institutionId: string }[] = await this.manager(manager).query(
      `SELECT "institutionId" FROM credential_signature WHERE "credentialId" = $1 ORDER BY "signedAt"`,
      [credentialId],
    );
    return rows.map((row) => row.institutionId);
  }
}
