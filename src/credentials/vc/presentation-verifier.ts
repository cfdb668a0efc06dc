// Verifies a VerifiablePresentation (VC-API `verifiablePresentation` + `options.challenge/domain`): the holder's proof
// when there is one, and every credential inside with verifyCredential. Never throws on bad input.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import type { DocumentLoader } from './document-loader.js';
import type { JsonObject } from './issuer.js';
import { describeFailure, type VerificationProblem } from './verification-problems.js';
import { checkSignedForm } from './signed-form.js';
import {
  type CheckStatus,
  CREDENTIAL_LIMITS,
  type Outcome,
  outcomeOf,
  type VerificationReport,
  type VerifyCredentialOptions,
  verifyCredential,
} from './verifier.js';

/** Credentials one presentation may carry: a learner's transcript fits; thousands of copies do not. */
export const MAX_PRESENTED_CREDENTIALS = 16;

export interface HolderProofReport {
  present: boolean;
  verified: boolean;
  verificationMethod?: string;
  controller?: string;
  error?: VerificationProblem;
}

export interface PresentationReport {
  verified: boolean;
  outcome: Outcome;
  holder?: string;
  holderProof: HolderProofReport;
  credentials: VerificationReport[];
  errors: VerificationProblem[];
}

export interface VerifyPresentationOptions {
  presentation: unknown;
  documentLoader: DocumentLoader;
  /** The challenge this verifier handed out; required to accept a holder proof (else it could be a replay). */
  challenge?: string;
  domain?: string;
  /** Refuse presentations without a holder proof (e.g. when the holder must prove control of their DID). */
  requireHolderProof?: boolean;
  checkStatus?: CheckStatus;
  /** Passed on to each credential's verification (relatedResource digests). */
  fetchResource?: VerifyCredentialOptions['fetchResource'];
  now?: Date | string;
  signedForm?: VerifyCredentialOptions['signedForm'];
}

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

async function verifyHolderProof(
  presentation: JsonObject,
  { challenge, domain, documentLoader }: Pick<VerifyPresentationOptions, 'challenge' | 'domain' | 'documentLoader'>,
): Promise<HolderProofReport> {
  const proof = asList(presentation.proof)[0] as JsonObject | undefined;
  const report: HolderProofReport = {
    present: true,
    verified: false,
    verificationMethod: typeof proof?.verificationMethod === 'string' ? proof.verificationMethod : undefined,
  };
  if (!challenge) {
    return {
      ...report,
      error: { code: 'CHALLENGE_REQUIRED', message: 'a holder proof can only be accepted against the challenge this verifier issued' },
    };
  }
  try {
    const purpose = new jsigs.purposes.AuthenticationProofPurpose({ challenge, domain });
    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    const outcome = await jsigs.verify(presentation, { suite, purpose, documentLoader });
    const results = outcome.results ?? [];
    const failed = results.find((r) => !r.verified);
    const controller = results[0]?.purposeResult?.controller?.id;
    const verified = outcome.verified && results.length > 0 && !failed;
    if (!verified) return { ...report, error: describeFailure(failed?.error ?? outcome.error) };
    const holder = typeof presentation.holder === 'string' ? presentation.holder : (presentation.holder as JsonObject | undefined)?.id;
    if (holder && controller !== holder) {
      return {
        ...report,
        controller: controller as string,
        error: {
          code: 'HOLDER_MISMATCH',
          message: `the presentation is signed by ${String(controller)}, not by its holder ${String(holder)}`,
        },
      };
    }
    return { ...report, verified: true, controller: controller as string };
  } catch (error) {
    return { ...report, error: describeFailure(error) };
  }
}

export async function verifyPresentation(options: VerifyPresentationOptions): Promise<PresentationReport> {
  if (!options) throw new TypeError('"options" is required.');
  const {
    presentation,
    documentLoader,
    challenge,
    domain,
    requireHolderProof = false,
    checkStatus,
    now,
    signedForm,
    fetchResource,
  } = options;
  if (!documentLoader) throw new TypeError('"documentLoader" is required.');
  const errors: VerificationProblem[] = [];
  const noProof: HolderProofReport = { present: false, verified: false };

  if (!presentation || typeof presentation !== 'object' || Array.isArray(presentation)) {
    errors.push({ code: 'MALFORMED_PRESENTATION', message: 'a presentation must be a JSON object' });
    return { verified: false, outcome: 'not_verified', holderProof: noProof, credentials: [], errors };
  }
  const vp = presentation as JsonObject;
  const refused = (problem: VerificationProblem): PresentationReport => ({
    verified: false,
    outcome: 'not_verified',
    holderProof: noProof,
    credentials: [],
    errors: [problem],
  });
  try {
    vc._checkPresentation(vp);
  } catch (error) {
    return refused({ code: 'MALFORMED_PRESENTATION', message: (error as Error).message });
  }
  const presented = asList(vp.verifiableCredential);
  if (presented.length > MAX_PRESENTED_CREDENTIALS) {
    return refused({
      code: 'LIMIT_EXCEEDED',
      message: `the presentation carries ${presented.length} credentials (at most ${MAX_PRESENTED_CREDENTIALS})`,
    });
  }
  if (asList(vp.proof).length > CREDENTIAL_LIMITS.proofs)
    return refused({ code: 'LIMIT_EXCEEDED', message: `the presentation carries more than ${CREDENTIAL_LIMITS.proofs} proofs` });
  // The holder and the challenge are read from the JSON too: the presentation must be the one spelling of what its
  // holder signed (checkSignedForm leaves its credentials out; each is checked on its own below).
  const formProblem = await checkSignedForm(vp, { documentLoader, ...(signedForm ?? {}) });
  if (formProblem) return refused(formProblem);

  const credentials: VerificationReport[] = [];
  for (const credential of presented) {
    credentials.push(
      await verifyCredential({ credential, documentLoader, checkStatus, now, fetchResource, ...(signedForm ? { signedForm } : {}) }),
    );
  }
  credentials.forEach((report, index) => {
    for (const problem of report.errors)
      errors.push({ ...problem, message: `credential ${index} (${report.credentialId ?? 'no id'}): ${problem.message}` });
  });

  let holderProof = noProof;
  if (asList(vp.proof).length > 0) holderProof = await verifyHolderProof(vp, { challenge, domain, documentLoader });
  else if (requireHolderProof) errors.push({ code: 'HOLDER_PROOF_REQUIRED', message: 'the presentation must be signed by its holder' });
  if (holderProof.error) errors.push(holderProof.error);

  const holder = typeof vp.holder === 'string' ? vp.holder : ((vp.holder as JsonObject | undefined)?.id as string | undefined);
  return { verified: errors.length === 0, outcome: outcomeOf(errors), ...(holder ? { holder } : {}), holderProof, credentials, errors };
}
