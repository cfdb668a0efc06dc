// A ClrCredential carries whole credentials (CLR 2.0 `credentialSubject.verifiableCredential`). Its own proof covers
// them, but says only that its issuer bundled them: each must also verify on its own, be about the transcript's
// subject and be neither revoked nor suspended now.
import type { JsonObject } from './issuer.js';
import type { ProblemCode, VerificationProblem } from './verification-problems.js';
import type { VerificationReport, VerifyCredentialOptions } from './verifier.js';

/** Credentials one transcript may carry, so that anyone's verify call stays cheap: a programme's modules fit. */
export const MAX_EMBEDDED_CREDENTIALS = 24;

export interface EmbeddedReport {
  index: number;
  credentialId?: string;
  verified: boolean;
  /** The embedded credential's own report (absent when it was not verified: over the bound, nested). */
  report?: VerificationReport;
  errors: VerificationProblem[];
}

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const typesOf = (document: JsonObject): unknown[] => asList(document.type);
export const isClrCredential = (document: JsonObject): boolean => typesOf(document).includes('ClrCredential');

type Identity = { identityType?: unknown; hashed?: unknown; identityHash?: unknown; salt?: unknown };
const identityKey = (identity: Identity): string =>
  JSON.stringify([identity.identityType, identity.hashed === true, identity.identityHash, identity.salt ?? null]);

/**
 * Whether an embedded credential's subject is the transcript's: the same `id` when both have one, otherwise every
 * identity the embedded credential gives (a name, a salted hash) is one of the transcript subject's. Both are read
 * from forms their proofs cover (the verifier checked each signed form first).
 */
export function sameSubject(transcriptSubject: JsonObject, embedded: JsonObject): boolean {
  const subjects = asList(embedded.credentialSubject).filter((s): s is JsonObject => !!s && typeof s === 'object');
  if (subjects.length === 0) return false;
  const ours = new Set(asList(transcriptSubject.identifier).map((identity) => identityKey(identity as Identity)));
  return subjects.every((subject) => {
    if (typeof subject.id === 'string' || typeof transcriptSubject.id === 'string') return subject.id === transcriptSubject.id;
    const theirs = asList(subject.identifier);
    return theirs.length > 0 && theirs.every((identity) => ours.has(identityKey(identity as Identity)));
  });
}

const STATUS_SET: ReadonlySet<ProblemCode> = new Set(['REVOKED', 'SUSPENDED']);
const CANNOT_TELL_NOW: ReadonlySet<ProblemCode> = new Set(['STATUS_UNAVAILABLE', 'DID_UNAVAILABLE']);

/** Verifies every credential a ClrCredential embeds; `verify` is verifyCredential (passed in: no import cycle). */
export async function verifyEmbeddedCredentials(
  transcript: JsonObject,
  options: Omit<VerifyCredentialOptions, 'credential'>,
  verify: (options: VerifyCredentialOptions) => Promise<VerificationReport>,
): Promise<{ reports: EmbeddedReport[]; errors: VerificationProblem[] }> {
  const subject = (asList(transcript.credentialSubject)[0] ?? {}) as JsonObject;
  const embedded = asList(subject.verifiableCredential);
  if (embedded.length > MAX_EMBEDDED_CREDENTIALS) {
    const problem: VerificationProblem = {
      code: 'LIMIT_EXCEEDED',
      message: `the transcript embeds ${embedded.length} credentials (at most ${MAX_EMBEDDED_CREDENTIALS} are verified)`,
    };
    return { reports: [], errors: [problem] };
  }
  const reports: EmbeddedReport[] = [];
  for (const [index, item] of embedded.entries()) {
    const document = (item && typeof item === 'object' && !Array.isArray(item) ? item : {}) as JsonObject;
    const credentialId = typeof document.id === 'string' ? document.id : undefined;
    const at = `embedded credential ${index} (${credentialId ?? 'no id'})`;
    if (isClrCredential(document)) {
      // One level only: a transcript of transcripts would multiply the work of a single call.
      reports.push({
        index,
        credentialId,
        verified: false,
        errors: [{ code: 'EMBEDDED_INVALID', message: `${at}: a transcript inside a transcript is not verified` }],
      });
      continue;
    }
    const report = await verify({ ...options, credential: item, requiredProofs: undefined });
    // One problem per embedded credential, naming all that its own report found.
    const errors: VerificationProblem[] = [];
    const found = report.errors;
    const detail = found.map((problem) => `${problem.code}: ${problem.message}`).join('; ');
    if (found.some((problem) => STATUS_SET.has(problem.code))) errors.push({ code: 'EMBEDDED_REVOKED', message: `${at}: ${detail}` });
    else if (found.some((problem) => !CANNOT_TELL_NOW.has(problem.code)))
      errors.push({ code: 'EMBEDDED_INVALID', message: `${at}: ${detail}` });
    else if (found.length) errors.push({ ...found[0], message: `${at}: ${detail}` });
    if (report.verified && !sameSubject(subject, document)) {
      errors.push({ code: 'EMBEDDED_SUBJECT_MISMATCH', message: `${at} is about another learner than the transcript's subject` });
    }
    reports.push({ index, credentialId, verified: errors.length === 0, report, errors });
  }
  return { reports, errors: reports.flatMap((report) => report.errors) };
}
