// Learner records: identity, employer, job profiles, and the competency levels their evidence proves.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessPolicy, Permission } from '../auth/access-policy.js';
import { institutionForNew, isLearnerAccount, learnerScope } from '../auth/access-scopes.js';
import type { Actor } from '../auth/roles.js';
import { UsersRepository } from '../auth/users.repository.js';
import { Clock } from '../common/clock.js';
import { page, type Page } from '../common/page.js';
import { conflict, invalid, notFound, type FieldError } from '../common/problems.js';
import { FrameworksRepository } from '../frameworks/frameworks.repository.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { JobProfilesRepository } from '../profiles/job-profiles.repository.js';
import type { CreateLearnerDto, LearnerDto, LearnerListQuery, UpdateLearnerDto } from './dto/learner.dto.js';
import type { CompetencyLevelDto, CreateEvidenceDto, EvidenceDto } from './dto/records.dto.js';
import type { Evidence } from './evidence.entity.js';
import type { Learner } from './learner.entity.js';
import { LearningRepository } from './learning.repository.js';

@Injectable()
export class LearnersService {
  constructor(
    private readonly learning: LearningRepository,
    private readonly access: AccessPolicy,
    private readonly institutions: InstitutionsRepository,
    private readonly profiles: JobProfilesRepository,
    private readonly frameworks: FrameworksRepository,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
  ) {}

  async list(query: LearnerListQuery, actor: Actor): Promise<Page<LearnerDto>> {
    const [rows, total] = await this.learning.listLearners(query, learnerScope(actor));
    return page(rows.map(toLearnerDto), total, query);
  }

  async get(id: string, actor: Actor): Promise<LearnerDto> {
    return toLearnerDto(await this.readable(id, actor));
  }

  async create(dto: CreateLearnerDto, actor: Actor): Promise<LearnerDto> {
    const employerInstitutionId = institutionForNew(
      actor,
      dto.employerInstitutionId,
      Permission.StaffRegister,
      'employerInstitutionId',
      'a learner',
    );
    return this.learning.transaction(async (manager) => {
      const learner = this.learning.newLearner(employerInstitutionId, manager);
      await this.apply(learner, dto, manager);
      return toLearnerDto(await this.learning.saveLearner(learner, manager));
    });
  }

  async update(id: string, dto: UpdateLearnerDto, actor: Actor): Promise<LearnerDto> {
    await this.access.require({ actor, permission: Permission.LearnerRead, ids: [id] });
    await this.access.require({ actor, permission: Permission.LearnerUpdate, ids: [id] });
    return this.learning.transaction(async (manager) => {
      const learner = (await this.learning.findLearner(id, manager))!;
      await this.apply(learner, dto, manager);
      return toLearnerDto(await this.learning.saveLearner(learner, manager));
    });
  }

  /** Each item once, at the highest level proved, with every piece of evidence and the one that counted. */
  async competencies(id: string, actor: Actor): Promise<CompetencyLevelDto[]> {
    await this.readable(id, actor);
    const byItem = new Map<string, Evidence[]>();
    for (const evidence of await this.learning.listEvidence(id))
      byItem.set(evidence.itemIdentifier, [...(byItem.get(evidence.itemIdentifier) ?? []), evidence]);
    return [...byItem.values()]
      .map((evidence) => {
        const counted = evidence.reduce((best, e) => (e.levelRank > best.levelRank ? e : best)); // newest first, so ties keep the newest
        return {
          itemIdentifier: counted.itemIdentifier,
          itemCode: counted.item!.code,
          itemLabel: counted.item!.label,
          level: counted.levelRank,
          levelLabel: counted.level!.label,
          countedEvidenceId: counted.id,
          evidence: evidence.map(toEvidenceDto),
        };
      })
      .sort((a, b) => (a.itemCode ?? '').localeCompare(b.itemCode ?? '', 'fr', { numeric: true }));
  }

  async evidence(id: string, actor: Actor): Promise<EvidenceDto[]> {
    await this.readable(id, actor);
    return (await this.learning.listEvidence(id)).map(toEvidenceDto);
  }

  /**
   * An assessor's workplace observation. Retired or draft framework versions are refused: evidence must point at the
   * living version. The employer's HR records it on the record; a school only within a session of its own the learner
   * is enrolled in (accepted, not withdrawn), and the evidence names that session.
   */
  async addEvidence(id: string, dto: CreateEvidenceDto, actor: Actor): Promise<EvidenceDto> {
    await this.readable(id, actor);
    const enrolment = dto.sessionId ? await this.learning.findEnrolment(dto.sessionId, id) : null;
    if (dto.sessionId && !enrolment) throw invalid([{ field: 'sessionId', reason: 'the learner is not enrolled in this session' }]);
    if (enrolment) await this.access.require({ actor, permission: Permission.EnrolmentEvidenceCreate, ids: [enrolment.id] });
    else await this.access.require({ actor, permission: Permission.LearnerEvidenceCreate, ids: [id] });
    return this.learning.transaction(async (manager) => {
      const [item] = await this.frameworks.findItemsByIds([dto.itemId], manager);
      if (!item) throw invalid([{ field: 'itemId', reason: 'no such framework item' }]);
      if (item.framework!.status !== 'published') {
        throw conflict(
          'framework_not_current',
          `The item belongs to a ${item.framework!.status} framework version; record evidence on the published version.`,
          [{ field: 'itemId', reason: `framework version is ${item.framework!.status}` }],
        );
      }
      const scales = await this.frameworks.findScalesOfFrameworks([item.frameworkId], manager);
      const scale = item.scaleId ? scales.find((s) => s.id === item.scaleId) : scales[0];
      const level = scale?.levels?.find((l) => l.rank === dto.level);
      if (!level)
        throw invalid([
          { field: 'level', reason: `must be between 1 and ${scale?.levels?.length ?? 0} on scale ${scale?.code ?? '(none)'}` },
        ]);
      const evidence = await this.learning.addEvidence(
        {
          learnerId: id,
          itemId: item.id,
          itemIdentifier: item.identifier,
          levelId: level.id,
          levelRank: level.rank,
          source: 'workplace_observation',
          enrolmentId: null,
          assessmentId: null,
          moduleId: null,
          sessionId: dto.sessionId ?? null,
          recordedById: actor.userId,
          note: dto.note,
          observedAt: dto.observedAt ?? this.clock.now(),
        },
        manager,
      );
      return toEvidenceDto(evidence);
    });
  }

  /** The record if the caller may read it; otherwise 404, so records of others do not leak. */
  async readable(id: string, actor: Actor): Promise<Learner> {
    await this.access.require({ actor, permission: Permission.LearnerRead, ids: [id] });
    const learner = await this.learning.findLearner(id);
    if (!learner) throw notFound('Learner', id);
    return learner;
  }

  private async apply(learner: Learner, dto: UpdateLearnerDto, manager: EntityManager): Promise<void> {
    const errors: FieldError[] = [];
    if (!(await this.institutions.findById(learner.employerInstitutionId, manager)))
      errors.push({ field: 'employerInstitutionId', reason: 'no such institution' });
    for (const field of ['currentProfileId', 'targetProfileId'] as const) {
      const profileId = dto[field];
      if (!profileId) continue;
      const profile = await this.profiles.findVersion(profileId, manager);
      if (!profile || profile.status === 'draft') errors.push({ field, reason: 'no such published job profile' });
    }
    if (dto.userId) {
      const user = await this.users.findById(dto.userId, manager);
      if (!user || !isLearnerAccount(user)) errors.push({ field: 'userId', reason: 'no such user with role learner' });
      else if (await this.learning.userLinked(dto.userId, learner.id, manager))
        errors.push({ field: 'userId', reason: 'already linked to another learner' });
    }
    if (errors.length) throw invalid(errors);
    if (dto.staffNumber && (await this.learning.staffNumberTaken(learner.employerInstitutionId, dto.staffNumber, learner.id, manager))) {
      throw conflict('duplicate_staff_number', `The employer already has a learner with staff number ${dto.staffNumber}.`, [
        { field: 'staffNumber', reason: 'already used' },
      ]);
    }
    Object.assign(learner, Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)));
  }
}

export const toLearnerDto = (learner: Learner): LearnerDto => ({
  id: learner.id,
  givenName: learner.givenName,
  familyName: learner.familyName,
  staffNumber: learner.staffNumber,
  email: learner.email,
  employerInstitutionId: learner.employerInstitutionId,
  currentProfileId: learner.currentProfileId,
  targetProfileId: learner.targetProfileId,
  userId: learner.userId,
});

export const toEvidenceDto = (evidence: Evidence): EvidenceDto => ({
  id: evidence.id,
  itemId: evidence.itemId,
  itemIdentifier: evidence.itemIdentifier,
  level: evidence.levelRank,
  source: evidence.source,
  moduleId: evidence.moduleId,
  enrolmentId: evidence.enrolmentId,
  sessionId: evidence.sessionId,
  assessmentId: evidence.assessmentId,
  note: evidence.note,
  observedAt: evidence.observedAt,
});
