// Training records of a session: enrolments (capacity), attendance, assessments, and the evidence a pass yields.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/roles.js';
import type { TrainingSession } from '../catalogue/training-session.entity.js';
import { assertCanManageCatalogue } from '../catalogue/catalogue-access.js';
import { hasStarted } from '../catalogue/session-rules.js';
import { conflict, invalid, notFound } from '../common/problems.js';
import { Assessment, CERTIFYING_KINDS } from './assessment.entity.js';
import type { AssessmentDto, CreateAssessmentDto, CreateEnrolmentDto, EnrolmentDto, QuestionnaireComparisonDto, UpdateEnrolmentDto } from './dto/records.dto.js';
import { Enrolment } from './enrolment.entity.js';
import { LearningRepository } from './learning.repository.js';
import { compareQuestionnaires, type QuestionnaireScores } from './questionnaires.js';

@Injectable()
export class RecordsService {
  constructor(private readonly learning: LearningRepository) {}

  async enrol(sessionId: string, dto: CreateEnrolmentDto, actor: Actor): Promise<EnrolmentDto> {
    return this.learning.transaction(async (manager) => {
      const session = await this.learning.lockSession(sessionId, manager);
      if (!session) throw notFound('Session', sessionId);
      assertOrganiser(session, actor);
      if (!(await this.learning.findLearner(dto.learnerId, manager))) throw invalid([{ field: 'learnerId', reason: 'no such learner' }]);
      const existing = await this.learning.findEnrolment(sessionId, dto.learnerId, manager);
      if (existing && existing.status !== 'withdrawn') throw conflict('already_enrolled', 'The learner is already enrolled in this session.');
      const enrolled = await this.learning.countActiveEnrolments(sessionId, manager);
      if (enrolled >= session.capacity) throw conflict('session_full', `The session is full (${session.capacity} places).`);
      const enrolment = existing ?? manager.create(Enrolment, { sessionId, learnerId: dto.learnerId, attendanceRate: null, completedAt: null });
      enrolment.status = 'enrolled';
      return toEnrolmentDto(await manager.save(enrolment));
    });
  }

  async listEnrolments(sessionId: string, actor: Actor): Promise<EnrolmentDto[]> {
    assertOrganiser(await this.requireSession(sessionId), actor);
    return (await this.learning.listEnrolments(sessionId)).map(toEnrolmentDto);
  }

  /** Marking an enrolment completed records the module's competencies as evidence, once. */
  async updateEnrolment(id: string, dto: UpdateEnrolmentDto, actor: Actor): Promise<EnrolmentDto> {
    return this.learning.transaction(async (manager) => {
      const enrolment = await this.learning.findEnrolmentById(id, manager);
      if (!enrolment) throw notFound('Enrolment', id);
      assertOrganiser(enrolment.session!, actor);
      if (dto.attendanceRate !== undefined) enrolment.attendanceRate = dto.attendanceRate;
      if (dto.status && dto.status !== enrolment.status) {
        if (enrolment.status === 'completed') throw conflict('enrolment_completed', 'A completed enrolment stays completed; its evidence is recorded.');
        if (dto.status === 'completed') assertStarted(enrolment.session!, 'status', 'completion');
        enrolment.status = dto.status;
        if (dto.status === 'completed') await this.complete(enrolment, null, new Date(), manager);
      }
      const { session: _session, ...row } = enrolment;
      return toEnrolmentDto(await manager.save(Enrolment, row));
    });
  }

  async addAssessment(sessionId: string, dto: CreateAssessmentDto, actor: Actor): Promise<AssessmentDto> {
    return this.learning.transaction(async (manager) => {
      const session = await this.learning.findSession(sessionId, manager);
      if (!session) throw notFound('Session', sessionId);
      assertOrganiser(session, actor);
      const enrolment = await this.learning.findEnrolment(sessionId, dto.learnerId, manager);
      if (!enrolment || enrolment.status === 'withdrawn') throw conflict('not_enrolled', 'The learner is not enrolled in this session.', [{ field: 'learnerId', reason: 'not enrolled' }]);
      return toAssessmentDto(await this.recordAssessment(enrolment, session, dto, manager));
    });
  }

  /** Shared with result imports: checks the score against its scale, and a certifying pass completes the enrolment. */
  async recordAssessment(enrolment: Enrolment, session: TrainingSession, dto: Omit<CreateAssessmentDto, 'learnerId'>, manager: EntityManager): Promise<Assessment> {
    const maxScore = dto.maxScore ?? 20;
    const passMark = dto.passMark ?? maxScore / 2;
    const errors = [];
    if (dto.score < 0 || dto.score > maxScore) errors.push({ field: 'score', reason: `must be between 0 and ${maxScore}` });
    if (passMark > maxScore) errors.push({ field: 'passMark', reason: `must not exceed maxScore ${maxScore}` });
    const now = new Date();
    const assessedAt = dto.assessedAt ?? now;
    // Only the pre-training questionnaire comes before the session; nothing is assessed in the future.
    if (dto.kind !== 'pre_questionnaire') {
      assertStarted(session, 'session', dto.kind.replace('_', ' '));
      if (!hasStarted(session.startsOn, assessedAt)) errors.push({ field: 'assessedAt', reason: `before the session starts on ${session.startsOn}` });
    }
    if (assessedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) errors.push({ field: 'assessedAt', reason: 'in the future' });
    if (errors.length) throw invalid(errors);
    const assessment = await manager.save(manager.create(Assessment, {
      enrolmentId: enrolment.id, kind: dto.kind, score: dto.score, maxScore, passMark, passed: dto.score >= passMark, assessedAt, note: dto.note ?? null,
    }));
    if (assessment.passed && CERTIFYING_KINDS.includes(dto.kind) && enrolment.status !== 'completed') {
      enrolment.status = 'completed';
      enrolment.session = session;
      await this.complete(enrolment, assessment.id, assessedAt, manager);
      const { session: _session, ...row } = enrolment;
      await manager.save(Enrolment, row);
    }
    return assessment;
  }

  async listAssessments(sessionId: string, actor: Actor): Promise<AssessmentDto[]> {
    assertOrganiser(await this.requireSession(sessionId), actor);
    return (await this.learning.listSessionAssessments(sessionId)).map(toAssessmentDto);
  }

  async compareQuestionnaires(sessionId: string, actor: Actor): Promise<QuestionnaireComparisonDto> {
    assertOrganiser(await this.requireSession(sessionId), actor);
    const byLearner = new Map<string, QuestionnaireScores>();
    for (const enrolment of await this.learning.listEnrolments(sessionId)) {
      if (enrolment.status !== 'withdrawn') byLearner.set(enrolment.learnerId, { learnerId: enrolment.learnerId });
    }
    for (const assessment of await this.learning.listSessionAssessments(sessionId)) {
      const scores = byLearner.get(assessment.enrolment!.learnerId);
      const percent = (assessment.score / assessment.maxScore) * 100;
      if (scores && assessment.kind === 'pre_questionnaire') scores.pre = percent;
      if (scores && assessment.kind === 'post_questionnaire') scores.post = percent;
    }
    return { sessionId, ...compareQuestionnaires([...byLearner.values()]) };
  }

  private async complete(enrolment: Enrolment, assessmentId: string | null, at: Date, manager: EntityManager): Promise<void> {
    enrolment.completedAt = at;
    if (enrolment.session!.moduleId) await this.learning.recordModuleEvidence(enrolment, enrolment.session!.moduleId, assessmentId, at, manager);
  }

  private async requireSession(id: string): Promise<TrainingSession> {
    const session = await this.learning.findSession(id);
    if (!session) throw notFound('Session', id);
    return session;
  }
}

/** Clocks of the systems results come from (Moodle, a registrar's laptop) are allowed this far ahead of ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Results and completions belong to a session that has begun. */
function assertStarted(session: TrainingSession, field: string, what: string): void {
  if (hasStarted(session.startsOn, new Date())) return;
  throw conflict('session_not_started', `The session starts on ${session.startsOn}: no ${what} can be recorded before.`, [{ field, reason: `the session starts on ${session.startsOn}` }]);
}

/** Training records of a session belong to the school that organises it. */
export function assertOrganiser(session: TrainingSession, actor: Actor): void {
  assertCanManageCatalogue(actor, session.institutionId, 'session’s records');
}

export const toEnrolmentDto = (enrolment: Enrolment): EnrolmentDto => ({
  id: enrolment.id, sessionId: enrolment.sessionId, learnerId: enrolment.learnerId, status: enrolment.status, attendanceRate: enrolment.attendanceRate, completedAt: enrolment.completedAt,
});

const toAssessmentDto = (assessment: Assessment): AssessmentDto => ({
  id: assessment.id, enrolmentId: assessment.enrolmentId, kind: assessment.kind, score: assessment.score, maxScore: assessment.maxScore,
  passMark: assessment.passMark, passed: assessment.passed, assessedAt: assessment.assessedAt, note: assessment.note,
});
