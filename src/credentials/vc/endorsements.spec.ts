import { endorsedDigest } from './endorsements.js';
import { newDocumentLoader } from './vc-test-factory.js';
import { buildAchievementCredential } from './open-badges.js';

describe('endorsedDigest', () => {
  const documentLoader = newDocumentLoader({ didDocuments: [] });
  const diploma = buildAchievementCredential({
    id: 'urn:uuid:8f0c1a52-5b7e-4f43-9a55-0d1c2f6f9e11',
    name: 'Diplôme de management hospitalier',
    issuer: { id: 'did:web:example.org:issuers:ensm-alger', name: 'ENSM' },
    coAwardingBodies: [{ id: 'did:web:example.org:issuers:ehesp-rennes', name: 'EHESP' }],
    subject: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
    achievement: {
      id: 'https://competences.test/programmes/dmh',
      name: 'DMH',
      description: 'Diplôme',
      criteria: { narrative: 'Programme suivi.' },
      achievementType: 'Diploma',
    },
    validFrom: '2026-06-30T00:00:00Z',
  });

  it('is a multibase (u) SHA-256 multihash of the statements, whatever the key order, proof and endorsements aside', async () => {
    const digest = await endorsedDigest(diploma, documentLoader);
    expect(digest).toMatch(/^uEiA[A-Za-z0-9_-]{43}$/);
    const reordered = Object.fromEntries(Object.entries(diploma).reverse());
    expect(
      await endorsedDigest({ ...reordered, proof: { type: 'DataIntegrityProof' }, endorsement: [{ id: 'urn:x' }] }, documentLoader),
    ).toBe(digest);
    expect(await endorsedDigest({ ...diploma, name: 'Autre diplôme' }, documentLoader)).not.toBe(digest);
  });
});
