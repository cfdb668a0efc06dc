// Signs credentials and presentations with eddsa-rdfc-2022 Data Integrity proofs; each call adds one proof.
import { type KeyObject, createPrivateKey, sign as signEd25519 } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import type { Ed25519Signer } from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from './document-loader.js';
import type { IssuerKeyPair } from './keys.js';
import { chainedVerifyData } from './proof-chains.js';

export type JsonObject = Record<string, unknown>;

export interface SigningKey {
  /** The school's key pair (decrypted for this call only), or an external signer (HSM/KMS) below. */
  keyPair?: IssuerKeyPair;
  signer?: Ed25519Signer;
  /** The verification method id written in the proof; defaults to the key's id. */
  verificationMethod?: string;
}

// PKCS#8 header of a raw 32-byte Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
// The stock signer imports the secret key into a new KeyObject for every signature (a PKCS#8 decode and a public key
// derivation, as costly as the signature itself). A key pair lives as long as the issuer's cached key: keep its
// KeyObject beside it, in memory like the key pair itself.
const privateKeys = new WeakMap<IssuerKeyPair, KeyObject>();

function keyPairSigner(keyPair: IssuerKeyPair): Ed25519Signer {
  const stock = keyPair.signer(); // refuses a key pair without its secret key
  let key = privateKeys.get(keyPair);
  if (!key) {
    key = createPrivateKey({
      key: Buffer.concat([ED25519_PKCS8_PREFIX, keyPair.secretKey!.subarray(0, 32)]),
      format: 'der',
      type: 'pkcs8',
    });
    privateKeys.set(keyPair, key);
  }
  const privateKey = key;
  return { id: stock.id, algorithm: stock.algorithm, sign: async ({ data }) => signEd25519(null, data, privateKey) };
}

function resolveSigner(signingKey: SigningKey): Ed25519Signer {
  if (!signingKey) throw new TypeError('"signer" is required.');
  const base = signingKey.signer ?? (signingKey.keyPair && keyPairSigner(signingKey.keyPair));
  if (!base) throw new TypeError('"signer.keyPair" or "signer.signer" is required.');
  const id = signingKey.verificationMethod ?? base.id;
  if (!id) throw new TypeError('"signer.verificationMethod" is required when the key has no id.');
  if (base.algorithm !== 'Ed25519') throw new TypeError(`eddsa-rdfc-2022 needs an Ed25519 signer, not ${base.algorithm}.`);
  return id === base.id ? base : { id, algorithm: base.algorithm, sign: (options) => base.sign(options) };
}

// The stock suite, except that a proof naming a previousProof signs the document with that proof attached (a chain).
const cryptosuite = { ...eddsaRdfc2022, createVerifyData: chainedVerifyData };

function proofSuite(signer: Ed25519Signer, date: Date | string | undefined, proof?: ProofOptions): DataIntegrityProof {
  const suite = new DataIntegrityProof({ signer, date, cryptosuite });
  // The library copies `suite.proof` into the proof it creates (there is no constructor option for it).
  if (proof && (proof.id !== undefined || proof.previousProof !== undefined))
    (suite as unknown as { proof: ProofOptions }).proof = { ...proof };
  return suite;
}

/** A proof's own id, and the ids of the proofs it chains to (they must already be on the credential). */
export interface ProofOptions {
  id?: string;
  previousProof?: string | string[];
}

/**
 * Adds one DataIntegrityProof (eddsa-rdfc-2022, assertionMethod) to a credential. Called again on the result with
 * another school's key, it adds a second proof: the credential then carries a proof set (`proof` is an array) and
 * each proof signs the credential without the others, so their order does not matter.
 * With `date` fixed the output is byte-for-byte reproducible (Ed25519 signatures are deterministic).
 */
export async function issueCredential({
  credential,
  signer,
  documentLoader,
  date,
  proof,
}: {
  credential: JsonObject;
  signer: SigningKey;
  documentLoader: DocumentLoader;
  date?: Date | string;
  /** An id for the new proof and, for a proof chain, the previous proofs it covers. */
  proof?: ProofOptions;
}): Promise<JsonObject> {
  if (!credential) throw new TypeError('"credential" is required.');
  if (!documentLoader) throw new TypeError('"documentLoader" is required.');
  const suite = proofSuite(resolveSigner(signer), date, proof);
  // A copy: the library writes into the object it is given (e.g. issuanceDate for VC 1.1).
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader, now: date });
}

/** A VerifiablePresentation (VC 2.0) wrapping credentials, unsigned. */
export function buildPresentation({
  verifiableCredential,
  holder,
  id,
}: {
  verifiableCredential: JsonObject[];
  holder?: string;
  id?: string;
}): JsonObject {
  if (!verifiableCredential) throw new TypeError('"verifiableCredential" is required.');
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    ...(id ? { id } : {}),
    type: ['VerifiablePresentation'],
    ...(holder ? { holder } : {}),
    verifiableCredential: structuredClone(verifiableCredential),
  };
}

/**
 * The holder's authentication proof over a presentation. `challenge` (and `domain`) come from the verifier and stop
 * the presentation from being replayed elsewhere.
 */
export async function provePresentation({
  presentation,
  signer,
  documentLoader,
  challenge,
  domain,
  date,
}: {
  presentation: JsonObject;
  signer: SigningKey;
  documentLoader: DocumentLoader;
  challenge: string;
  domain?: string;
  date?: Date | string;
}): Promise<JsonObject> {
  if (!presentation) throw new TypeError('"presentation" is required.');
  if (!documentLoader) throw new TypeError('"documentLoader" is required.');
  if (!challenge) throw new TypeError('"challenge" is required.');
  const suite = proofSuite(resolveSigner(signer), date);
  return vc.signPresentation({ presentation: structuredClone(presentation), suite, documentLoader, challenge, domain });
}
