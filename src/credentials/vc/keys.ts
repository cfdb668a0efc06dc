// Ed25519 Multikey key pairs for issuers (did:web) and holders (did:key), and their JSON form.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { MULTIKEY_V1_CONTEXT_URL } from './bundled-contexts.js';
import { didKeyFromPublicKey } from './dids.js';

export type IssuerKeyPair = Ed25519Multikey.Ed25519KeyPair;

/** The Multikey JSON form; `secretKeyMultibase` only in the private export, which must be encrypted at rest. */
export interface ExportedKeyPair {
  '@context': string;
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase?: string;
}

function assertSeed(seed: Uint8Array | undefined): void {
  if (seed !== undefined && seed.length !== 32) throw new TypeError('"seed" must be 32 bytes.');
}

/**
 * A new key for a controller DID (a school's did:web). Its id is `${controller}#${publicKeyMultibase}` so every
 * rotation gets a fresh, never-reused verification method id. `seed` exists for reproducible tests and benchmarks.
 */
export async function generateKeyPair({ controller, seed }: { controller: string; seed?: Uint8Array }): Promise<IssuerKeyPair> {
  if (!controller) throw new TypeError('"controller" is required.');
  assertSeed(seed);
  return Ed25519Multikey.generate({ controller, seed });
}

/** A key whose DID is derived from itself (did:key): learners' wallets, tests. */
export async function generateDidKeyPair({ seed }: { seed?: Uint8Array } = {}): Promise<IssuerKeyPair> {
  assertSeed(seed);
  const draft = await Ed25519Multikey.generate({ seed });
  const did = didKeyFromPublicKey(draft.publicKeyMultibase);
  return importKeyPair({
    ...(await exportKeyPair({ keyPair: draft, includeSecret: true })),
    id: `${did}#${draft.publicKeyMultibase}`,
    controller: did,
  });
}

export async function exportKeyPair({
  keyPair,
  includeSecret = false,
}: {
  keyPair: IssuerKeyPair;
  includeSecret?: boolean;
}): Promise<ExportedKeyPair> {
  if (!keyPair) throw new TypeError('"keyPair" is required.');
  const exported = await keyPair.export({ publicKey: true, secretKey: includeSecret, includeContext: true });
  return {
    '@context': MULTIKEY_V1_CONTEXT_URL,
    id: keyPair.id,
    type: 'Multikey',
    controller: keyPair.controller,
    publicKeyMultibase: exported.publicKeyMultibase,
    ...(includeSecret ? { secretKeyMultibase: exported.secretKeyMultibase } : {}),
  };
}

export async function importKeyPair(exported: Partial<ExportedKeyPair>): Promise<IssuerKeyPair> {
  if (!exported) throw new TypeError('"exported" is required.');
  if (!exported.publicKeyMultibase) throw new TypeError('"publicKeyMultibase" is required.');
  if (!exported.controller) throw new TypeError('"controller" is required.');
  if (!exported.id) throw new TypeError('"id" is required.');
  return Ed25519Multikey.from({ ...exported, '@context': MULTIKEY_V1_CONTEXT_URL, type: 'Multikey' });
}
