// How much a credential may carry, checked before any JSON-LD processing sees it (their cost grows with the input).
import type { JsonObject } from './issuer.js';

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** What one credential may carry: a proof or an endorsement per awarding school and a status entry per purpose, with room to spare. */
export const CREDENTIAL_LIMITS = { proofs: 8, endorsements: 8, statusEntries: 4, depth: 32, values: 20_000 } as const;

/** The first limit the document passes, before any JSON-LD processing sees it (their cost grows with the input). */
export function exceedsLimits(document: JsonObject): string | null {
  let values = 0;
  const walk = (value: unknown, depth: number): string | null => {
    values += 1;
    if (values > CREDENTIAL_LIMITS.values) return `more than ${CREDENTIAL_LIMITS.values} values`;
    if (depth > CREDENTIAL_LIMITS.depth) return `nested more than ${CREDENTIAL_LIMITS.depth} levels deep`;
    if (value && typeof value === 'object') {
      for (const item of Array.isArray(value) ? value : Object.values(value)) {
        const found = walk(item, depth + 1);
        if (found) return found;
      }
    }
    return null;
  };
  const shape = walk(document, 0);
  if (shape) return shape;
  const proofs = asList(document.proof);
  if (proofs.length > CREDENTIAL_LIMITS.proofs) return `${proofs.length} proofs (at most ${CREDENTIAL_LIMITS.proofs})`;
  const proofValues = proofs
    .map((proof) => (proof && typeof proof === 'object' ? (proof as JsonObject).proofValue : undefined))
    .filter((value) => value !== undefined);
  if (new Set(proofValues.map(String)).size !== proofValues.length) return 'the same proof twice';
  const endorsements = asList(document.endorsement);
  if (endorsements.length > CREDENTIAL_LIMITS.endorsements)
    return `${endorsements.length} endorsements (at most ${CREDENTIAL_LIMITS.endorsements})`;
  const entries = asList(document.credentialStatus);
  if (entries.length > CREDENTIAL_LIMITS.statusEntries)
    return `${entries.length} status entries (at most ${CREDENTIAL_LIMITS.statusEntries})`;
  const purposes = entries.map((entry) => (entry && typeof entry === 'object' ? String((entry as JsonObject).statusPurpose) : ''));
  if (new Set(purposes).size !== purposes.length) return 'two status entries with the same purpose (one list per purpose)';
  return null;
}
