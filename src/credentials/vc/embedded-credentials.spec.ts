import { MAX_EMBEDDED_CREDENTIALS, sameSubject, verifyEmbeddedCredentials } from './embedded-credentials.js';
import { newDocumentLoader } from './vc-test-factory.js';
import { verifyCredential } from './verifier.js';

const name = (value: string) => ({ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: value });
const email = (hash: string, salt: string) => ({
  type: 'IdentityObject',
  identityType: 'emailAddress',
  hashed: true,
  identityHash: hash,
  salt,
});

describe('embedded credentials of a ClrCredential', () => {
  it('matches subjects by id, or by every identity the embedded credential gives', () => {
    const transcript = { identifier: [name('Nadia Benkhelifa'), email('sha256$aaa', 's1'), email('sha256$bbb', 's2')] };
    expect(sameSubject(transcript, { credentialSubject: { identifier: [name('Nadia Benkhelifa'), email('sha256$bbb', 's2')] } })).toBe(
      true,
    );
    expect(sameSubject(transcript, { credentialSubject: { identifier: [name('Nadia Benkhelifa'), email('sha256$ccc', 's3')] } })).toBe(
      false,
    );
    expect(sameSubject(transcript, { credentialSubject: { identifier: [name('Lina Haddad')] } })).toBe(false);
    expect(sameSubject(transcript, { credentialSubject: { identifier: [] } })).toBe(false);
    expect(sameSubject({ id: 'did:key:z6Mkone' }, { credentialSubject: { id: 'did:key:z6Mkone' } })).toBe(true);
    expect(sameSubject({ id: 'did:key:z6Mkone' }, { credentialSubject: { id: 'did:key:z6Mktwo' } })).toBe(false);
    expect(sameSubject(transcript, { credentialSubject: { id: 'did:key:z6Mkone', identifier: [name('Nadia Benkhelifa')] } })).toBe(false);
  });

  it(`verifies at most ${MAX_EMBEDDED_CREDENTIALS} embedded credentials, and no transcript inside a transcript`, async () => {
    const documentLoader = newDocumentLoader({ didDocuments: [] });
    const many = { credentialSubject: { verifiableCredential: Array.from({ length: MAX_EMBEDDED_CREDENTIALS + 1 }, () => ({})) } };
    const over = await verifyEmbeddedCredentials(many, { documentLoader }, verifyCredential);
    expect(over.errors.map((error) => error.code)).toEqual(['LIMIT_EXCEEDED']);
    const nested = { credentialSubject: { verifiableCredential: [{ type: ['VerifiableCredential', 'ClrCredential'] }] } };
    expect((await verifyEmbeddedCredentials(nested, { documentLoader }, verifyCredential)).errors.map((error) => error.code)).toEqual([
      'EMBEDDED_INVALID',
    ]);
  });
});
