// Verifies a credential and reports every proof, the validity period and the status on their own: never throws on
// bad input, so a public verify page can show exactly what failed.
import { type KeyObject, createPublicKey, verify as verifyEd25519 } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import jsigs, { type ProofResult } from 'jsonld-signatures';
import type { DocumentLoader } from './document-loader.js';
import { type EmbeddedReport, isClrCredential, verifyEmbeddedCredentials } from './embedded-credentials.js';
import type { JsonObject } from './issuer.js';
import { AWARDING_BODY_CONTEXT } from './open-badges.js';
import { chainedVerifyData, previousProofIds, proofChainProblems } from './proof-chains.js';
import { AwardingBodyProofPurpose } from './proof-purposes.js';
import { CREDENTIAL_LIMITS, exceedsLimits } from './credential-limits.js';
import { checkEndorsements, type EndorsementReport } from './endorsements.js';
import { type FetchResource, relatedResourceProblems, relatedResourceShapeProblems } from './related-resource.js';
import { checkSignedForm, type SignedFormOptions } from './signed-form.js';
import { TtlCache } from './ttl-cache.js';
import { describeFailure, type VerificationProblem } from './verification-problems.js';

export interface ProofReport {
  verificationMethod: string | null;
  controller: string | null;
  cryptosuite: string | null;
  created: string | null;
  verified: boolean;
  error?: VerificationProblem;
}

export interface ValidityReport {
  valid: boolean;
  checkedAt: string;
  validFrom?: string;
  validUntil?: string;
  problem?: VerificationProblem;
}

export interface StatusEntryReport {
  type: string;
  statusPurpose?: string;
  statusListIndex?: string;
  statusListCredential?: string;
  /** 'set' means revoked or suspended, per statusPurpose; 'unavailable': the list could not be had (try later). */
  status: 'clear' | 'set' | 'error' | 'unavailable';
  problem?: VerificationProblem;
  /** Not written in the credential: the suspension list its issuer publishes beside the revocation entry's list. */
  implied?: boolean;
}

export interface StatusReport {
  checked: boolean;
  verified: boolean;
  entries: StatusEntryReport[];
  reason?: string;
}

/** Checks `credentialStatus`; status-check.ts builds one for Bitstring Status Lists. */
export type CheckStatus = (options: { credential: JsonObject; now: Date }) => Promise<StatusReport>;

/**
 * verified; not verified (a check failed); indeterminate: nothing failed, but a check could not run for now (a status
 * list or a DID document out of reach), so neither answer would be true.
 */
export type Outcome = 'verified' | 'not_verified' | 'indeterminate';

export interface VerificationReport {
  verified: boolean;
  outcome: Outcome;
  credentialId?: string;
  issuer?: string;
  proofs: ProofReport[];
  /** The whole proof set verified in one pass (only when there are several proofs). */
  proofSet?: { verified: boolean };
  /** Each party that must approve: the issuer by its proof, each co-awarding school by its proof or its endorsement. */
  requiredProofs: RequiredProof[];
  /** The co-awarding schools' endorsements, one report per school that had no proof of its own. */
  endorsements?: EndorsementReport[];
  validity: ValidityReport;
  status?: StatusReport;
  /** A ClrCredential's embedded credentials, each verified on its own (only once the transcript itself verified). */
  embedded?: EmbeddedReport[];
  errors: VerificationProblem[];
  warnings: string[];
}

export interface RequiredProof {
  did: string;
  satisfied: boolean;
  /** How it approved or had to: its own proof, or an endorsement embedded in the credential. */
  via: 'proof' | 'endorsement';
  /** Its proof or endorsement could not be checked now (the DID document out of reach), which is not a missing one. */
  unavailable?: boolean;
  /** Why an endorsement is not good enough (ENDORSEMENT_MISSING, ENDORSEMENT_INVALID). */
  problem?: VerificationProblem['code'];
}

export interface VerifyCredentialOptions {
  credential: unknown;
  documentLoader: DocumentLoader;
  checkStatus?: CheckStatus;
  now?: Date | string;
  /** DIDs that must each have a valid proof. Default: the issuer and every listed awarding body. */
  requiredProofs?: string[];
  /** The proof purpose the caller expects (VC-API `options.expectedProofPurpose`); otherwise a proof must be an assertion. */
  expectedProofPurpose?: string;
  maxClockSkewSeconds?: number;
  /** Inline contexts and extra context URLs the document may use (default: the co-accreditation context we issue). */
  signedForm?: Omit<SignedFormOptions, 'documentLoader'>;
  /** Fetches a relatedResource to check its digest; without it the digests are reported unchecked (a warning). */
  fetchResource?: FetchResource;
}

export { CREDENTIAL_LIMITS, exceedsLimits };

/** Problems that say "cannot tell now" rather than "this is wrong". */
const UNAVAILABLE: ReadonlySet<VerificationProblem['code']> = new Set([
  'STATUS_UNAVAILABLE',
  'DID_UNAVAILABLE',
  'RELATED_RESOURCE_UNAVAILABLE',
]);
export const outcomeOf = (errors: readonly VerificationProblem[]): Outcome =>
  errors.length === 0 ? 'verified' : errors.every((error) => UNAVAILABLE.has(error.code)) ? 'indeterminate' : 'not_verified';

const XSD_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const idOf = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : value && typeof value === 'object' && typeof (value as JsonObject).id === 'string'
      ? ((value as JsonObject).id as string)
      : undefined;

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** The validity window (VC 2.0 validFrom/validUntil, VC 1.1 issuanceDate/expirationDate) against `now`. */
export function checkValidityPeriod({
  credential,
  now,
  maxClockSkewSeconds = 300,
}: {
  credential: JsonObject;
  now: Date;
  maxClockSkewSeconds?: number;
}): ValidityReport {
  const isV1 = asList(credential['@context'])[0] === 'https://www.w3.org/2018/credentials/v1';
  const fromField = isV1 ? 'issuanceDate' : 'validFrom';
  const untilField = isV1 ? 'expirationDate' : 'validUntil';
  const report: ValidityReport = { valid: true, checkedAt: now.toISOString() };
  const skewMs = maxClockSkewSeconds * 1000;
  for (const field of [fromField, untilField]) {
    const value = credential[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !XSD_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
      return {
        ...report,
        valid: false,
        problem: { code: 'INVALID_DATE', message: `"${field}" is not an XML Schema dateTime with a time zone` },
      };
    }
    report[field === fromField ? 'validFrom' : 'validUntil'] = value;
  }
  if (report.validFrom && Date.parse(report.validFrom) - skewMs > now.getTime()) {
    return {
      ...report,
      valid: false,
      problem: { code: 'NOT_YET_VALID', message: `not valid before ${report.validFrom} (checked at ${report.checkedAt})` },
    };
  }
  if (report.validUntil && Date.parse(report.validUntil) + skewMs < now.getTime()) {
    return {
      ...report,
      valid: false,
      problem: { code: 'EXPIRED', message: `expired at ${report.validUntil} (checked at ${report.checkedAt})` },
    };
  }
  return report;
}

// The stock verifier imports the public key into a new KeyObject for every signature (a tenth of a verification).
// Issuers are few: keep their keys, by the key itself (a DID document that changes a method's key is a new entry).
const publicKeys = new TtlCache<KeyObject>({ maxEntries: 1_000, ttlMs: 60 * 60_000 });

const cryptosuite = {
  ...eddsaRdfc2022,
  // A chained proof (previousProof) is checked over the document with the proofs it names attached.
  createVerifyData: chainedVerifyData,
  async createVerifier({ verificationMethod }: { verificationMethod: JsonObject }) {
    // The library decodes and checks the Multikey (type, multicodec header, length) as in the stock verifier.
    const method = await Ed25519Multikey.from(verificationMethod);
    let key = publicKeys.get(method.publicKeyMultibase);
    if (!key) {
      key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(method.publicKey).toString('base64url') }, format: 'jwk' });
      publicKeys.set(method.publicKeyMultibase, key);
    }
    const publicKey = key;
    return {
      id: method.id,
      algorithm: 'Ed25519',
      async verify({ data, signature }: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> {
        return verifyEd25519(null, data, publicKey, signature);
      },
    };
  },
};

const newSuite = (): DataIntegrityProof => new DataIntegrityProof({ cryptosuite });

function controllerOf(result: ProofResult | undefined, proof: JsonObject): string | null {
  const fromPurpose = idOf(result?.purposeResult?.controller);
  const fromMethod = idOf(result?.verificationMethod?.controller);
  const declared = typeof proof.verificationMethod === 'string' ? proof.verificationMethod.split('#')[0] : null;
  return fromPurpose ?? fromMethod ?? declared;
}

async function verifyOneProof(
  credential: JsonObject,
  proof: unknown,
  index: number,
  context: { purpose: AwardingBodyProofPurpose; documentLoader: DocumentLoader; expectedProofPurpose?: string },
): Promise<ProofReport> {
  const p = (proof && typeof proof === 'object' ? proof : {}) as JsonObject;
  const report: ProofReport = {
    verificationMethod: idOf(p.verificationMethod) ?? null,
    controller: null,
    cryptosuite: typeof p.cryptosuite === 'string' ? p.cryptosuite : null,
    created: typeof p.created === 'string' ? p.created : null,
    verified: false,
  };
  if (context.expectedProofPurpose !== undefined && p.proofPurpose !== context.expectedProofPurpose) {
    report.error = {
      code: 'PROOF_PURPOSE_MISMATCH',
      message: `the proof is for ${String(p.proofPurpose)}, not ${context.expectedProofPurpose} as expected`,
      proofIndex: index,
    };
    return report;
  }
  // Keys are resolved from DIDs only: an HTTPS key URL (1EdTech's test vectors) would mean fetching a key from
  // whatever server the document names, which nothing vouches for.
  if (typeof p.verificationMethod === 'string' && !p.verificationMethod.startsWith('did:')) {
    const message = `the signing key ${p.verificationMethod} is not a DID URL: this verifier resolves keys of did:key and did:web issuers only`;
    report.error = { code: 'UNSUPPORTED_VERIFICATION_METHOD', message, proofIndex: index };
    return report;
  }
  // The library also takes a base64url value; eddsa-rdfc-2022 writes base58btc only.
  if (report.cryptosuite === 'eddsa-rdfc-2022' && typeof p.proofValue === 'string' && !p.proofValue.startsWith('z')) {
    report.error = { code: 'PROOF_ERROR', message: 'proofValue must be multibase base58btc (starting with "z")', proofIndex: index };
    return report;
  }
  try {
    // A copy holding only this proof (and, for a chained proof, the proofs it names, which it covers): one school's
    // proof is judged without any help (or harm) from the others.
    const previous = previousProofIds(p).map((id) => asList(credential.proof).find((candidate) => (candidate as JsonObject)?.id === id));
    const outcome = await jsigs.verify(
      { ...credential, proof: previous.length ? [proof, ...previous] : proof },
      { suite: newSuite(), purpose: context.purpose, documentLoader: context.documentLoader },
    );
    const result = previous.length
      ? outcome.results?.find((candidate) => candidate.proof?.proofValue === p.proofValue)
      : outcome.results?.[0];
    report.controller = controllerOf(result, p);
    report.verified = outcome.verified && result?.verified === true;
    if (!report.verified) report.error = { ...describeFailure(result?.error ?? outcome.error), proofIndex: index };
  } catch (error) {
    report.error = { ...describeFailure(error), proofIndex: index };
  }
  return report;
}

function unverifiedProof(proof: unknown): ProofReport {
  const p = (proof && typeof proof === 'object' ? proof : {}) as JsonObject;
  return {
    verificationMethod: idOf(p.verificationMethod) ?? null,
    controller: null,
    cryptosuite: typeof p.cryptosuite === 'string' ? p.cryptosuite : null,
    created: typeof p.created === 'string' ? p.created : null,
    verified: false,
  };
}

/** Every proof must verify: jsonld-signatures alone accepts a set when ANY one proof does. */
async function verifyWholeSet(
  credential: JsonObject,
  proofCount: number,
  context: { purpose: AwardingBodyProofPurpose; documentLoader: DocumentLoader },
): Promise<boolean> {
  try {
    const outcome = await jsigs.verify(credential, { suite: newSuite(), purpose: context.purpose, documentLoader: context.documentLoader });
    return (outcome.results ?? []).filter((r) => r.verified).length === proofCount;
  } catch {
    return false;
  }
}

export async function verifyCredential(options: VerifyCredentialOptions): Promise<VerificationReport> {
  if (!options) throw new TypeError('"options" is required.');
  const {
    credential,
    documentLoader,
    checkStatus,
    requiredProofs,
    maxClockSkewSeconds = 300,
    expectedProofPurpose,
    signedForm = { inlineContexts: [AWARDING_BODY_CONTEXT] },
  } = options;
  if (!documentLoader) throw new TypeError('"documentLoader" is required.');
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime())) throw new TypeError('"now" is not a valid date.');

  const errors: VerificationProblem[] = [];
  const warnings: string[] = [];
  const empty: VerificationReport = {
    verified: false,
    outcome: 'not_verified',
    proofs: [],
    requiredProofs: [],
    validity: { valid: false, checkedAt: now.toISOString() },
    errors,
    warnings,
  };
  if (!credential || typeof credential !== 'object' || Array.isArray(credential)) {
    errors.push({ code: 'MALFORMED_CREDENTIAL', message: 'a credential must be a JSON object' });
    return empty;
  }
  const doc = credential as JsonObject;
  if (!asList(doc['@context']).length) {
    errors.push({ code: 'MALFORMED_CREDENTIAL', message: 'a credential needs an "@context" (https://www.w3.org/ns/credentials/v2 first)' });
    return { ...empty, credentialId: idOf(doc), issuer: idOf(doc.issuer) };
  }
  const overLimit = exceedsLimits(doc);
  if (overLimit) {
    errors.push({ code: 'LIMIT_EXCEEDED', message: `the credential carries ${overLimit}` });
    return { ...empty, credentialId: idOf(doc), issuer: idOf(doc.issuer) };
  }
  try {
    // The library's structural checks (contexts, type, issuer, subject, status shape) without its date checks,
    // which checkValidityPeriod reports on their own.
    vc._checkCredential({ credential: doc, mode: 'issue' });
  } catch (error) {
    errors.push({ code: 'MALFORMED_CREDENTIAL', message: (error as Error).message });
    return { ...empty, credentialId: idOf(doc), issuer: idOf(doc.issuer) };
  }
  // Decisions below read JSON keys: only sound when the JSON is the one spelling of the signed graph.
  const formProblem = await checkSignedForm(doc, { documentLoader, ...signedForm });
  if (formProblem) {
    errors.push(formProblem);
    return { ...empty, credentialId: idOf(doc), issuer: idOf(doc.issuer) };
  }

  const issuer = idOf(doc.issuer) as string;
  const awardingBodies = asList(doc.awardingBody)
    .map(idOf)
    .filter((id): id is string => !!id);
  const validity = checkValidityPeriod({ credential: doc, now, maxClockSkewSeconds });
  if (validity.problem) errors.push(validity.problem);

  const purpose = new AwardingBodyProofPurpose({ allowedControllers: [issuer, ...awardingBodies] });
  const proofList = asList(doc.proof);
  if (proofList.length === 0) errors.push({ code: 'NO_PROOF', message: 'the credential carries no proof' });
  const chainProblems = proofChainProblems(proofList);
  const proofs: ProofReport[] = [];
  for (const [index, proof] of proofList.entries()) {
    const broken = chainProblems.find((problem) => problem.index === index);
    if (broken)
      proofs.push({ ...unverifiedProof(proof), error: { code: 'PROOF_CHAIN_INVALID', message: broken.message, proofIndex: index } });
    else proofs.push(await verifyOneProof(doc, proof, index, { purpose, documentLoader, expectedProofPurpose }));
  }
  for (const proof of proofs) if (proof.error) errors.push(proof.error);

  let proofSet: VerificationReport['proofSet'];
  if (proofList.length > 1 && proofs.every((p) => p.verified)) {
    // Not verified again as a set: with this suite (DataIntegrityProof + eddsa-rdfc-2022) the set pass checks each
    // proof against the very same document (a chained proof with the same previous proofs attached), purpose and DID
    // documents as the pass above, so once every proof verified alone the set does too.
    proofSet = { verified: true };
  } else if (proofList.length > 1) {
    proofSet = { verified: await verifyWholeSet(doc, proofList.length, { purpose, documentLoader }) };
  }

  const byProof = (did: string) => {
    const satisfied = proofs.some((p) => p.verified && p.controller === did);
    const unavailable =
      !satisfied && proofs.some((p) => p.error?.code === 'DID_UNAVAILABLE' && p.verificationMethod?.split('#')[0] === did);
    return { did, satisfied, via: 'proof' as const, ...(unavailable ? { unavailable } : {}) };
  };
  const required: RequiredProof[] = [...new Set(requiredProofs ?? [issuer, ...awardingBodies])].map(byProof);
  // A co-awarding school approves either by its own proof (diplomas issued before endorsements, still accepted) or,
  // when the document carries no proof claiming its DID, by an endorsement bound to this diploma.
  const proofDids = new Set(proofList.map((proof) => idOf((proof as JsonObject | null)?.verificationMethod)?.split('#')[0]));
  const endorsing = requiredProofs ? [] : required.filter((r) => r.did !== issuer && !proofDids.has(r.did)).map((r) => r.did);
  const endorsements = endorsing.length
    ? await checkEndorsements({
        credential: doc,
        schools: endorsing,
        documentLoader,
        verify: (endorsement, by) =>
          verifyCredential({ credential: endorsement, documentLoader, now, requiredProofs: [by], maxClockSkewSeconds, signedForm }),
      })
    : [];
  for (const endorsement of endorsements) {
    const entry = required.find((r) => r.did === endorsement.did)!;
    Object.assign(entry, { satisfied: endorsement.status === 'valid', via: 'endorsement' });
    if (endorsement.status === 'unavailable') entry.unavailable = true;
    if (endorsement.error) entry.problem = endorsement.error.code;
    if (endorsement.error) errors.push(endorsement.error);
  }
  for (const { did, satisfied, unavailable, via } of required) {
    // A proof whose DID document is out of reach now is reported as such (DID_UNAVAILABLE): indeterminate, not missing.
    if (via === 'proof' && !satisfied && !unavailable)
      errors.push({ code: 'MISSING_REQUIRED_PROOF', message: `no valid proof by ${did}, whose proof is required` });
  }

  // relatedResource (VC 2.0 §5.3): the shape always; the digests only of an authenticated credential (its URLs
  // would otherwise be attacker-chosen), against the fetched bytes.
  if (doc.relatedResource !== undefined) {
    const shape = relatedResourceShapeProblems(doc.relatedResource);
    for (const problem of shape) errors.push({ code: 'RELATED_RESOURCE_INVALID', message: `${problem.field} ${problem.reason}` });
    if (!shape.length && errors.length === 0) {
      if (!options.fetchResource) warnings.push('relatedResource digests were not checked: no resource fetcher was given');
      else {
        for (const problem of await relatedResourceProblems(doc.relatedResource, options.fetchResource)) {
          errors.push({
            code: problem.unavailable ? 'RELATED_RESOURCE_UNAVAILABLE' : 'RELATED_RESOURCE_MISMATCH',
            message: `${problem.field} ${problem.reason}`,
          });
        }
      }
    }
  }

  let status: StatusReport | undefined;
  if (doc.credentialStatus !== undefined) {
    if (errors.length > 0) {
      // Never follow a status URL out of a credential we could not authenticate: it would be attacker-chosen.
      status = { checked: false, verified: false, entries: [], reason: 'not checked: the credential did not verify' };
    } else if (!checkStatus) {
      status = { checked: false, verified: false, entries: [], reason: 'no status checker was given' };
      warnings.push('credentialStatus was not checked: revocation is unknown');
    } else {
      try {
        status = await checkStatus({ credential: doc, now });
      } catch (error) {
        status = { checked: false, verified: false, entries: [], reason: (error as Error).message };
        errors.push({ code: 'STATUS_CHECK_FAILED', message: `status could not be checked: ${(error as Error).message}` });
      }
      const entryProblems = status.entries.flatMap((entry) => (entry.problem ? [entry.problem] : []));
      errors.push(...entryProblems);
      if (!status.verified && entryProblems.length === 0) {
        errors.push({ code: 'STATUS_CHECK_FAILED', message: status.reason ?? 'the status check did not pass' });
      }
    }
  }

  let embedded: EmbeddedReport[] | undefined;
  if (isClrCredential(doc) && errors.length === 0) {
    // Only once the transcript is authenticated: otherwise its embedded credentials are anyone's choice, and work.
    const inner = await verifyEmbeddedCredentials(
      doc,
      { documentLoader, checkStatus, now, maxClockSkewSeconds, signedForm },
      verifyCredential,
    );
    embedded = inner.reports;
    errors.push(...inner.errors);
  }

  return {
    verified: errors.length === 0,
    outcome: outcomeOf(errors),
    credentialId: idOf(doc),
    issuer,
    proofs,
    ...(proofSet ? { proofSet } : {}),
    requiredProofs: required,
    ...(endorsements.length ? { endorsements } : {}),
    validity,
    ...(status ? { status } : {}),
    ...(embedded ? { embedded } : {}),
    errors,
    warnings,
  };
}
