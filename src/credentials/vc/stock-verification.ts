// What a verifier we did not write sees: the stock @digitalbazaar/vc verifyCredential with the stock eddsa-rdfc-2022
// suite and @digitalbazaar/vc-bitstring-status-list's checkStatus, nothing of ours but the document loader given.
// For specs (test/credential-schemas.e2e-spec.ts): the service itself verifies with verifier.ts.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import type { DocumentLoader } from './document-loader.js';
import type { JsonObject } from './issuer.js';

export interface StockVerdict {
  /** verifyCredential's answer: proofs, dates and that the status could be read (not what it says). */
  verified: boolean;
  /** Every proof verified. */
  proofs: boolean;
  /** The status list read and verified (checkStatus's `verified`); undefined when the credential carries no status. */
  statusRead?: boolean;
  /** The bit of each status entry, by its purpose, as checkStatus found it: `{ revocation: true }` is revoked. */
  bits: Record<string, boolean>;
  errors: string[];
}

interface StatusResult {
  verified: boolean;
  error?: { message?: string };
  results?: { credentialStatus: { statusPurpose: string }; status: boolean }[];
}

export async function verifyWithStockLibraries({
  credential,
  documentLoader,
}: {
  credential: JsonObject;
  documentLoader: DocumentLoader;
}): Promise<StockVerdict> {
  const result = await vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader, checkStatus });
  const proofResults = (result.results ?? []) as { verified?: boolean; error?: { message?: string } }[];
  const status = result.statusResult as StatusResult | undefined;
  const errors = [result.error, ...proofResults.map((r) => r.error), status?.error].flatMap((error) =>
    error ? [String((error as { message?: string }).message ?? error)] : [],
  );
  return {
    verified: result.verified,
    proofs: proofResults.length > 0 && proofResults.every((r) => r.verified === true),
    ...(status ? { statusRead: status.verified } : {}),
    bits: Object.fromEntries((status?.results ?? []).map((r) => [r.credentialStatus.statusPurpose, r.status])),
    errors,
  };
}
