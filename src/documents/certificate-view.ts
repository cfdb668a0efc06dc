// What a printed certificate shows, and how it is read from a signed Open Badges 3.0 credential plus display extras.
import type { JsonObject } from '../credentials/vc/issuer.js';

export type CertificateKind = 'Certificate' | 'Diploma';

/** French always; Arabic when the school or the framework has it. The page is bilingual French + Arabic. */
export interface LocalizedLabel {
  fr: string;
  ar?: string;
}

export interface CertificateCompetency {
  code?: string;
  label: LocalizedLabel;
  /** The level the credential states for it (the alignment's targetDescription), in French. */
  level?: string;
}

export interface AwardingInstitution {
  name: LocalizedLabel;
  /** The school's uploaded logo, PNG bytes. */
  logoPng?: Uint8Array;
}

export interface CertificateView {
  credentialId: string;
  /** The public verification page of this credential, encoded in the QR code and printed under it. */
  verificationUrl: string;
  learnerName: LocalizedLabel;
  achievementTitle: LocalizedLabel;
  achievementType: CertificateKind;
  issuedOn: Date;
  hours?: number;
  credits?: number;
  /** The result the credential states: "14.5/20" for a certificate, "moyenne 71.67 %" for a diploma. */
  result?: string;
  competencies: CertificateCompetency[];
  /** One school for a module certificate; two or more, lead school first, for a co-accredited diploma. */
  awardingInstitutions: AwardingInstitution[];
  /** An optional line such as "Duplicata" or "Révoqué le …", printed in the alert colour. */
  statusLine?: LocalizedLabel;
}

/** What the credential (with the display extras) says, without what only the paper adds: the public page shows it. */
export type CertificateContent = Omit<CertificateView, 'verificationUrl' | 'learnerName' | 'statusLine'>;

/** What the credential does not carry but the page shows: names in Arabic, logos, the learner's name, hours. */
export interface CertificateDisplayExtras {
  verificationUrl: string;
  /** Open Badges subjects are DIDs or hashed identifiers: the name comes from the school's records. */
  learnerName: LocalizedLabel;
  achievementTitleAr?: string;
  hours?: number;
  /** By the school's profile id (its DID): names in French and Arabic and the uploaded logo. */
  institutions?: ReadonlyMap<string, { name?: LocalizedLabel; logoPng?: Uint8Array }>;
  /** By the alignment's targetUrl (the CASE item URI): the framework's labels. */
  competencyLabels?: ReadonlyMap<string, LocalizedLabel>;
  statusLine?: LocalizedLabel;
}

// Achievement types printed as a diploma; every other type is a certificate.
const DIPLOMA_TYPES = new Set(['Diploma', 'Degree', 'BachelorDegree', 'MasterDegree', 'DoctoralDegree']);

const isObject = (value: unknown): value is JsonObject => !!value && typeof value === 'object' && !Array.isArray(value);
const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function requireText(value: unknown, path: string): string {
  const found = text(value);
  if (!found) throw new TypeError(`The credential has no "${path}".`);
  return found;
}

function issuedOn(credential: JsonObject): Date {
  const raw = requireText(credential.awardedDate ?? credential.validFrom, 'validFrom');
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) throw new TypeError(`The credential's date "${raw}" is not a date.`);
  return date;
}

function awardingInstitutions(credential: JsonObject, extras: Pick<CertificateDisplayExtras, 'institutions'>): AwardingInstitution[] {
  // A co-accredited diploma lists every school (lead first) in awardingBody; a certificate has only its issuer.
  const profiles = credential.awardingBody !== undefined ? asList(credential.awardingBody) : [credential.issuer];
  return profiles.map((profile, index) => {
    const id = isObject(profile) ? text(profile.id) : text(profile);
    const known = id ? extras.institutions?.get(id) : undefined;
    const name = known?.name ?? {
      fr: (isObject(profile) ? text(profile.name) : undefined) ?? requireText(id, `awardingBody[${index}].id`),
    };
    return { name, ...(known?.logoPng ? { logoPng: known.logoPng } : {}) };
  });
}

function competencies(achievement: JsonObject, extras: Pick<CertificateDisplayExtras, 'competencyLabels'>): CertificateCompetency[] {
  return asList(achievement.alignment)
    .filter(isObject)
    .flatMap((alignment) => {
      const url = text(alignment.targetUrl);
      const label =
        (url ? extras.competencyLabels?.get(url) : undefined) ??
        (text(alignment.targetName) ? { fr: text(alignment.targetName)! } : undefined);
      if (!label) return [];
      const code = text(alignment.targetCode);
      const level = text(alignment.targetDescription);
      return [{ ...(code ? { code } : {}), label, ...(level ? { level } : {}) }];
    });
}

export function certificateViewFromCredential(credential: JsonObject, extras: CertificateDisplayExtras): CertificateView {
  if (!isObject(credential)) throw new TypeError('"credential" is required.');
  if (!extras?.verificationUrl) throw new TypeError('"extras.verificationUrl" is required.');
  if (!extras.learnerName?.fr) throw new TypeError('"extras.learnerName.fr" is required.');
  return {
    ...certificateContentFromCredential(credential, extras),
    verificationUrl: extras.verificationUrl,
    learnerName: extras.learnerName,
    ...(extras.statusLine ? { statusLine: extras.statusLine } : {}),
  };
}

/** Throws a TypeError naming what is missing when the credential is no achievement credential. */
export function certificateContentFromCredential(
  credential: JsonObject,
  extras: Omit<CertificateDisplayExtras, 'verificationUrl' | 'learnerName' | 'statusLine'> = {},
): CertificateContent {
  if (!isObject(credential)) throw new TypeError('"credential" is required.');
  const subject = credential.credentialSubject;
  const achievement = isObject(subject) ? subject.achievement : undefined;
  if (!isObject(achievement)) throw new TypeError('The credential has no "credentialSubject.achievement".');
  const credits = achievement.creditsAvailable;
  const arTitle = text(extras.achievementTitleAr);
  const result = asList((subject as JsonObject).result)
    .filter(isObject)
    .map((entry) => text(entry.value))
    .find(Boolean);
  return {
    credentialId: requireText(credential.id, 'id'),
    achievementTitle: { fr: requireText(achievement.name, 'credentialSubject.achievement.name'), ...(arTitle ? { ar: arTitle } : {}) },
    achievementType: DIPLOMA_TYPES.has(String(achievement.achievementType)) ? 'Diploma' : 'Certificate',
    issuedOn: issuedOn(credential),
    ...(extras.hours !== undefined ? { hours: extras.hours } : {}),
    ...(typeof credits === 'number' ? { credits } : {}),
    ...(result ? { result } : {}),
    competencies: competencies(achievement, extras),
    awardingInstitutions: awardingInstitutions(credential, extras),
  };
}
