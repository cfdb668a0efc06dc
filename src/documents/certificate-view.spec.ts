import { certificateContentFromCredential, certificateViewFromCredential } from './certificate-view.js';
import { type CertificateFixtures, EHESP_NAME, ENSM_NAME, NADIA, newCertificateFixtures } from './testing/certificate-fixtures.js';

describe('certificateViewFromCredential', () => {
  let fixtures: CertificateFixtures;

  beforeAll(async () => {
    fixtures = await newCertificateFixtures();
  });

  it('reads a module certificate: one school, the framework labels in both languages, credits and date', () => {
    const { view } = fixtures.moduleCertificate;
    expect(view).toMatchObject({
      credentialId: 'urn:uuid:6f1c2a4e-8d3b-4c1a-9e55-2b7f0c1d9a10',
      achievementType: 'Certificate',
      learnerName: NADIA,
      achievementTitle: {
        fr: 'Gestion de crise et situations sanitaires exceptionnelles',
        ar: 'إدارة الأزمات والأوضاع الصحية الاستثنائية',
      },
      credits: 6,
      hours: 60,
      awardingInstitutions: [{ name: ENSM_NAME, logoPng: expect.any(Uint8Array) }],
    });
    expect(view.issuedOn.toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(view.competencies[2]).toEqual({
      code: 'GC-3',
      label: { fr: 'Activer et animer une cellule de crise', ar: 'تفعيل خلية الأزمة وتنشيطها' },
    });
  });

  it('reads a co-accredited master as a diploma awarded by every school of awardingBody, lead first', () => {
    const { view } = fixtures.coAccreditedDiploma;
    expect(view.achievementType).toBe('Diploma');
    expect(view.awardingInstitutions.map((school) => school.name)).toEqual([ENSM_NAME, EHESP_NAME]);
    expect(view.competencies).toHaveLength(9);
  });

  it('falls back to the names the credential carries when no display names are known', () => {
    const view = certificateViewFromCredential(fixtures.coAccreditedDiploma.credential, {
      verificationUrl: 'https://competences.example.org/verify/x',
      learnerName: { fr: 'Nadia Benkhelifa' },
    });
    expect(view.awardingInstitutions.map((school) => school.name.fr)).toEqual([fixtures.ensm.profile.name, fixtures.ehesp.profile.name]);
    expect(view.competencies[0].label).toEqual({
      fr: 'Dispositifs de réponse aux situations sanitaires exceptionnelles (plan blanc, plan ORSEC)',
    });
  });

  it("reads the result and each competency's level as the credential states them, for the public page too", () => {
    const { credential } = fixtures.moduleCertificate;
    const subject = credential.credentialSubject as Record<string, any>;
    const stated = {
      ...credential,
      credentialSubject: {
        ...subject,
        result: [{ type: ['Result'], value: '14.5/20', status: 'Completed' }],
        achievement: {
          ...subject.achievement,
          alignment: subject.achievement.alignment.map((entry: object, index: number) =>
            index === 0 ? { ...entry, targetDescription: 'Maîtrise' } : entry,
          ),
        },
      },
    };
    const content = certificateContentFromCredential(stated);
    expect(content.result).toBe('14.5/20');
    expect(content.competencies[0].level).toBe('Maîtrise');
    expect(content.competencies[1].level).toBeUndefined();
    expect(content).not.toHaveProperty('verificationUrl');
    expect(() => certificateContentFromCredential({ ...credential, credentialSubject: { id: 'did:example:1' } })).toThrow(/achievement/);
  });

  it('needs the learner name and the verification URL, which the credential does not carry', () => {
    const { credential } = fixtures.moduleCertificate;
    expect(() => certificateViewFromCredential(credential, { verificationUrl: '', learnerName: NADIA })).toThrow(/verificationUrl/);
    expect(() => certificateViewFromCredential(credential, { verificationUrl: 'https://x', learnerName: { fr: '' } })).toThrow(
      /learnerName/,
    );
  });
});
