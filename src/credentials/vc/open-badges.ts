// Open Badges 3.0 AchievementCredential builders (certificates, co-accredited diplomas) and a shape check.
import { createHash } from 'node:crypto';
import { OB_V3P0_CONTEXT_URL, VC_V2_CONTEXT_URL } from './bundled-contexts.js';
import type { JsonObject } from './issuer.js';

/**
 * A co-accredited diploma names all its awarding schools in `awardingBody`. OB 3.0 has no multi-valued "awarded by"
 * (Achievement.creator and AchievementSubject.source are single Profiles; `endorsement` needs separate signed
 * EndorsementCredentials), and VC 2.0 allows one `issuer`. The term is the European Learning Model's awardingBody,
 * made for joint degrees; it is defined by this inline context, which VC 2.0 and the OB 3.0 JSON Schema both allow
 * ("a URI or a map with a local context definition") and which any verifier processes without fetching anything.
 * It sits at the credential's root because the OB schema closes AchievementSubject (additionalProperties: false).
 */
export const AWARDING_BODY_CONTEXT = Object.freeze({
  awardingBody: { '@id': 'http://data.europa.eu/snb/model/elm/awardingBody', '@container': '@set' },
});

export type AchievementType =
  | 'Achievement'
  | 'Assessment'
  | 'Award'
  | 'Badge'
  | 'BachelorDegree'
  | 'Certificate'
  | 'CertificateOfCompletion'
  | 'Certification'
  | 'Competency'
  | 'Course'
  | 'Degree'
  | 'Diploma'
  | 'DoctoralDegree'
  | 'LearningProgram'
  | 'License'
  | 'MasterCertificate'
  | 'MasterDegree'
  | 'MicroCredential'
  | `ext:${string}`;

export interface ProfileInput {
  id: string;
  name: string;
  url?: string;
  email?: string;
}

/** An alignment to a CASE item: targetUrl is the item's URI (…/ims/case/v1p1/CFItems/{identifier}). */
export interface AlignmentInput {
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetFramework?: string;
  targetDescription?: string;
  targetType?: 'CFItem' | 'CFRubric' | 'ceasn:Competency' | 'ceterms:Credential' | 'CTDL' | `ext:${string}`;
}

export interface AchievementInput {
  id: string;
  name: string;
  description: string;
  criteria: { narrative?: string; id?: string };
  achievementType: AchievementType;
  creditsAvailable?: number;
  fieldOfStudy?: string;
  humanCode?: string;
  inLanguage?: string;
  alignment?: AlignmentInput[];
  /** Who defined the achievement (e.g. the school that designed the programme). */
  creator?: ProfileInput;
}

export interface IdentityObject {
  type: 'IdentityObject';
  hashed: boolean;
  identityHash: string;
  identityType: string;
  salt?: string;
}

/** The learner: a DID when they have a wallet, otherwise hashed identifiers (e.g. a student number). */
export interface AchievementSubjectInput {
  id?: string;
  identifier?: IdentityObject[];
}

export interface ResultInput {
  value?: string;
  status?: 'Completed' | 'Enrolled' | 'Failed' | 'InProgress' | 'OnHold' | 'Provisional' | 'Withdrew';
  resultDescription?: string;
  achievedLevel?: string;
  alignment?: AlignmentInput[];
}

/** OB 3.0 IdentityHash: "sha256$" + hex(SHA-256(identity + salt)); the salt keeps the value unguessable. */
export function hashedIdentity({ identityType, identity, salt }: { identityType: string; identity: string; salt: string }): IdentityObject {
  if (!identity) throw new TypeError('"identity" is required.');
  if (!salt) throw new TypeError('"salt" is required.');
  const digest = createHash('sha256')
    .update(identity + salt, 'utf8')
    .digest('hex');
  return { type: 'IdentityObject', hashed: true, identityHash: `sha256$${digest}`, identityType, salt };
}

export function buildProfile({ id, name, url, email }: ProfileInput): JsonObject {
  if (!id) throw new TypeError('"profile.id" is required.');
  if (!name) throw new TypeError('"profile.name" is required.');
  return { id, type: ['Profile'], name, ...(url ? { url } : {}), ...(email ? { email } : {}) };
}

export function buildAlignment({ targetType = 'CFItem', ...alignment }: AlignmentInput): JsonObject {
  if (!alignment.targetName) throw new TypeError('"alignment.targetName" is required.');
  if (!alignment.targetUrl) throw new TypeError('"alignment.targetUrl" is required.');
  return { type: ['Alignment'], ...alignment, targetType };
}

export function buildAchievement(input: AchievementInput): JsonObject {
  const { id, name, description, criteria, achievementType, alignment, creator, ...optional } = input;
  if (!id) throw new TypeError('"achievement.id" is required.');
  if (!name) throw new TypeError('"achievement.name" is required.');
  if (!description) throw new TypeError('"achievement.description" is required.');
  if (!criteria?.narrative && !criteria?.id) throw new TypeError('"achievement.criteria" needs a narrative or an id.');
  if (!achievementType) throw new TypeError('"achievement.achievementType" is required.');
  return {
    id,
    type: ['Achievement'],
    achievementType,
    name,
    description,
    criteria,
    ...optional,
    ...(creator ? { creator: buildProfile(creator) } : {}),
    ...(alignment?.length ? { alignment: alignment.map(buildAlignment) } : {}),
  };
}

export interface AchievementCredentialInput {
  id: string;
  name: string;
  description?: string;
  /** The lead school: it signs first and is the credential's `issuer`. */
  issuer: ProfileInput;
  /** For a co-accredited diploma: the other awarding schools, each of which adds its own proof. */
  coAwardingBodies?: ProfileInput[];
  subject: AchievementSubjectInput;
  achievement: AchievementInput;
  results?: ResultInput[];
  validFrom: string;
  validUntil?: string;
  awardedDate?: string;
  credentialStatus?: JsonObject | JsonObject[];
}

export function buildAchievementCredential(input: AchievementCredentialInput): JsonObject {
  const {
    id,
    name,
    description,
    issuer,
    coAwardingBodies = [],
    subject,
    achievement,
    results,
    validFrom,
    validUntil,
    awardedDate,
    credentialStatus,
  } = input;
  if (!id) throw new TypeError('"id" is required.');
  if (!name) throw new TypeError('"name" is required.');
  if (!issuer) throw new TypeError('"issuer" is required.');
  if (!subject?.id && !subject?.identifier?.length) throw new TypeError('"subject" needs an id or an identifier.');
  if (!achievement) throw new TypeError('"achievement" is required.');
  if (!validFrom) throw new TypeError('"validFrom" is required.');
  if (coAwardingBodies.some((body) => body.id === issuer.id)) throw new TypeError('"coAwardingBodies" must not repeat the issuer.');
  const coAwarded = coAwardingBodies.length > 0;

  return {
    '@context': [VC_V2_CONTEXT_URL, OB_V3P0_CONTEXT_URL, ...(coAwarded ? [AWARDING_BODY_CONTEXT] : [])],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name,
    ...(description ? { description } : {}),
    issuer: buildProfile(issuer),
    ...(coAwarded ? { awardingBody: [issuer, ...coAwardingBodies].map(buildProfile) } : {}),
    validFrom,
    ...(validUntil ? { validUntil } : {}),
    ...(awardedDate ? { awardedDate } : {}),
    credentialSubject: {
      ...(subject.id ? { id: subject.id } : {}),
      type: ['AchievementSubject'],
      ...(subject.identifier?.length ? { identifier: subject.identifier } : {}),
      achievement: buildAchievement(achievement),
      ...(results?.length
        ? {
            result: results.map(({ alignment, ...result }) => ({
              type: ['Result'],
              ...result,
              ...(alignment?.length ? { alignment: alignment.map(buildAlignment) } : {}),
            })),
          }
        : {}),
    },
    ...(credentialStatus ? { credentialStatus } : {}),
  };
}

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const isObject = (value: unknown): value is JsonObject => !!value && typeof value === 'object' && !Array.isArray(value);
const hasType = (node: unknown, ...types: string[]): boolean =>
  isObject(node) && asList(node.type).some((t) => types.includes(t as string));

/** The OB 3.0 (VC 2.0 flavour) required fields this credential lacks, as paths; empty when the shape is complete. */
export function checkOpenBadgeShape(credential: unknown): string[] {
  if (!isObject(credential)) return ['(a JSON object)'];
  const missing: string[] = [];
  const need = (ok: boolean, path: string): void => {
    if (!ok) missing.push(path);
  };
  const contexts = asList(credential['@context']);
  need(contexts[0] === VC_V2_CONTEXT_URL, '@context[0] = https://www.w3.org/ns/credentials/v2');
  need(
    contexts.some((c) => typeof c === 'string' && c.startsWith('https://purl.imsglobal.org/spec/ob/v3p0/context')),
    '@context (Open Badges 3.0)',
  );
  need(typeof credential.id === 'string', 'id');
  need(asList(credential.type).includes('VerifiableCredential'), 'type (VerifiableCredential)');
  need(hasType(credential, 'OpenBadgeCredential', 'AchievementCredential'), 'type (OpenBadgeCredential)');
  need(typeof credential.name === 'string' && credential.name !== '', 'name');
  need(typeof credential.validFrom === 'string', 'validFrom');
  const issuer = credential.issuer;
  need(isObject(issuer) || typeof issuer === 'string', 'issuer');
  if (isObject(issuer)) {
    need(typeof issuer.id === 'string', 'issuer.id');
    need(hasType(issuer, 'Profile'), 'issuer.type (Profile)');
  }
  const subject = credential.credentialSubject;
  need(isObject(subject), 'credentialSubject');
  if (!isObject(subject)) return missing;
  need(hasType(subject, 'AchievementSubject'), 'credentialSubject.type (AchievementSubject)');
  need(typeof subject.id === 'string' || asList(subject.identifier).length > 0, 'credentialSubject.id or credentialSubject.identifier');
  const achievement = subject.achievement;
  need(isObject(achievement), 'credentialSubject.achievement');
  if (!isObject(achievement)) return missing;
  need(typeof achievement.id === 'string', 'credentialSubject.achievement.id');
  need(hasType(achievement, 'Achievement'), 'credentialSubject.achievement.type (Achievement)');
  need(typeof achievement.name === 'string', 'credentialSubject.achievement.name');
  need(typeof achievement.description === 'string', 'credentialSubject.achievement.description');
  const criteria = achievement.criteria;
  need(
    isObject(criteria) && (typeof criteria.narrative === 'string' || typeof criteria.id === 'string'),
    'credentialSubject.achievement.criteria (id or narrative)',
  );
  return missing;
}
