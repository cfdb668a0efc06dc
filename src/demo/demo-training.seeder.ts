// Loads the demo's training activity through the same services as the API: modules, a co-accredited programme,
// sessions, staff with results and observations, certificates, a diploma signed by both schools, a revoked one.
import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service.js';
import type { Actor } from '../auth/roles.js';
import { ProgrammesService } from '../catalogue/programmes.service.js';
import { TrainingModulesService } from '../catalogue/training-modules.service.js';
import { TrainingSessionsService } from '../catalogue/training-sessions.service.js';
import { IssuanceService } from '../credentials/issuance.service.js';
import { StatusListsService } from '../credentials/status/status-lists.service.js';
import { TranscriptsService } from '../credentials/transcripts/transcripts.service.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { LearnersService } from '../learning/learners.service.js';
import { RecordsService } from '../learning/records.service.js';
import { demoHospital, demoHospitalHr, demoLearners, demoModules, demoProgramme } from './demo-training.js';
import { DEMO_PASSWORD } from './demo-users.js';

export interface DemoContext {
  admin: Actor;
  institutionIds: Map<string, string>;
  itemIds: Map<string, string>;
  profileIds: Map<string, string>;
  /** Users by email, with their ids. */
  users: Map<string, { id: string; institutionId: string | null }>;
}

const registrarOf = (context: DemoContext, email: string): Actor => {
  const user = context.users.get(email)!;
  return { userId: user.id, role: 'registrar', institutionId: user.institutionId };
};

@Injectable()
export class DemoTrainingSeeder {
  constructor(
    private readonly institutions: InstitutionsService,
    private readonly auth: AuthService,
    private readonly modules: TrainingModulesService,
    private readonly programmes: ProgrammesService,
    private readonly sessions: TrainingSessionsService,
    private readonly learners: LearnersService,
    private readonly records: RecordsService,
    private readonly issuance: IssuanceService,
    private readonly statusLists: StatusListsService,
    private readonly transcripts: TranscriptsService,
  ) {}

  async seed(context: DemoContext): Promise<void> {
    const ensm = context.institutionIds.get('ensm-alger')!;
    const ehesp = context.institutionIds.get('ehesp-rennes')!;
    const ensmRegistrar = registrarOf(context, 'scolarite@ensm.demo.example');
    const ehespRegistrar = registrarOf(context, 'scolarite@ehesp.demo.example');
    const hospital = (await this.institutions.create(demoHospital)).id;
    const hr = await this.auth.createUser({ ...demoHospitalHr, password: DEMO_PASSWORD, role: 'hr_manager', institutionId: hospital });
    const hrActor: Actor = { userId: hr.id, role: 'hr_manager', institutionId: hospital };

    const moduleIds = new Map<string, string>();
    for (const module of demoModules) {
      const created = await this.modules.create(
        {
          code: module.code,
          title: module.title,
          description: module.description,
          hours: module.hours,
          ectsCredits: module.ectsCredits,
          modality: module.modality,
          language: 'fr',
          providerInstitutionIds: [ensm, ehesp],
          outcomes: module.outcomes.map(([code, level]) => ({ itemId: context.itemIds.get(code)!, level })),
        },
        ensmRegistrar,
      );
      moduleIds.set(module.code, created.id);
    }
    const programme = await this.programmes.create(
      {
        code: demoProgramme.code,
        kind: 'diploma',
        title: demoProgramme.title,
        description: demoProgramme.description,
        awardingInstitutionIds: [ensm, ehesp],
        minimumAverage: demoProgramme.minimumAverage,
        electiveGroups: [{ code: 'OPTIONS', minimumModules: demoProgramme.electivesNeeded }],
        modules: [
          ...demoProgramme.required.map((code) => ({ moduleId: moduleIds.get(code)!, required: true })),
          ...demoProgramme.electives.map((code) => ({ moduleId: moduleIds.get(code)!, required: false, electiveGroup: 'OPTIONS' })),
        ],
      },
      ensmRegistrar,
    );

    // One 2026 session per module, plus the next crisis-management session, still open.
    const sessionIds = new Map<string, string>();
    let month = 2;
    for (const module of demoModules) {
      const online = module.modality.startsWith('distance');
      const start = `2026-${String(month).padStart(2, '0')}-09`;
      const session = await this.sessions.create(
        {
          code: `${module.code}-2026-1`,
          moduleId: moduleIds.get(module.code)!,
          startsOn: start,
          endsOn: `2026-${String(month).padStart(2, '0')}-13`,
          place: online ? null : 'ENSM, Alger — amphithéâtre B',
          onlineUrl: online || module.modality === 'hybrid' ? `https://moodle.ensm.example.dz/course/view.php?id=${100 + month}` : null,
          trainers: ['Pr. Farid Hamidi', 'Dr. Lila Ouali'],
          capacity: 25,
        },
        ensmRegistrar,
      );
      sessionIds.set(module.code, session.id);
      month++;
    }
    await this.sessions.create(
      {
        code: 'GC-SSE-2027-1',
        moduleId: moduleIds.get('GC-SSE')!,
        startsOn: '2027-02-08',
        endsOn: '2027-02-12',
        place: 'ENSM, Alger — amphithéâtre B',
        trainers: ['Pr. Farid Hamidi'],
        capacity: 24,
      },
      ensmRegistrar,
    );

    const learnerIds = new Map<string, string>();
    const demoLogin = context.users.get('apprenant@demo.example')!;
    for (const person of demoLearners) {
      const learner = await this.learners.create(
        {
          givenName: person.givenName,
          familyName: person.familyName,
          staffNumber: person.staffNumber,
          email: `${person.givenName.toLowerCase()}.${person.familyName.toLowerCase().replace(/[^a-z]/g, '')}@chu-mustapha.example.dz`,
          currentProfileId: context.profileIds.get(person.profile),
          targetProfileId: person.target ? context.profileIds.get(person.target) : undefined,
          userId: person.key === 'nadia' ? demoLogin.id : undefined,
        },
        hrActor,
      );
      learnerIds.set(person.key, learner.id);
      for (const [code, level, note] of person.observed ?? []) {
        await this.learners.addEvidence(
          learner.id,
          { itemId: context.itemIds.get(code)!, level, note, observedAt: new Date('2026-05-20T09:00:00Z') },
          hrActor,
        );
      }
    }

    const certificates = new Map<string, string>();
    for (const person of demoLearners) {
      for (const [code, score] of person.results) {
        const sessionId = sessionIds.get(code)!;
        const learnerId = learnerIds.get(person.key)!;
        // The hospital's HR asks for the place, the school accepts: an enrolment both sides consented to.
        const enrolment = await this.records.enrol(sessionId, { learnerId }, hrActor);
        await this.records.accept(enrolment.id, ensmRegistrar);
        await this.records.updateEnrolment(enrolment.id, { attendanceRate: score >= 10 ? 100 : 80 }, ensmRegistrar);
        if (code === 'GC-SSE') {
          await this.records.addAssessment(
            sessionId,
            { learnerId, kind: 'pre_questionnaire', score: Math.max(4, score - 6) },
            ensmRegistrar,
          );
          await this.records.addAssessment(
            sessionId,
            { learnerId, kind: 'post_questionnaire', score: Math.min(20, score + 1) },
            ensmRegistrar,
          );
        }
        await this.records.addAssessment(sessionId, { learnerId, kind: 'final_exam', score }, ensmRegistrar);
        if (score >= 10) certificates.set(`${person.key}:${code}`, (await this.issuance.issueCertificate(enrolment.id, ensmRegistrar)).id);
      }
    }

    // Nadia's co-accredited diploma: prepared and signed by the ENSM, then signed by the EHESP.
    const diploma = await this.issuance.prepareDiploma(programme.id, learnerIds.get('nadia')!, ensmRegistrar);
    await this.issuance.sign(diploma.id, ehespRegistrar);
    // Her CLR 2.0 transcript of the programme, bundling the module certificates.
    await this.transcripts.issue(learnerIds.get('nadia')!, { programmeId: programme.id }, ensmRegistrar);
    // A certificate issued by mistake and revoked, and one suspended while a result is checked.
    await this.statusLists.changeStatus(
      certificates.get('amina:GC-SSE')!,
      'revoke',
      'Certificat délivré par erreur : note saisie sur la mauvaise session',
      ensmRegistrar,
    );
    await this.statusLists.changeStatus(
      certificates.get('yacine:TECH-BIO')!,
      'suspend',
      'Vérification de la note de l’épreuve finale en cours',
      ensmRegistrar,
    );
  }
}
