// Our records as Open Badges 3.0: a module certificate and a (co-accredited) diploma. Pure mapping, no I/O.
import type { LocalizedText } from '../common/localized-text.js';
import {
  buildAchievementCredential,
  hashedIdentity,
  type AlignmentInput,
  type IdentityObject,
  type ProfileInput,
} from './vc/open-badges.js';
import type { JsonObject } from './vc/issuer.js';
import type { AlignedItem } from './credentials.repository.js';

export interface LearnerIdentity {
  givenName: string;
  familyName: string;
  email: string | null;
  staffNumber: string | null;
}

export interface AwardInput {
  credentialId: string;
  /** Lead school first; several for a co-accredited diploma. */
  awardingBodies: ProfileInput[];
  learner: LearnerIdentity;
  achievement: { id: string; title: LocalizedText; description: LocalizedText | null; code: string; hours: number; credits: number | null };
  items: AlignedItem[];
  /** "14.5/20" for a certificate, "average 71.67%" for a diploma. */
  result?: string;
  issuedAt: Date;
  credentialStatus: JsonObject;
}

const text = (value: LocalizedText | null | undefined): string => value?.fr ?? value?.en ?? value?.ar ?? '';

/**
 * The learner is named in plain text (an OB 3.0 IdentityObject with hashed: false), because employers read the name
 * on the credential; the email, when there is one, is given as a salted hash so it can be matched but not harvested.
 */
export function identify(learner: LearnerIdentity, salt: string): IdentityObject[] {
  const identities: IdentityObject[] = [
    { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: `${learner.givenName} ${learner.familyName}` },
  ];
  if (learner.email) identities.push(hashedIdentity({ identityType: 'emailAddress', identity: learner.email.toLowerCase(), salt }));
  return identities;
}

function alignment(items: AlignedItem[]): AlignmentInput[] {
  return items.map((item) => ({
    targetName: text(item.label),
    targetUrl: item.uri,
    ...(item.code ? { targetCode: item.code } : {}),
    targetFramework: text(item.frameworkTitle),
    targetDescription: text(item.levelLabel),
    targetType: 'CFItem',
  }));
}

export function buildAward(input: AwardInput, kind: 'certificate' | 'diploma'): JsonObject {
  const [lead, ...others] = input.awardingBodies;
  const achievementType = kind === 'certificate' ? 'Certificate' : 'Diploma';
  const title = text(input.achievement.title);
  return buildAchievementCredential({
    id: input.credentialId,
    name: title,
    issuer: lead,
    coAwardingBodies: others,
    subject: { identifier: identify(input.learner, input.credentialId) },
    achievement: {
      id: input.achievement.id,
      name: title,
      description: text(input.achievement.description) || `${achievementType} — ${title}`,
      criteria: {
        narrative:
          kind === 'certificate'
            ? `Module ${input.achievement.code} (${input.achievement.hours} h) followed and passed.`
            : `Programme ${input.achievement.code} (${input.achievement.hours} h) completed: required modules, electives and completion rules met.`,
      },
      achievementType,
      humanCode: input.achievement.code,
      inLanguage: 'fr',
      ...(input.achievement.credits ? { creditsAvailable: input.achievement.credits } : {}),
      alignment: alignment(input.items),
    },
    ...(input.result ? { results: [{ value: input.result, status: 'Completed' as const }] } : {}),
    validFrom: input.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialStatus: input.credentialStatus,
  });
}
