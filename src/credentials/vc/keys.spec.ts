import { exportKeyPair, generateDidKeyPair, generateKeyPair, importKeyPair } from './keys.js';
import { seedFor } from './vc-test-factory.js';

const DID = 'did:web:example.org:issuers:ensm-alger';

describe('issuer keys', () => {
  it('generates an Ed25519 Multikey whose id is the controller plus its public key', async () => {
    const keyPair = await generateKeyPair({ controller: DID });
    expect(keyPair.controller).toBe(DID);
    expect(keyPair.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(keyPair.id).toBe(`${DID}#${keyPair.publicKeyMultibase}`);
  });

  it('derives the same key from the same seed (reproducible tests and benchmarks)', async () => {
    const a = await generateKeyPair({ controller: DID, seed: seedFor('x') });
    const b = await generateKeyPair({ controller: DID, seed: seedFor('x') });
    expect(a.publicKeyMultibase).toBe(b.publicKeyMultibase);
  });

  it('exports the public key alone unless the secret is asked for', async () => {
    const keyPair = await generateKeyPair({ controller: DID });
    const publicOnly = await exportKeyPair({ keyPair });
    expect(publicOnly).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: keyPair.id,
      type: 'Multikey',
      controller: DID,
      publicKeyMultibase: keyPair.publicKeyMultibase,
    });
    const full = await exportKeyPair({ keyPair, includeSecret: true });
    expect(full.secretKeyMultibase).toMatch(/^z/);
  });

  it('round-trips through JSON and still signs the same way', async () => {
    const keyPair = await generateKeyPair({ controller: DID });
    const restored = await importKeyPair(JSON.parse(JSON.stringify(await exportKeyPair({ keyPair, includeSecret: true }))));
    const data = new TextEncoder().encode('Certificat — Gestion des crises sanitaires');
    const [original, again] = await Promise.all([keyPair.signer().sign({ data }), restored.signer().sign({ data })]);
    expect(Buffer.from(again)).toEqual(Buffer.from(original));
    expect(restored.id).toBe(keyPair.id);
  });

  it('makes did:key pairs for holders', async () => {
    const keyPair = await generateDidKeyPair();
    expect(keyPair.controller).toBe(`did:key:${keyPair.publicKeyMultibase}`);
    expect(keyPair.id).toBe(`${keyPair.controller}#${keyPair.publicKeyMultibase}`);
  });

  it('names the missing parameter', async () => {
    await expect(generateKeyPair({} as never)).rejects.toThrow('"controller" is required.');
    await expect(importKeyPair({ controller: DID, id: `${DID}#k` })).rejects.toThrow('"publicKeyMultibase" is required.');
    await expect(generateKeyPair({ controller: DID, seed: new Uint8Array(8) })).rejects.toThrow('"seed" must be 32 bytes.');
  });
});
