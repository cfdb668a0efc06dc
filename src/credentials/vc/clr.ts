// CLR 2.0 ClrCredential: one learner's record bundling the (already signed) module credentials of a programme.
import { CLR_V2P0_CONTEXT_URL, OB_V3P0_CONTEXT_URL, VC_V2_CONTEXT_URL } from './bundled-contexts.js';
import type { JsonObject } from './issuer.js';
import { type AchievementInput, type AchievementSubjectInput, type ProfileInput, buildAchievement, buildProfile } from './open-badges.js';

export type AssociationType =
  'exactMatchOf' | 'isChildOf' | 'isParentOf' | 'isPartOf' | 'isPeerOf' | 'isRelatedTo' | 'precedes' | 'replacedBy';

/** Links two achievements of the record, e.g. a module achievement `isChildOf` the programme achievement. */
export interface AssociationInput {
  associationType: AssociationType;
  sourceId: string;
  targetId: string;
}

export interface ClrCredentialInput {
  id: string;
  name: string;
  description?: string;
  issuer: ProfileInput;
  subject: AchievementSubjectInput;
  /** Signed AchievementCredentials, embedded unchanged so each keeps its own proof. */
  credentials: JsonObject[];
  /** Achievements described without a credential of their own (e.g. the programme the modules belong to). */
  achievements?: AchievementInput[];
  associations?: AssociationInput[];
  validFrom: string;
  validUntil?: string;
  /** The record is not complete yet (a programme in progress): CLR 2.0's `partial`. */
  partial?: boolean;
  /** Status entries (Bitstring Status List), as on any credential we issue. */
  credentialStatus?: JsonObject | JsonObject[];
}

export function buildClrCredential(input: ClrCredentialInput): JsonObject {
  const {
    id,
    name,
    description,
    issuer,
    subject,
    credentials,
    achievements,
    associations,
    validFrom,
    validUntil,
    partial,
    credentialStatus,
  } = input;
  if (!id) throw new TypeError('"id" is required.');
  if (!name) throw new TypeError('"name" is required.');
  if (!issuer) throw new TypeError('"issuer" is required.');
  if (!subject?.id && !subject?.identifier?.length) throw new TypeError('"subject" needs an id or an identifier.');
  if (!credentials?.length) throw new TypeError('"credentials" must hold at least one credential (CLR 2.0 requires it).');
  if (!validFrom) throw new TypeError('"validFrom" is required.');
  return {
    '@context': [VC_V2_CONTEXT_URL, CLR_V2P0_CONTEXT_URL, OB_V3P0_CONTEXT_URL],
    id,
    type: ['VerifiableCredential', 'ClrCredential'],
    name,
    ...(description ? { description } : {}),
    ...(partial !== undefined ? { partial } : {}),
    issuer: buildProfile(issuer),
    validFrom,
    ...(validUntil ? { validUntil } : {}),
    credentialSubject: {
      ...(subject.id ? { id: subject.id } : {}),
      type: ['ClrSubject'],
      ...(subject.identifier?.length ? { identifier: subject.identifier } : {}),
      verifiableCredential: structuredClone(credentials),
      ...(achievements?.length ? { achievement: achievements.map(buildAchievement) } : {}),
      ...(associations?.length ? { association: associations.map((a) => ({ type: 'Association', ...a })) } : {}),
    },
    ...(credentialStatus ? { credentialStatus } : {}),
  };
}
