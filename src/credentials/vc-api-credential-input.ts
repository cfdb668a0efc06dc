// What the VC-API issuer accepts from its caller: a VC 2.0 credential (a VC 1.1 one is upgraded first) without proof,
// and, instead of a status entry of its own, the purposes it wants a status entry for.
import type { FieldError } from '../common/problems.js';
import type { JsonObject } from './vc/issuer.js';
import { relatedResourceShapeProblems } from './vc/related-resource.js';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const XSD_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const isUrl = (value: unknown): boolean => typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(value);

/** Structural checks the W3C VC 2.0 data model makes normative; the JSON-LD ones happen while signing. */
export function credentialProblems(credential: JsonObject): FieldError[] {
  const problems: FieldError[] = [];
  const contexts = [credential['@context']].flat();
  if (contexts[0] !== VC_V2) problems.push({ field: 'credential.@context', reason: `must start with ${VC_V2}` });
  if (!Array.isArray(credential.type) && typeof credential.type !== 'string')
    problems.push({ field: 'credential.type', reason: 'missing' });
  else if (![credential.type].flat().includes('VerifiableCredential'))
    problems.push({ field: 'credential.type', reason: 'must include VerifiableCredential' });
  const subjects = [credential.credentialSubject].flat();
  if (
    !credential.credentialSubject ||
    subjects.some((subject) => !subject || typeof subject !== 'object' || !Object.keys(subject).length)
  ) {
    problems.push({ field: 'credential.credentialSubject', reason: 'must be one or more objects with claims' });
  }
  if (credential.id !== undefined && !isUrl(credential.id)) problems.push({ field: 'credential.id', reason: 'must be a single URL' });
  if (credential.issuer === null) problems.push({ field: 'credential.issuer', reason: 'must be a URL or an object whose id is a URL' });
  // Each refreshService and credentialSchema names its type; a schema is also found at its id, a URL.
  for (const field of ['refreshService', 'credentialSchema'] as const) {
    for (const [index, entry] of [credential[field] ?? []].flat().entries()) {
      const at = Array.isArray(credential[field]) ? `credential.${field}[${index}]` : `credential.${field}`;
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) problems.push({ field: at, reason: 'must be an object' });
      else if ((entry as JsonObject).type === undefined) problems.push({ field: `${at}.type`, reason: 'required' });
      else if (field === 'credentialSchema' && !isUrl((entry as JsonObject).id))
        problems.push({ field: `${at}.id`, reason: 'must be a URL' });
    }
  }
  for (const field of ['validFrom', 'validUntil'] as const) {
    if (credential[field] !== undefined && (typeof credential[field] !== 'string' || !XSD_DATE_TIME.test(credential[field] as string)))
      problems.push({ field: `credential.${field}`, reason: 'must be an XML Schema dateTime with a time zone' });
  }
  if (
    typeof credential.validFrom === 'string' &&
    typeof credential.validUntil === 'string' &&
    Date.parse(credential.validUntil) < Date.parse(credential.validFrom)
  ) {
    problems.push({ field: 'credential.validUntil', reason: 'is before validFrom' });
  }
  if (credential.proof !== undefined)
    problems.push({ field: 'credential.proof', reason: 'send the credential unsecured; this issuer adds the proof' });
  for (const problem of relatedResourceShapeProblems(credential.relatedResource, 'credential.relatedResource'))
    problems.push({ field: problem.field, reason: problem.reason });
  // A joint award needs every awarding school's own proof: it is issued from the programme's records, never from a claim.
  if (credential.awardingBody !== undefined)
    problems.push({ field: 'credential.awardingBody', reason: 'co-accredited diplomas are issued through POST /credentials/diplomas' });
  return problems;
}

const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const EXAMPLES_V1 = 'https://www.w3.org/2018/credentials/examples/v1';
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';

/**
 * A VC 1.1 credential (first context the 1.1 one) as the VC 2.0 credential this issuer signs: the 2.0 context in its
 * place (and the 2.0 examples context for the 1.1 one), issuanceDate → validFrom, expirationDate → validUntil.
 * Everything else is kept, and must then be valid VC 2.0 (credentialProblems, safe-mode JSON-LD while signing).
 */
export function upgradeToVc2(credential: JsonObject): { credential: JsonObject; upgraded: boolean } {
  const contexts = [credential['@context']].flat();
  if (contexts[0] !== VC_V1) return { credential, upgraded: false };
  const { issuanceDate, expirationDate, ...rest } = credential;
  const upgraded: JsonObject = {
    ...rest,
    '@context': [VC_V2, ...contexts.slice(1).map((context) => (context === EXAMPLES_V1 ? EXAMPLES_V2 : context))],
  };
  if (issuanceDate !== undefined && upgraded.validFrom === undefined) upgraded.validFrom = issuanceDate;
  if (expirationDate !== undefined && upgraded.validUntil === undefined) upgraded.validUntil = expirationDate;
  return { credential: upgraded, upgraded: true };
}

export type StatusPurpose = 'revocation' | 'suspension';

/**
 * The caller's credentialStatus read as a request: which Bitstring entries (revocation, suspension) it wants. This
 * issuer replaces them by entries on its own lists, which it can update; any other status type it could never
 * maintain, so it refuses it. Absent: every entry the issuer allocates.
 */
export function requestedStatusPurposes(value: unknown): { purposes?: StatusPurpose[]; problems: FieldError[] } {
  if (value === undefined) return { problems: [] };
  const entries = Array.isArray(value) ? value : [value];
  const problems: FieldError[] = [];
  const purposes: StatusPurpose[] = [];
  if (entries.length === 0) problems.push({ field: 'credential.credentialStatus', reason: 'must hold at least one entry' });
  for (const [index, entry] of entries.entries()) {
    const at = Array.isArray(value) ? `credential.credentialStatus[${index}]` : 'credential.credentialStatus';
    const object = entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as JsonObject) : undefined;
    if (!object || object.type !== 'BitstringStatusListEntry') {
      problems.push({
        field: at,
        reason:
          'this issuer allocates BitstringStatusListEntry entries only (on its own lists, which it can update); send one with the statusPurpose wanted',
      });
    } else if (object.statusPurpose !== 'revocation' && object.statusPurpose !== 'suspension') {
      problems.push({ field: `${at}.statusPurpose`, reason: 'must be revocation or suspension' });
    } else if (purposes.includes(object.statusPurpose)) {
      problems.push({ field: `${at}.statusPurpose`, reason: `${object.statusPurpose} is asked for twice` });
    } else purposes.push(object.statusPurpose);
  }
  return { purposes, problems };
}
