// Each awarding school's own approval, one row per school the credential requires (and one per proof by anyone else):
// the issuer's proof, each co-awarding school's endorsement (or, on diplomas issued before endorsements, its proof).
// A co-accredited diploma is genuine only when every school's approval is.
import type { LocalizedText } from '../common/localized-text.js';
import type { CredentialVerdict } from '../credentials/verification.service.js';

export interface SchoolProof {
  did: string;
  /** What the school is to the credential: its issuer, one of its awarding bodies, or neither. */
  part: 'issuer' | 'awarding_body' | 'other';
  /** How the school approved (or had to): its own proof, or its endorsement embedded in the diploma. */
  by?: 'proof' | 'endorsement';
  /** From our records, by the DID (absent for an outside or unknown signer). */
  name?: LocalizedText;
  verified: boolean;
  /** Why not, as a problem code (the page words it) and the verifier's English message. */
  code?: string;
  detail?: string;
}

export function schoolProofs({ report, parties }: Pick<CredentialVerdict, 'report' | 'parties'>): SchoolProof[] {
  const nameOf = (did: string) => parties.find((party) => party.did === did)?.name;
  const rows: SchoolProof[] = report.requiredProofs.map(({ did, satisfied, via }) => {
    const name = nameOf(did);
    const failed =
      via === 'endorsement'
        ? report.endorsements?.find((endorsement) => endorsement.did === did)?.error
        : report.proofs.find((proof) => proof.controller === did && !proof.verified)?.error;
    const why = satisfied
      ? {}
      : failed
        ? { code: failed.code, detail: failed.message }
        : { code: 'MISSING_REQUIRED_PROOF', detail: 'no proof from this school' };
    return {
      did,
      part: did === report.issuer ? 'issuer' : 'awarding_body',
      by: via,
      ...(name ? { name } : {}),
      verified: satisfied,
      ...why,
    };
  });
  const required = new Set(report.requiredProofs.map(({ did }) => did));
  for (const proof of report.proofs) {
    const did = proof.controller ?? proof.verificationMethod;
    if (!did || required.has(did)) continue;
    rows.push({
      did,
      part: 'other',
      verified: proof.verified,
      ...(proof.error ? { code: proof.error.code, detail: proof.error.message } : {}),
    });
  }
  return rows;
}
