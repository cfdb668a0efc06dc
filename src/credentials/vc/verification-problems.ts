// Turns whatever the JSON-LD / signature libraries threw into a stable code and a sentence a verifier can show.
import { OutboundFetchError } from './bounded-fetch.js';
import { DidResolutionError, UnknownContextError } from './document-loader.js';
import { InvalidDidError } from './dids.js';

export type ProblemCode =
  | 'MALFORMED_CREDENTIAL'
  | 'MALFORMED_PRESENTATION'
  | 'UNKNOWN_CONTEXT'
  | 'MALFORMED_JSON_LD'
  | 'NON_CANONICAL_FORM'
  | 'NO_PROOF'
  | 'UNSUPPORTED_PROOF'
  | 'INVALID_SIGNATURE'
  | 'KEY_NOT_IN_DID_DOCUMENT'
  | 'UNSUPPORTED_VERIFICATION_METHOD'
  | 'KEY_NOT_AUTHORIZED'
  | 'DID_NOT_RESOLVED'
  | 'UNEXPECTED_SIGNER'
  | 'MISSING_REQUIRED_PROOF'
  | 'ENDORSEMENT_MISSING'
  | 'ENDORSEMENT_INVALID'
  | 'PROOF_SET_INVALID'
  | 'PROOF_ERROR'
  | 'PROOF_PURPOSE_MISMATCH'
  | 'PROOF_CHAIN_INVALID'
  | 'RELATED_RESOURCE_INVALID'
  | 'RELATED_RESOURCE_MISMATCH'
  | 'RELATED_RESOURCE_UNAVAILABLE'
  | 'INVALID_DATE'
  | 'NOT_YET_VALID'
  | 'EXPIRED'
  | 'REVOKED'
  | 'SUSPENDED'
  | 'STATUS_CHECK_FAILED'
  | 'STATUS_UNAVAILABLE'
  | 'DID_UNAVAILABLE'
  | 'LIMIT_EXCEEDED'
  | 'HOLDER_MISMATCH'
  | 'CHALLENGE_REQUIRED'
  | 'CHALLENGE_MISMATCH'
  | 'HOLDER_PROOF_REQUIRED'
  | 'EMBEDDED_INVALID'
  | 'EMBEDDED_REVOKED'
  | 'EMBEDDED_SUBJECT_MISMATCH';

export interface VerificationProblem {
  code: ProblemCode;
  message: string;
  /** Index in the credential's `proof` list when the problem belongs to one proof. */
  proofIndex?: number;
}

/** Thrown by our proof purpose when a valid signature comes from a DID the credential does not name. */
export class UnexpectedSignerError extends Error {
  readonly code = 'UNEXPECTED_SIGNER';
  constructor(readonly controller: string | undefined) {
    super(`signed by ${controller ?? 'an unknown controller'}, which is neither the issuer nor a listed awarding body`);
    this.name = 'UnexpectedSignerError';
  }
}

/** A source a check needs (a status list, a DID document, our database) cannot be reached now: try again later. */
export class SourceUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SourceUnavailableError';
  }
}

// Failures of the network path, not of the document: a list or DID document behind them may be perfectly valid.
const TRANSIENT_FETCH_FAILURES = new Set(['DNS_ERROR', 'TIMEOUT', 'HTTP_ERROR']);

/** Whether the error (or what it wraps) says "not reachable now" rather than "wrong". */
export function isUnavailable(error: unknown): boolean {
  return errorChain(error).some(
    (e) => e instanceof SourceUnavailableError || (e instanceof OutboundFetchError && TRANSIENT_FETCH_FAILURES.has(e.code)),
  );
}

type ErrorLike = Error & {
  details?: { cause?: unknown; event?: { message?: string; details?: { property?: string } } };
  errors?: unknown[];
};

/** The error and everything it wraps (cause, jsonld's details.cause, aggregated errors), outermost first. */
function errorChain(error: unknown, seen = new Set<unknown>()): ErrorLike[] {
  if (!error || typeof error !== 'object' || seen.has(error)) return [];
  seen.add(error);
  if (Array.isArray(error)) return error.flatMap((e) => errorChain(e, seen));
  const e = error as ErrorLike;
  return [e, ...errorChain(e.cause, seen), ...errorChain(e.details?.cause, seen), ...errorChain(e.errors, seen)];
}

function safeModeMessage(error: ErrorLike): string {
  const event = error.details?.event;
  const property = event?.details?.property;
  const what = event?.message ?? error.message;
  return `malformed JSON-LD: ${what}${property ? ` (property "${property}" is not defined by any context)` : ''}`;
}

const RULES: Array<[ProblemCode, (e: ErrorLike) => boolean, (e: ErrorLike) => string]> = [
  ['UNKNOWN_CONTEXT', (e) => e instanceof UnknownContextError, (e) => e.message],
  [
    'KEY_NOT_IN_DID_DOCUMENT',
    (e) => e instanceof DidResolutionError && e.code === 'VERIFICATION_METHOD_NOT_FOUND',
    (e) => `the signing key is not in the issuer's DID document: ${e.message}`,
  ],
  [
    'DID_UNAVAILABLE',
    (e) => e instanceof DidResolutionError && e.code === 'DID_NOT_RESOLVED' && isUnavailable(e.cause),
    (e) => `the issuer's DID document cannot be reached now: ${e.message}`,
  ],
  ['DID_NOT_RESOLVED', (e) => e instanceof DidResolutionError || e instanceof InvalidDidError, (e) => e.message],
  ['UNEXPECTED_SIGNER', (e) => e instanceof UnexpectedSignerError, (e) => e.message],
  ['MALFORMED_JSON_LD', (e) => typeof e.name === 'string' && e.name.startsWith('jsonld.'), safeModeMessage],
  [
    'INVALID_SIGNATURE',
    (e) => e.message === 'Invalid signature.',
    () => 'the signature does not match: the credential or its proof was altered after signing.',
  ],
  ['KEY_NOT_AUTHORIZED', (e) => /not authorized by controller/.test(e.message), (e) => e.message],
  [
    'CHALLENGE_MISMATCH',
    (e) => /(challenge|domain) is not as expected/.test(e.message),
    (e) => `the holder proof was made for another verifier or session: ${e.message}`,
  ],
  [
    'UNSUPPORTED_PROOF',
    (e) => e.name === 'NotFoundError',
    () => 'no proof matches the supported suite (DataIntegrityProof, eddsa-rdfc-2022) and purpose (assertionMethod)',
  ],
];

export function describeFailure(error: unknown): Omit<VerificationProblem, 'proofIndex'> {
  const chain = errorChain(error);
  for (const [code, matches, message] of RULES) {
    const found = chain.find(matches);
    if (found) return { code, message: message(found) };
  }
  return { code: 'PROOF_ERROR', message: chain[0]?.message ?? String(error) };
}
