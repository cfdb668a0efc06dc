// Verification for people: by the link in a QR code, or from an uploaded PDF certificate or JSON credential.
import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { CredentialsRepository } from '../credentials/credentials.repository.js';
import { VerificationService, type CredentialVerdict, type Party } from '../credentials/verification.service.js';
import type { JsonObject } from '../credentials/vc/issuer.js';
import type { Credential } from '../credentials/credential.entity.js';
import { extractEmbeddedCredential, type ExtractionFailureCode } from '../documents/certificate-extractor.js';
import { CertificatePaperRepository } from '../documents/certificate-paper.repository.js';
import { displayExtras } from '../documents/certificate-pdf.service.js';
import { type CertificateContent, certificateContentFromCredential } from '../documents/certificate-view.js';
import { PaperBindingService, type PaperVerdict } from '../documents/paper-binding.service.js';
import { type SchoolProof, schoolProofs } from './school-proofs.js';
import type { CredentialSummary } from './verification-page.js';

/** The paper check's failures as the verdict names them; the page words each (verdict-messages.ts). */
const PAPER_CODES: Record<Exclude<PaperVerdict, { bound: true }>['code'], string> = {
  altered: 'PAPER_ALTERED',
  ambiguous: 'PAPER_AMBIGUOUS',
  unknown_layout: 'PAPER_UNBOUND',
  not_ours: 'PAPER_UNBOUND',
  too_costly: 'PAPER_UNBOUND',
};

/** Uploads to verify are small: a certificate PDF is a few hundred kilobytes. */
export const VERIFY_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** As for a JSON body (BODY_LIMIT's default): no credential of ours comes near it. */
export const VERIFY_JSON_MAX_BYTES = 1024 * 1024;

export type UploadProblem = ExtractionFailureCode | 'not_json' | 'file_required';

export interface PublicVerification {
  verdict: CredentialVerdict;
  summary: CredentialSummary;
  /** From the status list alone; `unchecked` when the list was not read (a check before it failed, or it is out of reach). */
  status: 'active' | 'revoked' | 'suspended' | 'unchecked';
  /** The issuer's stated reason, for a credential of ours that was revoked or suspended. */
  statusReason: string | null;
  /** When our records say that revocation or suspension happened (ISO 8601). */
  statusChangedAt: string | null;
  /** Signed by one of our schools through the VC-API: a claim someone sent, not one of its records. */
  externalClaims: boolean;
  /** What the paper prints, read as the paper reads it; absent when the credential is no achievement credential. */
  content?: CertificateContent;
  schoolProofs: SchoolProof[];
  /** The credential as it was checked, for the page's signed-data panel. */
  credential: JsonObject;
  /** Every proof it carries verified, and every school's it needs: the data is as signed (whatever its status). */
  signedAsShown: boolean;
}

@Injectable()
export class PublicVerificationService {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly verifier: VerificationService,
    private readonly paper: PaperBindingService,
    private readonly papers: CertificatePaperRepository,
  ) {}

  /** A credential of ours, by the id in its verification link; null when unknown or not yet released. */
  async byId(id: string): Promise<PublicVerification | null> {
    const credential = await this.credentials.findCredential(id);
    if (!credential || credential.state === 'awaiting_signatures') return null;
    return this.verify(credential.document);
  }

  async fromUpload(bytes: Uint8Array | undefined): Promise<PublicVerification | { problem: UploadProblem; message: string }> {
    if (!bytes?.length) return { problem: 'file_required', message: 'A file is required (multipart field "file").' };
    let credential: JsonObject;
    const firstByte = bytes.find((byte) => ![0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf].includes(byte));
    if (firstByte === 0x7b) {
      if (bytes.length > VERIFY_JSON_MAX_BYTES)
        return { problem: 'too_large', message: `A credential JSON file is at most ${VERIFY_JSON_MAX_BYTES} bytes.` };
      try {
        credential = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
      } catch {
        return { problem: 'not_json', message: 'The JSON file cannot be read.' };
      }
    } else {
      const extracted = await extractEmbeddedCredential(bytes, { maxBytes: VERIFY_UPLOAD_MAX_BYTES });
      if (!extracted.ok) return { problem: extracted.code, message: extracted.message };
      credential = extracted.credential;
      // A verified credential vouches for the paper only if the pages are what we print for it.
      const result = await this.verify(credential);
      if (!result.verdict.verified) return result;
      const paper = await this.paper.checkPaper({ pdfBytes: bytes, credential });
      // No detail: the page shows checks in the reader's language; the English message goes with the error.
      const code = paper.bound ? undefined : PAPER_CODES[paper.code];
      result.verdict.checks.push({ check: 'paper', passed: paper.bound, ...(code ? { code } : {}) });
      if (!paper.bound) {
        result.verdict.verified = false;
        result.verdict.outcome = 'not_verified';
        result.verdict.errors.push({ code: code!, message: paper.message });
      }
      return result;
    }
    return this.verify(credential);
  }

  private async verify(credential: JsonObject): Promise<PublicVerification> {
    const verdict = await this.verifier.verifyCredential(credential);
    const entries = verdict.report.status?.entries ?? [];
    const set = (purpose: string) => entries.some((entry) => entry.statusPurpose === purpose && entry.status === 'set');
    const read = verdict.report.status?.checked === true && entries.every((entry) => entry.status === 'clear' || entry.status === 'set');
    const status = set('revocation')
      ? 'revoked'
      : set('suspension')
        ? 'suspended'
        : credential.credentialStatus !== undefined && !read
          ? 'unchecked'
          : 'active';
    const ours =
      verdict.outcome === 'indeterminate' || typeof credential.id !== 'string'
        ? null
        : await this.credentials.findByCredentialId(credential.id).catch(() => null);
    // The list decides; our records only date and explain a change they agree with.
    const change = ours && (status === 'revoked' || status === 'suspended') && ours.state === status ? ours : null;
    return {
      verdict,
      summary: summarise(credential, verdict.parties),
      status,
      statusReason: change?.statusReason ?? null,
      statusChangedAt: change ? change.statusChangedAt.toISOString() : null,
      externalClaims: ours?.kind === 'external',
      ...(await this.printedContent(credential, ours)),
      schoolProofs: schoolProofs(verdict),
      credential,
      signedAsShown:
        verdict.report.proofs.length > 0 &&
        verdict.report.proofs.every((proof) => proof.verified) &&
        verdict.report.requiredProofs.every((proof) => proof.satisfied),
    };
  }

  /**
   * What the paper prints: the credential's own content, with the names, Arabic titles and hours its paper was printed
   * with when the document is exactly one of ours that has been printed (never for a document that differs from it).
   */
  private async printedContent(credential: JsonObject, ours: Credential | null): Promise<{ content?: CertificateContent }> {
    const printed = ours && isDeepStrictEqual(ours.document, credential) ? await this.papers.find(ours.id).catch(() => null) : null;
    try {
      return { content: certificateContentFromCredential(credential, printed ? displayExtras(printed, undefined) : {}) };
    } catch (error) {
      if (error instanceof TypeError) return {};
      throw error;
    }
  }
}

/**
 * What the credential says about itself, for display (never trusted beyond what the checks verified). Who issued it is
 * not its say: the parties are named from our records by the DIDs whose proofs were checked.
 */
export function summarise(credential: JsonObject, parties: Party[]): CredentialSummary {
  const subject = ([credential.credentialSubject].flat()[0] ?? {}) as JsonObject;
  const achievement = (subject.achievement ?? {}) as JsonObject;
  const identities = [subject.identifier].flat().filter(Boolean) as JsonObject[];
  const name = identities.find((identity) => identity.identityType === 'name' && identity.hashed === false)?.identityHash;
  return {
    holder: typeof name === 'string' ? name : typeof subject.name === 'string' ? subject.name : undefined,
    achievement:
      typeof achievement.name === 'string' ? achievement.name : typeof credential.name === 'string' ? credential.name : undefined,
    achievementType: typeof achievement.achievementType === 'string' ? achievement.achievementType : undefined,
    issuers: parties.map(({ did, name, claimedName }) => ({ did, ...(name ? { name } : {}), ...(claimedName ? { claimedName } : {}) })),
    validFrom: typeof credential.validFrom === 'string' ? credential.validFrom : undefined,
    validUntil: typeof credential.validUntil === 'string' ? credential.validUntil : undefined,
  };
}
