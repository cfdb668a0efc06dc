// Co-accreditation that stock verifiers see: each co-awarding school signs an OB 3.0 EndorsementCredential bound to
// the diploma (its id and a digest of its unsigned form), embedded in the diploma's `endorsement`, and the lead
// school's single proof, added last, covers them. A stock verifier checks the diploma's one proof by its issuer and
// each endorsement on its own; ours also requires one such endorsement per awarding school.
import { createHash } from 'node:crypto';
import jsonld from 'jsonld';
import { OB_V3P0_CONTEXT_URL, VC_V2_CONTEXT_URL } from './bundled-contexts.js';
import type { DocumentLoader } from './document-loader.js';
import type { JsonObject } from './issuer.js';
import { buildProfile, type ProfileInput } from './open-badges.js';
import { describeFailure, type VerificationProblem } from './verification-problems.js';

// Multihash header of a SHA-256 digest (code 0x12, 32 bytes), multibase "u" (base64url, no padding): VC 2.0's
// digestMultibase is a multibase-encoded multihash.
const SHA2_256_MULTIHASH = Buffer.from([0x12, 0x20]);

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const isObject = (value: unknown): value is JsonObject => !!value && typeof value === 'object' && !Array.isArray(value);
const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : isObject(value) && typeof value.id === 'string' ? value.id : undefined;

/**
 * The digest an endorsement is bound to: SHA-256 of the RDFC-1.0 canonical N-Quads of the diploma without its proof
 * and its endorsements, i.e. of what the school approved. Canonical RDF, not JSON text: two spellings of the same
 * statements give the same digest, and any change to a statement a different one.
 */
export async function endorsedDigest(credential: JsonObject, documentLoader: DocumentLoader): Promise<string> {
  const { proof: _proof, endorsement: _endorsement, ...unsigned } = credential;
  const nquads = await jsonld.canonize(structuredClone(unsigned), {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader,
    safe: true,
  });
  const digest = createHash('sha256').update(nquads, 'utf8').digest();
  return `u${Buffer.concat([SHA2_256_MULTIHASH, digest]).toString('base64url')}`;
}

/** An unsigned OB 3.0 EndorsementCredential by one school, about one diploma, carrying the digest it approved. */
export function buildEndorsement({
  id,
  credentialId,
  digest,
  issuer,
  comment,
  validFrom,
}: {
  id: string;
  credentialId: string;
  digest: string;
  issuer: ProfileInput;
  comment: string;
  validFrom: string;
}): JsonObject {
  if (!id) throw new TypeError('"id" is required.');
  if (!credentialId) throw new TypeError('"credentialId" is required.');
  if (!digest) throw new TypeError('"digest" is required.');
  return {
    '@context': [VC_V2_CONTEXT_URL, OB_V3P0_CONTEXT_URL],
    id,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: `Co-accreditation by ${issuer.name}`,
    issuer: buildProfile(issuer),
    validFrom,
    credentialSubject: { id: credentialId, type: 'EndorsementSubject', endorsementComment: comment, digestMultibase: digest },
  };
}

export interface EndorsementReport {
  /** The awarding school whose endorsement this is. */
  did: string;
  /** valid: signed by that school and bound to this very diploma; missing: none names it as issuer. */
  status: 'valid' | 'invalid' | 'missing' | 'unavailable';
  /** Index in the diploma's `endorsement` list. */
  index?: number;
  error?: VerificationProblem;
}

/** Verifies one embedded credential on its own, as a stock verifier would (its issuer's proof only). */
export type VerifyEmbedded = (
  credential: JsonObject,
  issuer: string,
) => Promise<{ verified: boolean; outcome: string; errors: VerificationProblem[] }>;

/**
 * One report per awarding school: the endorsement whose issuer is that school must verify on its own (the stock
 * issuer purpose: its key is the issuer's) and be about this diploma (credentialSubject.id) and this content
 * (digestMultibase). The JSON keys read here are those of the verified endorsement, checked in its signed form.
 */
export async function checkEndorsements({
  credential,
  schools,
  documentLoader,
  verify,
}: {
  credential: JsonObject;
  schools: string[];
  documentLoader: DocumentLoader;
  verify: VerifyEmbedded;
}): Promise<EndorsementReport[]> {
  const endorsements = asList(credential.endorsement);
  let digest: string | null = null;
  const reports: EndorsementReport[] = [];
  for (const did of schools) {
    const candidates = endorsements
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => isObject(item) && idOf(item.issuer) === did);
    if (candidates.length === 0) {
      reports.push({
        did,
        status: 'missing',
        error: { code: 'ENDORSEMENT_MISSING', message: `no endorsement by ${did}, an awarding body of this diploma` },
      });
      continue;
    }
    let report: EndorsementReport | null = null;
    for (const { item, index } of candidates) {
      const endorsement = item as JsonObject;
      const result = await verify(endorsement, did);
      if (!result.verified) {
        const cause = result.errors[0];
        const status = result.outcome === 'indeterminate' ? 'unavailable' : 'invalid';
        report ??= {
          did,
          status,
          index,
          error: {
            code: status === 'unavailable' ? 'DID_UNAVAILABLE' : 'ENDORSEMENT_INVALID',
            message: `the endorsement by ${did} does not verify: ${cause?.message ?? 'failed'}`,
          },
        };
        continue;
      }
      const subject = asList(endorsement.credentialSubject)[0];
      const types = isObject(endorsement) ? asList(endorsement.type) : [];
      try {
        digest ??= await endorsedDigest(credential, documentLoader);
      } catch (error) {
        return schools.map((school) => ({
          did: school,
          status: 'invalid' as const,
          error: { ...describeFailure(error), code: 'ENDORSEMENT_INVALID' as const },
        }));
      }
      const problem = !types.includes('EndorsementCredential')
        ? 'is not an EndorsementCredential'
        : !isObject(subject) || subject.id !== credential.id
          ? `is about ${isObject(subject) ? String(subject.id) : 'nothing'}, not this diploma`
          : subject.digestMultibase !== digest
            ? 'approved other content than this diploma holds (digestMultibase differs)'
            : null;
      if (problem) {
        report = { did, status: 'invalid', index, error: { code: 'ENDORSEMENT_INVALID', message: `the endorsement by ${did} ${problem}` } };
        continue;
      }
      report = { did, status: 'valid', index };
      break;
    }
    reports.push(report!);
  }
  return reports;
}
