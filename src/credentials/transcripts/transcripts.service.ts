// A school's transcript (CLR 2.0 ClrCredential) of a learner's record in a programme: the learner's released module
// certificates embedded unchanged (each keeps its proof), the programme as an achievement the modules are children
// of, `partial` until the completion rule holds. Signed, given a status entry, stored and audited like a certificate.
import { Inject, Injectable } from '@nestjs/common';
import { Permission, requireOnInstitutions } from '../../auth/access-policy.js';
import type { Actor } from '../../auth/roles.js';
import type { LocalizedText } from '../../common/localized-text.js';
import { conflict, invalid, notFound } from '../../common/problems.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Credential } from '../credential.entity.js';
import { CredentialsRepository } from '../credentials.repository.js';
import type { CredentialDto } from '../dto/credential.dto.js';
import { IssuanceService } from '../issuance.service.js';
import { programmeOutcome } from '../programme-outcome.js';
import { buildClrCredential } from '../vc/clr.js';
import type { JsonObject } from '../vc/issuer.js';
import type { IdentityObject } from '../vc/open-badges.js';
import type { IssueTranscriptDto } from './transcript.dto.js';

const text = (value: LocalizedText | null | undefined): string => value?.fr ?? value?.en ?? value?.ar ?? '';

/**
 * The transcript's subject names the learner by every identity its certificates give (the name, each salted email
 * hash): a verifier then checks each embedded certificate is about this subject without learning the email.
 */
function subjectIdentities(certificates: JsonObject[]): IdentityObject[] {
  const seen = new Map<string, IdentityObject>();
  for (const certificate of certificates) {
    const subject = certificate.credentialSubject as { identifier?: IdentityObject[] };
    for (const identity of subject.identifier ?? []) seen.set(JSON.stringify(identity), identity);
  }
  return [...seen.values()];
}

@Injectable()
export class TranscriptsService {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly issuance: IssuanceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(learnerId: string, dto: IssueTranscriptDto, actor: Actor): Promise<CredentialDto> {
    return this.credentials.transaction(async (manager) => {
      const learner = await this.credentials.findLearner(learnerId, manager);
      if (!learner) throw notFound('Learner', learnerId);
      const programme = await this.credentials.findProgramme(dto.programmeId, manager);
      if (!programme) throw notFound('Programme', dto.programmeId);
      const schools = (programme.awards ?? []).map((award) => award.institution!);
      const school = dto.institutionId ? schools.find((candidate) => candidate.id === dto.institutionId) : schools[0];
      if (!school) {
        throw invalid([
          {
            field: 'institutionId',
            reason: dto.institutionId ? 'not an awarding school of this programme' : 'the programme has no awarding school',
          },
        ]);
      }
      requireOnInstitutions(actor, Permission.TranscriptIssue, [school.id]);

      const entries = programme.modules ?? [];
      const held = await this.credentials.findReleasedCertificates(
        learnerId,
        entries.map((entry) => entry.moduleId),
        manager,
      );
      if (held.length === 0) {
        throw conflict('nothing_to_transcribe', 'The learner holds no released certificate in this programme.', [
          {
            field: 'programmeId',
            reason: 'no released, unrevoked, unsuspended module certificate of this learner belongs to the programme',
          },
        ]);
      }
      const outcome = await programmeOutcome(this.credentials, programme, learnerId, manager);
      const documents = held.map((certificate) => certificate.document as JsonObject);
      const programmeAchievementId = `${this.config.publicBaseUrl}/programmes/${programme.id}`;
      const moduleAchievementIds = documents.map((document) =>
        String(((document.credentialSubject as JsonObject).achievement as JsonObject).id),
      );
      const title = text(programme.title);
      const credits = entries.reduce((sum, entry) => sum + (entry.module!.ectsCredits ?? 0), 0);

      const credential = manager.create(Credential, {
        kind: 'transcript',
        state: 'issued',
        issuerInstitutionId: school.id,
        signerInstitutionIds: [school.id],
        learnerId,
        enrolmentId: null,
        moduleId: null,
        programmeId: programme.id,
        statusReason: null,
        batchId: null,
      });
      await this.issuance.signAndStore(
        [
          {
            credential,
            build: ([issuer], credentialId, credentialStatus, issuedAt) =>
              buildClrCredential({
                id: credentialId,
                name: `Relevé — ${title}`,
                description: outcome.eligible
                  ? `Parcours ${programme.code} achevé.`
                  : `Parcours ${programme.code} en cours : relevé partiel.`,
                issuer,
                subject: { identifier: subjectIdentities(documents) },
                credentials: documents,
                achievements: [
                  {
                    id: programmeAchievementId,
                    name: title,
                    description: text(programme.description) || `Parcours — ${title}`,
                    criteria: { narrative: `Programme ${programme.code}: required modules, electives and completion rules.` },
                    achievementType: 'LearningProgram',
                    humanCode: programme.code,
                    inLanguage: 'fr',
                    ...(credits ? { creditsAvailable: credits } : {}),
                  },
                ],
                associations: moduleAchievementIds.map((sourceId) => ({
                  associationType: 'isChildOf' as const,
                  sourceId,
                  targetId: programmeAchievementId,
                })),
                validFrom: issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
                partial: !outcome.eligible,
                credentialStatus,
              }),
          },
        ],
        manager,
        [school],
        { userId: actor.userId },
      );
      return this.issuance.toDto(credential, manager);
    });
  }
}
