// Training records of a session: enrolments (both sides' consent, capacity), attendance, assessments, and the
// evidence a pass yields.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessPolicy, Permission } from '../auth/access-policy.js';
import type { Actor } from '../auth/roles.js';
import type { TrainingSession } from '../catalogue/training-session.entity.js';
import { assertSessionStarted, hasStarted } from '../catalogue/session-rules.js';
import { Clock } from '../common/clock.js';
import { conflict, forbidden, invalid, notFound } from '../common/problems.js';
import { Assessment, CERTIFYING_KINDS } from './assessment.entity.js';
import type {
  AssessmentDto,
  CreateAssessmentDto,
  CreateEnrolmentDto,
  EnrolmentDto,
  QuestionnaireComparisonDto,
  UpdateEnrolmentDto,
} from './dto/records.dto.js';
import type { Enrolment } from './enrolment.entity.js';
import { LearningRepository } from './learning.repository.js';
import { compareQuestionnaires, type QuestionnaireScores } from './questionnaires.js';

@Injectable()
export class RecordsService {
  constructor(
    private readonly learning: LearningRepository,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  /**
   * The organising school offers a place, the employer's HR manager requests one; each side accepts what the other
   * asked for (accept). Someone on both sides (an administrator) enrols at once.
   */
  async enrol(sessionId: string, dto: CreateEnrolmentDto, actor: Actor): Promise<EnrolmentDto> {
    const [organiser, employer] = await Promise.all([
      this.access.check({ actor, permission: Permission.SessionRecordsManage, ids: [sessionId] }),
      this.access.check({ actor, permission: Permission.EnrolmentRequest, ids: [dto.learnerId] }),
    ]);
    return this.learning.transaction(async (manager) => {
      const session = await this.learning.lockSession(sessionId, manager);
      if (!session) throw notFound('Session', sessionId);
      if (!organiser.size && !employer.size) {
        throw forbidden(
          'not_a_party',
          'An enrolment is offered by a registrar of the organising school or requested by an HR manager of the learner’s employer.',
        );
      }
      if (!(await this.learning.findLearner(dto.learnerId, manager))) throw invalid([{ field: 'learnerId', reason: 'no such learner' }]);
      const existing = await this.learning.findEnrolment(sessionId, dto.learnerId, manager);
      if (existing && existing.status !== 'withdrawn')
        throw conflict('already_enrolled', 'The learner is already enrolled in this session.');
      const enrolled = await this.learning.countActiveEnrolments(sessionId, manager);
      if (enrolled >= session.capacity) throw conflict('session_full', `The session is full (${session.capacity} places).`);
      const enrolment = existing ?? this.learning.newEnrolment(sessionId, dto.learnerId, manager);
      enrolment.status = 'enrolled';
      enrolment.consent = organiser.size && employer.size ? 'accepted' : organiser.size ? 'offered' : 'requested';
      const accepted = enrolment.consent === 'accepted';
      Object.assign(enrolment, { acceptedAt: accepted ? this.clock.now() : null, acceptedById: accepted ? actor.userId : null });
      return toEnrolmentDto(await this.learning.saveEnrolment(enrolment, manager));
    });
  }

  /** The other side's consent: the school accepts a request, the learner (or their HR) an offer. */
  async accept(id: string, actor: Actor): Promise<EnrolmentDto> {
    await this.access.require({ actor, permission: Permission.EnrolmentAccept, ids: [id] });
    return this.learning.transaction(async (manager) => {
      const enrolment = await this.learning.lockEnrolment(id, manager);
      if (!enrolment) throw notFound('Enrolment', id);
      if (enrolment.status === 'withdrawn') throw conflict('enrolment_withdrawn', 'The enrolment was withdrawn; ask for a new one.');
      if (enrolment.consent === 'accepted') return toEnrolmentDto(enrolment);
      Object.assign(enrolment, { consent: 'accepted', acceptedAt: this.clock.now(), acceptedById: actor.userId });
      return toEnrolmentDto(await this.learning.saveEnrolment(enrolment, manager));
    });
  }

  async listEnrolments(sessionId: string, actor: Actor): Promise<EnrolmentDto[]> {
    await this.requireSession(sessionId);
    await this.access.require({ actor, permission: Permission.SessionRecordsManage, ids: [sessionId] });
    return (await this.learning.listEnrolments(sessionId)).map(toEnrolmentDto);
  }

  /** A learner's enrolments the caller may see: all of them for the learner's side, a school's own for a registrar. */
  async listLearnerEnrolments(learnerId: string, actor: Actor): Promise<EnrolmentDto[]> {
    await this.access.require({ actor, permission: Permission.LearnerRead, ids: [learnerId] });
    const all = await this.learning.listLearnerEnrolments(learnerId);
    const visible = await this.access.check({ actor, permission: Permission.EnrolmentRead, ids: all.map((enrolment) => enrolment.id) });
    return all.filter((enrolment) => visible.has(enrolment.id)).map(toEnrolmentDto);
  }

  /** Marking an enrolment completed records the module's competencies as evidence, once. */
  async updateEnrolment(id: string, dto: UpdateEnrolmentDto, actor: Actor): Promise<EnrolmentDto> {
    if (!(await this.learning.findEnrolmentById(id))) throw notFound('Enrolment', id);
    await this.access.require({ actor, permission: Permission.EnrolmentUpdate, ids: [id] });
    return this.learning.transaction(async (manager) => {
      const enrolment = await this.learning.findEnrolmentById(id, manager);
      if (!enrolment) throw notFound('Enrolment', id);
      // Withdrawing needs no consent; recording training on the learner's record does.
      if ((dto.attendanceRate !== undefined || (dto.status && dto.status !== 'withdrawn')) && enrolment.consent !== 'accepted')
        throw notAccepted();
      if (dto.attendanceRate !== undefined) enrolment.attendanceRate = dto.attendanceRate;
      if (dto.status && dto.status !== enrolment.status) {
        const now = this.clock.now();
        if (enrolment.status === 'completed')
          throw conflict('enrolment_completed', 'A completed enrolment stays completed; its evidence is recorded.');
        if (dto.status === 'completed')
          assertSessionStarted(enrolment.session!.startsOn, now, 'status', 'no completion can be recorded before.');
        enrolment.status = dto.status;
        if (dto.status === 'completed') await this.complete(enrolment, null, now, manager);
      }
      return toEnrolmentDto(await this.learning.saveEnrolment(enrolment, manager));
    });
  }

  async addAssessment(sessionId: string, dto: CreateAssessmentDto, actor: Actor): Promise<AssessmentDto> {
    await this.requireSession(sessionId);
    await this.access.require({ actor, permission: Permission.SessionRecordsManage, ids: [sessionId] });
    return this.learning.transaction(async (manager) => {
      const session = await this.learning.findSession(sessionId, manager);
      if (!session) throw notFound('Session', sessionId);
      const enrolment = await this.learning.findEnrolment(sessionId, dto.learnerId, manager);
      if (!enrolment || enrolment.status === 'withdrawn')
        throw conflict('not_enrolled', 'The learner is not enrolled in this session.', [{ field: 'learnerId', reason: 'not enrolled' }]);
      if (enrolment.consent !== 'accepted') throw notAccepted();
      return toAssessmentDto(await this.recordAssessment(enrolment, session, dto, manager));
    });
  }

  /** Shared with result imports: checks the score against its scale, and a certifying pass completes the enrolment. */
  async recordAssessment(
    enrolment: Enrolment,
    session: TrainingSession,
    dto: Omit<CreateAssessmentDto, 'learnerId'>,
    manager: EntityManager,
  ): Promise<Assessment> {
    const maxScore = dto.maxScore ?? 20;
    const passMark = dto.passMark ?? maxScore / 2;
    const errors = [];
    if (dto.score < 0 || dto.score > maxScore) errors.push({ field: 'score', reason: `must be between 0 and ${maxScore}` });
    if (passMark > maxScore) errors.push({ field: 'passMark', reason: `must not exceed maxScore ${maxScore}` });
    const now = this.clock.now();
    const assessedAt = dto.assessedAt ?? now;
    // Only the pre-training questionnaire comes before the session; nothing is assessed in the future.
    if (dto.kind !== 'pre_questionnaire') {
      assertSessionStarted(session.startsOn, now, 'session', `no ${dto.kind.replace('_', ' ')} can be recorded before.`);
      if (!hasStarted(session.startsOn, assessedAt))
        errors.push({ field: 'assessedAt', reason: `before the session starts on ${session.startsOn}` });
    }
    if (assessedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) errors.push({ field: 'assessedAt', reason: 'in the future' });
    if (errors.length) throw invalid(errors);
    const assessment = await this.learning.addAssessment(
      {
        enrolmentId: enrolment.id,
        kind: dto.kind,
        score: dto.score,
        maxScore,
        passMark,
        passed: dto.score >= passMark,
        assessedAt,
        note: dto.note ?? null,
      },
      manager,
    );
    if (assessment.passed && CERTIFYING_KINDS.includes(dto.kind) && enrolment.status !== 'completed') {
      enrolment.status = 'completed';
      enrolment.session = session;
      await this.complete(enrolment, assessment.id, assessedAt, manager);
      await this.learning.saveEnrolment(enrolment, manager);
    }
    return assessment;
  }

  async listAssessments(sessionId: string, actor: Actor): Promise<AssessmentDto[]> {
    await this.requireSession(sessionId);
    await this.access.require({ actor, permission: Permission.SessionRecordsManage, ids: [sessionId] });
    return (await this.learning.listSessionAssessments(sessionId)).map(toAssessmentDto);
  }

  async compareQuestionnaires(sessionId: string, actor: Actor): Promise<QuestionnaireComparisonDto> {
    await this.requireSession(sessionId);
    await this.access.require({ actor, permission: Permission.SessionRecordsManage, ids: [sessionId] });
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
    if (enrolment.session!.moduleId)
      await this.learning.recordModuleEvidence(enrolment, enrolment.session!.moduleId, assessmentId, at, manager);
  }

  private async requireSession(id: string): Promise<TrainingSession> {
    const session = await this.learning.findSession(id);
    if (!session) throw notFound('Session', id);
    return session;
  }
}

/** Clocks of the systems results come from (Moodle, a registrar's laptop) are allowed this far ahead of ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

const notAccepted = () =>
  conflict(
    'enrolment_not_accepted',
    'The enrolment awaits the other side’s acceptance (POST /enrolments/{id}/acceptance); no training is recorded before.',
  );

export const toEnrolmentDto = (enrolment: Enrolment): EnrolmentDto => ({
  id: enrolment.id,
  sessionId: enrolment.sessionId,
  learnerId: enrolment.learnerId,
  status: enrolment.status,
  consent: enrolment.consent,
  attendanceRate: enrolment.attendanceRate,
  completedAt: enrolment.completedAt,
});

const toAssessmentDto = (assessment: Assessment): AssessmentDto => ({
  id: assessment.id,
  enrolmentId: assessment.enrolmentId,
  kind: assessment.kind,
  score: assessment.score,
  maxScore: assessment.maxScore,
  passMark: assessment.passMark,
  passed: assessment.passed,
  assessedAt: assessment.assessedAt,
  note: assessment.note,
});
