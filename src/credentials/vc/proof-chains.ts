// Data Integrity proof chains (VC Data Integrity 1.0 §2.1.2, §4.4/§4.5): a proof whose `previousProof` names other
// proofs of the set by id signs the document WITH those proofs attached, so it covers them; the library in use
// (data-integrity 2.5) ignores previousProof, so both sides of the cryptosuite go through `chainedVerifyData`.
type JsonObject = Record<string, unknown>;

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** The ids a proof names as previous proofs. */
export const previousProofIds = (proof: JsonObject): unknown[] => asList(proof.previousProof);

/** What is wrong with the chain links of a proof set: every previousProof is the id of ANOTHER proof in the set. */
export function proofChainProblems(proofs: unknown[]): { index: number; message: string }[] {
  const objects = proofs.map((proof) => (proof && typeof proof === 'object' ? (proof as JsonObject) : {}));
  const ids = objects.map((proof) => proof.id);
  const problems: { index: number; message: string }[] = [];
  const seenIds = new Set<unknown>();
  for (const [index, id] of ids.entries()) {
    if (id === undefined) continue;
    if (seenIds.has(id)) problems.push({ index, message: `two proofs have the id ${String(id)}` });
    seenIds.add(id);
  }
  for (const [index, proof] of objects.entries()) {
    for (const previous of previousProofIds(proof)) {
      if (typeof previous !== 'string') problems.push({ index, message: 'previousProof must be a proof id (a string) or a list of them' });
      else if (previous === proof.id) problems.push({ index, message: `the proof names itself (${previous}) as its previous proof` });
      else if (!ids.includes(previous))
        problems.push({ index, message: `previousProof ${previous} is not the id of any proof in the set` });
    }
  }
  return problems;
}

/** The proofs a chained proof covers, as they are attached to the document it signs (no per-proof @context). */
export function previousProofsOf(proof: JsonObject, proofSet: JsonObject[]): JsonObject[] {
  return previousProofIds(proof).map((id) => {
    const found = proofSet.find((candidate) => candidate.id === id && candidate !== proof);
    if (!found) throw new Error(`previousProof ${String(id)} is not the id of any proof in the set`);
    const { '@context': _context, ...attached } = found;
    return attached;
  });
}

interface VerifyDataOptions {
  document: JsonObject;
  proof: JsonObject;
  proofSet?: JsonObject[];
  documentLoader: unknown;
  dataIntegrityProof: {
    createVerifyData(options: { document: JsonObject; proof: JsonObject; documentLoader: unknown }): Promise<Uint8Array>;
  };
}

/** `cryptosuite.createVerifyData`: the stock hashing, over the document with the previous proofs attached when chained. */
export async function chainedVerifyData({
  document,
  proof,
  proofSet = [],
  documentLoader,
  dataIntegrityProof,
}: VerifyDataOptions): Promise<Uint8Array> {
  const previous = previousProofsOf(proof, proofSet);
  const signed = previous.length === 0 ? document : { ...document, proof: previous.length === 1 ? previous[0] : previous };
  return dataIntegrityProof.createVerifyData({ document: signed, proof, documentLoader });
}
