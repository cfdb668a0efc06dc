import { buildDidWebDocument, didKeyDocument, didKeyFromPublicKey, didWebFromLocation, didWebToUrl, parseDidWeb } from './dids.js';

const KEY_A = 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const KEY_B = 'z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH';

describe('did:web', () => {
  it.each([
    [
      { host: 'example.org', path: ['issuers', 'ensm-alger'] },
      'did:web:example.org:issuers:ensm-alger',
      'https://example.org/issuers/ensm-alger/did.json',
    ],
    [{ host: 'example.org' }, 'did:web:example.org', 'https://example.org/.well-known/did.json'],
    [
      { host: 'Localhost', port: 8443, path: ['issuers', 'ehesp-rennes'] },
      'did:web:localhost%3A8443:issuers:ehesp-rennes',
      'https://localhost:8443/issuers/ehesp-rennes/did.json',
    ],
  ])('maps %j to %s and its document URL', (location, did, url) => {
    expect(didWebFromLocation(location)).toBe(did);
    expect(didWebToUrl(did)).toBe(url);
    expect(didWebFromLocation(parseDidWeb(did))).toBe(did);
  });

  it.each([
    'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    'did:web:',
    'did:web:192.168.1.10',
    'did:web:example.org:..:admin',
    'did:web:example.org:issuers:a%2Fb',
    'did:web:example.org%3A99999',
    'did:web:example.org/path',
    'did:web:exa_mple.org',
  ])('refuses %s', (did) => {
    expect(() => didWebToUrl(did)).toThrow();
  });

  it('refuses to build a did:web from a host that is not a DNS name', () => {
    expect(() => didWebFromLocation({ host: '10.0.0.1' })).toThrow('not a DNS host name');
    expect(() => didWebFromLocation({ host: 'example.org', path: ['a:b'] })).toThrow('not a did:web path segment');
  });

  it('lists every key for assertion after a rotation, the newest alone for authentication', () => {
    const did = 'did:web:example.org:issuers:ensm-alger';
    const document = buildDidWebDocument({ did, keys: [{ publicKeyMultibase: KEY_A }, { publicKeyMultibase: KEY_B }] });
    expect(document.verificationMethod?.map((vm) => vm.id)).toEqual([`${did}#${KEY_A}`, `${did}#${KEY_B}`]);
    expect(document.assertionMethod).toEqual([`${did}#${KEY_A}`, `${did}#${KEY_B}`]);
    expect(document.authentication).toEqual([`${did}#${KEY_B}`]);
    expect(document['@context']).toEqual(['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']);
  });

  it('refuses duplicate keys and a current key that is not listed', () => {
    const did = 'did:web:example.org:issuers:ensm-alger';
    expect(() => buildDidWebDocument({ did, keys: [{ publicKeyMultibase: KEY_A }, { publicKeyMultibase: KEY_A }] })).toThrow('unique');
    expect(() => buildDidWebDocument({ did, keys: [{ publicKeyMultibase: KEY_A }], currentKeyId: '#key-9' })).toThrow('not listed');
    expect(() => buildDidWebDocument({ did, keys: [] })).toThrow('"keys" must list at least one key.');
  });
});

describe('did:key', () => {
  it('derives the DID and its document from an Ed25519 Multikey', () => {
    const did = didKeyFromPublicKey(KEY_A);
    expect(did).toBe(`did:key:${KEY_A}`);
    const document = didKeyDocument(did);
    expect(document.verificationMethod).toEqual([{ id: `${did}#${KEY_A}`, type: 'Multikey', controller: did, publicKeyMultibase: KEY_A }]);
    expect(document.assertionMethod).toEqual([`${did}#${KEY_A}`]);
  });

  it('refuses other key types', () => {
    expect(() => didKeyDocument('did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv')).toThrow('not an Ed25519 did:key');
    expect(() => didKeyFromPublicKey('zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).toThrow();
  });
});
