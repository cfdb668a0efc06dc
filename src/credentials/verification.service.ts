// Verification for employers and other services: each proof, the status, the validity period, the Open Badges
// shape and whether each issuer is trusted, reported check by check. Never throws on bad input.
import { Injectable } from '@nestjs/common';
import { VcEnvironment } from './vc-environment.service.js';
import type { JsonObject } from './vc/issuer.js';
import { checkOpenBadgeShape } from './vc/open-badges.js';
import { verifyPresentation, type PresentationReport } from './vc/presentation-verifier.js';
import { verifyCredential, type VerificationReport } from './vc/verifier.js';

/** `paper`: an uploaded PDF's pages are what we print for its credential (added by the public verification). */
export type CheckName = 'proof' | 'status' | 'validity' | 'shape' | 'issuer' | 'paper';

export interface Check {
  check: CheckName;
  passed: boolean;
  /** For `proof`: the verification method; for `issuer`: the DID. */
  subject?: string;
  detail?: string;
}

export interface CredentialVerdict {
  verified: boolean;
  credentialId?: string;
  checks: Check[];
  errors: { code: string; message: string }[];
  warnings: string[];
  /** The library's full report, for tools that want every detail. */
  report: VerificationReport;
}

const isOpenBadge = (credential: JsonObject): boolean =>
  [credential.type].flat().some((type) => type === 'OpenBadgeCredential' || type === 'AchievementCredential');

@Injectable()
export class VerificationService {
  constructor(private readonly vc: VcEnvironment) {}

  async verifyCredential(credential: unknown, options: { expectedProofPurpose?: string } = {}): Promise<CredentialVerdict> {
    const report = await verifyCredential({ credential, documentLoader: this.vc.documentLoader, checkStatus: this.vc.checkStatus, ...options });
    return this.verdict(credential, report);
  }

  async verifyPresentation(
    presentation: unknown, options: { challenge?: string; domain?: string },
  ): Promise<Omit<PresentationReport, 'credentials' | 'errors'> & { errors: CredentialVerdict['errors']; credentials: CredentialVerdict[] }> {
    const report = await verifyPresentation({ presentation, documentLoader: this.vc.documentLoader, checkStatus: this.vc.checkStatus, ...options });
    const inside = [(presentation as JsonObject | undefined)?.verifiableCredential].flat().filter(Boolean);
    const credentials = await Promise.all(report.credentials.map((credentialReport, index) => this.verdict(inside[index], credentialReport)));
    const verified = report.verified && credentials.every((credential) => credential.verified);
    // A credential can fail a check of this service (an untrusted issuer) that the presentation report knows nothing of.
    const errors: CredentialVerdict['errors'] = [
      ...report.errors,
      ...(report.verified ? credentials.flatMap((credential, index) => credential.verified ? [] : credential.errors.map((error) => ({ ...error, message: `credential ${index}: ${error.message}` }))) : []),
    ];
    return { ...report, verified, errors, credentials };
  }

  private async verdict(credential: unknown, report: VerificationReport): Promise<CredentialVerdict> {
    const checks: Check[] = report.proofs.map((proof) => ({
      check: 'proof', passed: proof.verified, subject: proof.verificationMethod ?? undefined, ...(proof.error ? { detail: proof.error.message } : {}),
    }));
    for (const required of report.requiredProofs.filter((r) => !r.satisfied)) {
      checks.push({ check: 'proof', passed: false, subject: required.did, detail: 'no valid proof from this awarding school' });
    }
    if (!report.proofs.length) checks.push({ check: 'proof', passed: false, detail: 'the credential carries no proof' });
    if (report.status?.checked) {
      const set = report.status.entries.filter((entry) => entry.status !== 'clear');
      checks.push({ check: 'status', passed: report.status.verified, ...(set.length ? { detail: set.map((entry) => `${entry.statusPurpose}: ${entry.status}`).join(', ') } : {}) });
    }
    checks.push({ check: 'validity', passed: report.validity.valid, ...(report.validity.problem ? { detail: report.validity.problem.message } : {}) });

    const errors: { code: string; message: string }[] = report.errors.map((error) => ({ code: error.code, message: error.message }));
    const document = credential && typeof credential === 'object' ? (credential as JsonObject) : undefined;
    if (document && isOpenBadge(document)) {
      const missing = checkOpenBadgeShape(document);
      checks.push({ check: 'shape', passed: missing.length === 0, ...(missing.length ? { detail: `missing ${missing.join(', ')}` } : {}) });
    }
    // Every party whose proof counts must be an issuer we trust: our schools, or DIDs the operator configured.
    const parties = [...new Set([report.issuer, ...report.requiredProofs.map((required) => required.did)].filter((did): did is string => !!did))];
    for (const did of parties) {
      const trust = await this.vc.isTrustedIssuer(did);
      checks.push({ check: 'issuer', passed: trust.trusted, subject: did, detail: trust.institution ? trust.institution.name.fr ?? trust.institution.slug : trust.trusted ? 'trusted external issuer' : 'unknown issuer' });
    }
    const verified = report.verified && checks.every((check) => check.passed);
    if (report.verified && !verified && !errors.length) {
      errors.push(...checks.filter((check) => !check.passed).map((check) => ({ code: `${check.check.toUpperCase()}_CHECK_FAILED`, message: `${check.check}${check.subject ? ` (${check.subject})` : ''}: ${check.detail ?? 'failed'}` })));
    }
    return { verified, credentialId: report.credentialId, checks, errors, warnings: report.warnings, report };
  }
}
