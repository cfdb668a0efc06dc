import { createHash } from 'node:crypto';
import { createDocumentLoader } from './document-loader.js';
import { type JsonObject, issueCredential } from './issuer.js';
import { generateDidKeyPair, type IssuerKeyPair } from './keys.js';
import { proofChainProblems } from './proof-chains.js';
import { verifyCredential } from './verifier.js';

const seed = (label: string): Uint8Array => createHash('sha256').update(label).digest();
const codes = (report: { errors: { code: string }[] }): string[] => report.errors.map((e) => e.code);

// A proof chain (VC Data Integrity §2.1.2): ENSM Alger's registrar signs first, the school signs again once the jury
// has met, naming the first proof as its previousProof, so its signature covers it.
describe('Data Integrity proof chains', () => {
  const documentLoader = createDocumentLoader();
  let ensm: IssuerKeyPair;
  let chained: JsonObject;
  const credential = (): JsonObject => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:0f5a3b52-8b4c-4d1e-9a55-6b0f3f1c2a10',
    type: ['VerifiableCredential'],
    issuer: ensm.controller,
    validFrom: '2026-03-13T16:00:00Z',
    credentialSubject: { id: 'did:example:nadia-benkhelifa', name: 'Nadia Benkhelifa' },
  });

  beforeAll(async () => {
    ensm = await generateDidKeyPair({ seed: seed('chain:ensm') });
    const first = await issueCredential({
      credential: credential(),
      signer: { keyPair: ensm },
      documentLoader,
      date: '2026-03-13T16:00:00Z',
      proof: { id: 'urn:uuid:7d0b0b7e-1111-4c8e-9f00-000000000001' },
    });
    chained = await issueCredential({
      credential: first,
      signer: { keyPair: ensm },
      documentLoader,
      date: '2026-03-14T09:00:00Z',
      proof: { id: 'urn:uuid:7d0b0b7e-1111-4c8e-9f00-000000000002', previousProof: 'urn:uuid:7d0b0b7e-1111-4c8e-9f00-000000000001' },
    });
  });

  const verify = (document: JsonObject) => verifyCredential({ credential: document, documentLoader, now: '2026-09-01T10:00:00Z' });

  it('verifies a chain whose second proof names the first', async () => {
    const proofs = chained.proof as JsonObject[];
    expect(proofs).toHaveLength(2);
    expect(proofs[1].previousProof).toBe(proofs[0].id);
    const report = await verify(chained);
    expect(codes(report)).toEqual([]);
    expect(report.verified).toBe(true);
  });

  it('fails the chained proof when the proof it covers was altered, though that proof is checked on its own too', async () => {
    const altered = structuredClone(chained);
    (altered.proof as JsonObject[])[0].created = '2026-03-13T17:00:00Z';
    const report = await verify(altered);
    expect(report.verified).toBe(false);
    expect(report.proofs.map((proof) => proof.error?.code)).toEqual(['INVALID_SIGNATURE', 'INVALID_SIGNATURE']);
  });

  it('refuses a chain that names a proof missing from the set, or a proof that names itself', async () => {
    const dangling = structuredClone(chained);
    (dangling.proof as JsonObject[])[1].previousProof = 'urn:uuid:7d0b0b7e-1111-4c8e-9f00-00000000dead';
    expect(codes(await verify(dangling))).toContain('PROOF_CHAIN_INVALID');
    const withoutFirst = { ...structuredClone(chained), proof: (chained.proof as JsonObject[])[1] };
    expect(codes(await verify(withoutFirst))).toContain('PROOF_CHAIN_INVALID');
    expect(proofChainProblems([{ id: 'urn:a', previousProof: 'urn:a' }])).toEqual([
      { index: 0, message: expect.stringContaining('names itself') },
    ]);
    expect(proofChainProblems([{ id: 'urn:a' }, { id: 'urn:a' }])).toEqual([{ index: 1, message: 'two proofs have the id urn:a' }]);
  });

  it('does not let a proof set pass as a chain: a previousProof added after signing breaks that proof', async () => {
    const set = await issueCredential({
      credential: await issueCredential({
        credential: credential(),
        signer: { keyPair: ensm },
        documentLoader,
        proof: { id: 'urn:uuid:7d0b0b7e-1111-4c8e-9f00-000000000003' },
      }),
      signer: { keyPair: ensm },
      documentLoader,
    });
    expect((await verify(set)).verified).toBe(true);
    (set.proof as JsonObject[])[1].previousProof = 'urn:uuid:7d0b0b7e-1111-4c8e-9f00-000000000003';
    expect((await verify(set)).proofs[1].error?.code).toBe('INVALID_SIGNATURE');
  });
});
