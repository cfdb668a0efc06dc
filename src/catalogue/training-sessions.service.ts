// Training sessions: runs of a module or a programme, with dates, place or link, trainers and seats.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Permission, requireOnInstitutions } from '../auth/access-policy.js';
import { institutionForNew } from '../auth/access-scopes.js';
import type { Actor } from '../auth/roles.js';
import { page, type Page } from '../common/page.js';
import { conflict, invalid, notFound, type FieldError } from '../common/problems.js';
import type {
  CreateTrainingSessionDto,
  TrainingSessionDto,
  TrainingSessionListQuery,
  UpdateTrainingSessionDto,
} from './dto/training-session.dto.js';
import { ProgrammesRepository } from './programmes.repository.js';
import { deliveryNeeds, seatsLeft } from './session-rules.js';
import type { Modality } from './training-module.entity.js';
import { TrainingModulesRepository } from './training-modules.repository.js';
import type { TrainingSession } from './training-session.entity.js';
import { TrainingSessionsRepository } from './training-sessions.repository.js';

/** What a session's checks need to know about what it teaches. */
interface Subject {
  label: string;
  modalities: Modality[];
  /** Schools that may organise it: the module's providers, or the programme's awarding schools. */
  organisers: string[];
}

type Schedule = Pick<TrainingSession, 'startsOn' | 'endsOn' | 'place' | 'onlineUrl'>;

@Injectable()
export class TrainingSessionsService {
  constructor(
    private readonly sessions: TrainingSessionsRepository,
    private readonly modules: TrainingModulesRepository,
    private readonly programmes: ProgrammesRepository,
  ) {}

  async list(query: TrainingSessionListQuery): Promise<Page<TrainingSessionDto>> {
    const [ids, total] = await this.sessions.list(query);
    return page(await this.describe(await this.sessions.findDetails(ids)), total, query);
  }

  async get(id: string): Promise<TrainingSessionDto> {
    const [session] = await this.describe(await this.sessions.findDetails([id]));
    if (!session) throw notFound('Training session', id);
    return session;
  }

  async create(dto: CreateTrainingSessionDto, actor: Actor): Promise<TrainingSessionDto> {
    if (Boolean(dto.moduleId) === Boolean(dto.programmeId)) {
      const reason = dto.moduleId
        ? 'give either moduleId or programmeId, not both'
        : 'give the moduleId or the programmeId the session runs';
      throw invalid([
        { field: 'moduleId', reason },
        { field: 'programmeId', reason },
      ]);
    }
    const institutionId = institutionForNew(actor, dto.institutionId, Permission.CatalogueManage, 'institutionId', 'a session');
    const id = await this.sessions.transaction(async (manager) => {
      const subject = await this.subjectOf(dto.moduleId, dto.programmeId, manager);
      const errors: FieldError[] = [];
      if (!subject.organisers.includes(institutionId)) {
        errors.push({
          field: 'institutionId',
          reason: dto.moduleId
            ? 'the organiser must deliver the module (be one of its providers)'
            : 'the organiser must be one of the programme’s awarding schools',
        });
      }
      const schedule = { startsOn: dto.startsOn, endsOn: dto.endsOn, place: dto.place ?? null, onlineUrl: dto.onlineUrl ?? null };
      errors.push(...scheduleErrors(schedule, subject));
      if (errors.length) throw invalid(errors, 'The session is not valid; nothing was saved.');
      await this.assertCodeFree(institutionId, dto.code, undefined, manager);
      const session = await this.sessions.addSession(
        {
          ...schedule,
          code: dto.code,
          moduleId: dto.moduleId ?? null,
          programmeId: dto.programmeId ?? null,
          institutionId,
          trainers: (dto.trainers ?? []).map((trainer) => trainer.trim()),
          capacity: dto.capacity,
        },
        manager,
      );
      return session.id;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateTrainingSessionDto, actor: Actor): Promise<TrainingSessionDto> {
    await this.sessions.transaction(async (manager) => {
      const session = await this.requireManaged(id, actor, manager);
      // PartialType lets null through for optional fields: only place and onlineUrl may be cleared.
      const schedule: Schedule = {
        startsOn: dto.startsOn ?? session.startsOn,
        endsOn: dto.endsOn ?? session.endsOn,
        place: dto.place !== undefined ? dto.place : session.place,
        onlineUrl: dto.onlineUrl !== undefined ? dto.onlineUrl : session.onlineUrl,
      };
      const errors = scheduleErrors(schedule, await this.subjectOf(session.moduleId, session.programmeId, manager));
      if (errors.length) throw invalid(errors, 'The session is not valid; nothing was saved.');
      if (dto.capacity != null) {
        const enrolled = (await this.sessions.enrolledCounts([id], manager)).get(id) ?? 0;
        if (dto.capacity < enrolled) {
          throw conflict('capacity_below_enrolments', `${enrolled} learners are enrolled; the capacity cannot go below that.`, [
            { field: 'capacity', reason: `at least ${enrolled}` },
          ]);
        }
        session.capacity = dto.capacity;
      }
      if (dto.code && dto.code !== session.code) await this.assertCodeFree(session.institutionId, dto.code, id, manager);
      if (dto.code) session.code = dto.code;
      if (dto.trainers) session.trainers = dto.trainers.map((trainer) => trainer.trim());
      Object.assign(session, schedule);
      await this.sessions.saveSession(session, manager);
    });
    return this.get(id);
  }

  async remove(id: string, actor: Actor): Promise<void> {
    await this.sessions.transaction(async (manager) => {
      const session = await this.requireManaged(id, actor, manager);
      if (await this.sessions.hasEnrolments(id, manager)) {
        throw conflict(
          'session_has_enrolments',
          `Session ${session.code} has enrolments; withdrawn ones stay in learners’ records, so it cannot be deleted.`,
        );
      }
      await this.sessions.deleteSession(session, manager);
    });
  }

  private async requireManaged(id: string, actor: Actor, manager: EntityManager): Promise<TrainingSession> {
    const session = await this.sessions.findSession(id, manager);
    if (!session) throw notFound('Training session', id);
    requireOnInstitutions(actor, Permission.CatalogueManage, [session.institutionId]);
    return (await this.sessions.lockSession(id, manager))!;
  }

  private async assertCodeFree(institutionId: string, code: string, exceptId: string | undefined, manager: EntityManager): Promise<void> {
    // No unique index backs this (the schema has none on sessions): a rare concurrent duplicate is possible.
    if (await this.sessions.codeTaken(institutionId, code, exceptId, manager)) {
      throw conflict('duplicate_code', `The institution already has a session ${code}.`, [{ field: 'code', reason: 'already exists' }]);
    }
  }

  private async subjectOf(
    moduleId: string | null | undefined,
    programmeId: string | null | undefined,
    manager: EntityManager,
  ): Promise<Subject> {
    if (moduleId) {
      const [module] = await this.modules.findDetails([moduleId], manager);
      if (!module) throw invalid([{ field: 'moduleId', reason: 'no such training module' }]);
      return {
        label: `${module.modality} module`,
        modalities: [module.modality],
        organisers: [module.ownerInstitutionId, ...(module.providers ?? []).map((provider) => provider.id)],
      };
    }
    const [programme] = await this.programmes.findDetails([programmeId!], manager);
    if (!programme) throw invalid([{ field: 'programmeId', reason: 'no such programme' }]);
    return {
      label: 'programme with these modules',
      modalities: (programme.modules ?? []).map((entry) => entry.module!.modality),
      organisers: (programme.awards ?? []).map((award) => award.institutionId),
    };
  }

  private async describe(sessions: TrainingSession[]): Promise<TrainingSessionDto[]> {
    const enrolled = await this.sessions.enrolledCounts(sessions.map((session) => session.id));
    return sessions.map((session) => toSessionDto(session, enrolled.get(session.id) ?? 0));
  }
}

function scheduleErrors(schedule: Schedule, subject: Subject): FieldError[] {
  const errors: FieldError[] = [];
  if (schedule.endsOn < schedule.startsOn) errors.push({ field: 'endsOn', reason: 'must be on or after startsOn' });
  const needs = deliveryNeeds(subject.modalities);
  if (needs.place && !schedule.place) errors.push({ field: 'place', reason: `required for a ${subject.label} (taught on site)` });
  if (needs.onlineUrl && !schedule.onlineUrl)
    errors.push({ field: 'onlineUrl', reason: `required for a ${subject.label} (taught at a distance)` });
  return errors;
}

function toSessionDto(session: TrainingSession, enrolledCount: number): TrainingSessionDto {
  const subject = session.module ?? session.programme!;
  return {
    id: session.id,
    code: session.code,
    moduleId: session.moduleId,
    programmeId: session.programmeId,
    subject: { kind: session.module ? 'module' : 'programme', id: subject.id, code: subject.code, title: subject.title },
    institutionId: session.institutionId,
    startsOn: session.startsOn,
    endsOn: session.endsOn,
    place: session.place,
    onlineUrl: session.onlineUrl,
    trainers: session.trainers,
    capacity: session.capacity,
    enrolledCount,
    seatsLeft: seatsLeft(session.capacity, enrolledCount),
    createdAt: session.createdAt,
  };
}
