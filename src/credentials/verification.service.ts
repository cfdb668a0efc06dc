// Verification for employers and other services: each proof, the status, the validity period, the Open Badges
// shape and whether each issuer is trusted, reported check by check. Never throws on bad input.
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { VcEnvironment } from './vc-environment.service.js';
import type { JsonObject } from './vc/issuer.js';
import { checkOpenBadgeShape } from './vc/open-badges.js';
import { verifyPresentation, type PresentationReport } from './vc/presentation-verifier.js';
import { isUnavailable } from './vc/verification-problems.js';
import { type Outcome, verifyCredential, type VerificationReport } from './vc/verifier.js';
import type { LocalizedText } from '../common/localized-text.js';

/** `embedded`: one credential a transcript (ClrCredential) bundles. `paper`: an uploaded PDF's pages are what we print for its credential (added by the public verification). */
export type CheckName = 'proof' | 'status' | 'validity' | 'shape' | 'issuer' | 'paper' | 'embedded';

export interface Check {
  check: CheckName;
  passed: boolean;
  /** The problem's stable code when it failed (pages word it in their language; `detail` is for tools, in English). */
  code?: string;
  /** The check could not run for now (a source out of reach): neither passed nor failed. */
  unavailable?: boolean;
  /** For `proof`: the verification method; for `issuer`: the DID. */
  subject?: string;
  detail?: string;
}

/** The issuer or an awarding body, named from our records by the DID whose proof verified, never from the document. */
export interface Party {
  did: string;
  role: 'issuer' | 'awarding_body';
  /** Our school's registered name; absent for an outside issuer (trusted or not). */
  name?: LocalizedText;
  trusted: boolean;
  /** The name the document gives it, when that is none of the registered ones (a claim, reported, never shown as fact). */
  claimedName?: string;
}

export interface CredentialVerdict {
  verified: boolean;
  outcome: Outcome;
  credentialId?: string;
  parties: Party[];
  checks: Check[];
  errors: { code: string; message: string }[];
  warnings: string[];
  /** The library's full report, for tools that want every detail. */
  report: VerificationReport;
}

const isUnavailableCode = (code: string): boolean => code === 'STATUS_UNAVAILABLE' || code === 'DID_UNAVAILABLE';

const isOpenBadge = (credential: JsonObject): boolean =>
  [credential.type].flat().some((type) => type === 'OpenBadgeCredential' || type === 'AchievementCredential');

@Injectable()
export class VerificationService {
  constructor(
    private readonly vc: VcEnvironment,
    private readonly clock: Clock,
  ) {}

  async verifyCredential(credential: unknown, options: { expectedProofPurpose?: string } = {}): Promise<CredentialVerdict> {
    const report = await verifyCredential({
      credential,
      documentLoader: this.vc.documentLoader,
      checkStatus: this.vc.checkStatus,
      signedForm: this.vc.signedForm,
      fetchResource: this.vc.fetchResource,
      now: this.clock.now(),
      ...options,
    });
    return this.verdict(credential, report);
  }

  async verifyPresentation(
    presentation: unknown,
    options: { challenge?: string; domain?: string },
  ): Promise<
    Omit<PresentationReport, 'credentials' | 'errors' | 'outcome'> & {
      outcome: Outcome;
      errors: CredentialVerdict['errors'];
      credentials: CredentialVerdict[];
    }
  > {
    const report = await verifyPresentation({
      presentation,
      documentLoader: this.vc.documentLoader,
      checkStatus: this.vc.checkStatus,
      signedForm: this.vc.signedForm,
      fetchResource: this.vc.fetchResource,
      now: this.clock.now(),
      ...options,
    });
    const inside = [(presentation as JsonObject | undefined)?.verifiableCredential].flat().filter(Boolean);
    const credentials = await Promise.all(
      report.credentials.map((credentialReport, index) => this.verdict(inside[index], credentialReport)),
    );
    const verified = report.verified && credentials.every((credential) => credential.verified);
    const outcome: Outcome = verified
      ? 'verified'
      : [report, ...credentials].every((part) => part.outcome !== 'not_verified')
        ? 'indeterminate'
        : 'not_verified';
    // A credential can fail a check of this service (an untrusted issuer) that the presentation report knows nothing of.
    const errors: CredentialVerdict['errors'] = [
      ...report.errors,
      ...(report.verified
        ? credentials.flatMap((credential, index) =>
            credential.verified ? [] : credential.errors.map((error) => ({ ...error, message: `credential ${index}: ${error.message}` })),
          )
        : []),
    ];
    return { ...report, verified, outcome, errors, credentials };
  }

  private async verdict(credential: unknown, report: VerificationReport): Promise<CredentialVerdict> {
    const checks: Check[] = report.proofs.map((proof) => ({
      check: 'proof',
      passed: proof.verified,
      subject: proof.verificationMethod ?? undefined,
      ...(proof.error
        ? { code: proof.error.code, detail: proof.error.message, ...(proof.error.code === 'DID_UNAVAILABLE' ? { unavailable: true } : {}) }
        : {}),
    }));
    for (const required of report.requiredProofs.filter((r) => !r.satisfied)) {
      if (required.unavailable) continue; // its proof's check above says the DID document is out of reach now
      const endorsement = report.endorsements?.find((e) => e.did === required.did);
      checks.push(
        required.via === 'endorsement'
          ? {
              check: 'proof',
              passed: false,
              code: required.problem ?? 'ENDORSEMENT_MISSING',
              subject: required.did,
              detail: endorsement?.error?.message ?? 'no valid endorsement from this awarding school',
            }
          : {
              check: 'proof',
              passed: false,
              code: 'MISSING_REQUIRED_PROOF',
              subject: required.did,
              detail: 'no valid proof from this awarding school',
            },
      );
    }
    if (!report.proofs.length) {
      const refusal = report.errors[0];
      checks.push({
        check: 'proof',
        passed: false,
        code: refusal?.code ?? 'NO_PROOF',
        detail: refusal?.message ?? 'the credential carries no proof',
      });
    }
    if (report.status?.checked) {
      const notClear = report.status.entries.filter((entry) => entry.status !== 'clear');
      const unavailable = notClear.length > 0 && notClear.every((entry) => entry.status === 'unavailable');
      checks.push({
        check: 'status',
        passed: report.status.verified,
        ...(unavailable ? { unavailable } : {}),
        ...(notClear.length
          ? { code: notClear[0].problem?.code, detail: notClear.map((entry) => `${entry.statusPurpose}: ${entry.status}`).join(', ') }
          : {}),
      });
    }
    checks.push({
      check: 'validity',
      passed: report.validity.valid,
      ...(report.validity.problem ? { code: report.validity.problem.code, detail: report.validity.problem.message } : {}),
    });
    for (const inner of report.embedded ?? []) {
      const first = inner.errors[0];
      const unavailable = !inner.verified && inner.errors.every((error) => isUnavailableCode(error.code));
      checks.push({
        check: 'embedded',
        passed: inner.verified,
        subject: inner.credentialId,
        ...(first ? { code: first.code, detail: first.message } : {}),
        ...(unavailable ? { unavailable } : {}),
      });
    }

    const errors: { code: string; message: string }[] = report.errors.map((error) => ({ code: error.code, message: error.message }));
    const warnings = [...report.warnings];
    const document = credential && typeof credential === 'object' ? (credential as JsonObject) : undefined;
    if (document && report.proofs.length && isOpenBadge(document)) {
      const missing = checkOpenBadgeShape(document);
      checks.push({ check: 'shape', passed: missing.length === 0, ...(missing.length ? { detail: `missing ${missing.join(', ')}` } : {}) });
    }
    // Every party whose proof counts must be an issuer we trust: our schools, or DIDs the operator configured. Its
    // name is ours to give; what the document calls it is only reported.
    const parties: Party[] = [];
    if (report.issuer && report.proofs.length) {
      const awarding = new Set(report.requiredProofs.map((required) => required.did).filter((did) => did !== report.issuer));
      for (const [did, role] of [[report.issuer, 'issuer'], ...[...awarding].map((did) => [did, 'awarding_body'])] as [
        string,
        Party['role'],
      ][]) {
        let trust: Awaited<ReturnType<VcEnvironment['isTrustedIssuer']>>;
        try {
          trust = await this.vc.isTrustedIssuer(did);
        } catch (error) {
          if (!isUnavailable(error)) throw error;
          checks.push({
            check: 'issuer',
            passed: false,
            unavailable: true,
            code: 'ISSUER_UNAVAILABLE',
            subject: did,
            detail: (error as Error).message,
          });
          parties.push({ did, role, trusted: false });
          continue;
        }
        const claimedName = claimedNameOf(document, did);
        const registered = trust.institution ? Object.values(trust.institution.name).filter(Boolean) : [];
        const mismatch = claimedName !== undefined && registered.length > 0 && !registered.includes(claimedName);
        if (mismatch)
          warnings.push(
            `${did} is registered as "${trust.institution!.name.fr ?? registered[0]}", not "${claimedName}" as the document says`,
          );
        parties.push({
          did,
          role,
          trusted: trust.trusted,
          ...(trust.institution ? { name: trust.institution.name } : {}),
          ...(mismatch ? { claimedName } : {}),
        });
        checks.push({
          check: 'issuer',
          passed: trust.trusted,
          subject: did,
          ...(trust.trusted ? {} : { code: 'UNKNOWN_ISSUER' }),
          detail: trust.institution
            ? (trust.institution.name.fr ?? trust.institution.slug)
            : trust.trusted
              ? 'trusted external issuer'
              : 'unknown issuer',
        });
      }
    }
    const verified = report.verified && checks.every((check) => check.passed);
    if (report.verified && !verified && !errors.length) {
      errors.push(
        ...checks
          .filter((check) => !check.passed)
          .map((check) => ({
            code: `${check.check.toUpperCase()}_CHECK_FAILED`,
            message: `${check.check}${check.subject ? ` (${check.subject})` : ''}: ${check.detail ?? 'failed'}`,
          })),
      );
    }
    const failed = checks.filter((check) => !check.passed);
    const outcome: Outcome = verified
      ? 'verified'
      : report.outcome !== 'not_verified' && failed.length > 0 && failed.every((check) => check.unavailable)
        ? 'indeterminate'
        : 'not_verified';
    return { verified, outcome, credentialId: report.credentialId, parties, checks, errors, warnings, report };
  }
}

/** The name the document gives a party (its issuer or awarding body profile), if any. */
function claimedNameOf(document: JsonObject | undefined, did: string): string | undefined {
  const profiles = [document?.issuer, ...[document?.awardingBody ?? []].flat()];
  const profile = profiles.find((candidate) => candidate && typeof candidate === 'object' && (candidate as JsonObject).id === did) as
    JsonObject | undefined;
  return typeof profile?.name === 'string' ? profile.name : undefined;
}
