// Builders for specs and benchmarks: schools with did:web identities held in memory, learners, realistic credentials.
import { createHash } from 'node:crypto';
import { type DidDocument, buildDidWebDocument, didWebFromLocation } from './dids.js';
import { type DocumentLoader, createDocumentLoader } from './document-loader.js';
import type { JsonObject } from './issuer.js';
import { type IssuerKeyPair, generateDidKeyPair, generateKeyPair } from './keys.js';
import { type AchievementCredentialInput, type ProfileInput, buildAchievementCredential } from './open-badges.js';

export const PUBLIC_BASE_URL = 'https://competences.example.org';

export interface TestSchool {
  slug: string;
  did: string;
  keyPair: IssuerKeyPair;
  profile: ProfileInput;
  didDocument: DidDocument;
}

/** Seeds derived from a label: the same school gets the same key in every run, so outputs can be compared. */
export const seedFor = (label: string): Uint8Array => createHash('sha256').update(label).digest();

export async function newSchool({ slug, name, host = 'example.org' }: { slug: string; name: string; host?: string }): Promise<TestSchool> {
  const did = didWebFromLocation({ host, path: ['issuers', slug] });
  const keyPair = await generateKeyPair({ controller: did, seed: seedFor(`school:${slug}`) });
  const didDocument = buildDidWebDocument({ did, keys: [{ publicKeyMultibase: keyPair.publicKeyMultibase }] });
  return { slug, did, keyPair, profile: { id: did, name, url: `https://${host}/${slug}` }, didDocument };
}

export const newEnsmAlger = (): Promise<TestSchool> =>
  newSchool({ slug: 'ensm-alger', name: "École nationale supérieure de management des établissements de santé d'Alger" });
export const newEhespRennes = (): Promise<TestSchool> =>
  newSchool({ slug: 'ehesp-rennes', name: 'École des hautes études en santé publique' });

export async function newLearner(label = 'amina'): Promise<{ did: string; keyPair: IssuerKeyPair }> {
  const keyPair = await generateDidKeyPair({ seed: seedFor(`learner:${label}`) });
  return { did: keyPair.controller, keyPair };
}

/** A loader that resolves the given schools' did:web DIDs from memory (how our own issuers are resolved too). */
export function newDocumentLoader({ didDocuments }: { didDocuments: DidDocument[] }): DocumentLoader {
  const byDid = new Map(didDocuments.map((document) => [document.id, document]));
  return createDocumentLoader({
    resolveDidWeb: async (did) => {
      const document = byDid.get(did);
      if (!document) throw new Error(`no DID document for ${did}`);
      return structuredClone(document);
    },
  });
}

const caseItem = (identifier: string): string => `${PUBLIC_BASE_URL}/ims/case/v1p1/CFItems/${identifier}`;

/** The crisis-management certificate of one school, aligned to two items of the published framework. */
export function newCrisisManagementCertificate({
  school,
  learnerDid,
  ...overrides
}: { school: TestSchool; learnerDid: string } & Partial<AchievementCredentialInput>): JsonObject {
  return buildAchievementCredential({
    id: 'urn:uuid:6f1c2a4e-8d3b-4c1a-9e55-2b7f0c1d9a10',
    name: 'Certificat — Gestion des crises sanitaires',
    issuer: school.profile,
    subject: { id: learnerDid },
    achievement: {
      id: `${PUBLIC_BASE_URL}/achievements/gestion-crises-sanitaires`,
      name: 'Gestion des crises sanitaires',
      description: 'Piloter la cellule de crise d’un établissement de santé : plan blanc, communication, continuité des soins.',
      criteria: { narrative: 'Module de 60 heures validé : simulation de crise notée au moins 12/20 et retour d’expérience écrit.' },
      achievementType: 'Certificate',
      creditsAvailable: 6,
      fieldOfStudy: 'Management des établissements de santé',
      alignment: [
        {
          targetName: 'Activer et conduire une cellule de crise',
          targetUrl: caseItem('0b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b'),
          targetCode: 'CRI-02',
          targetFramework: 'Management des établissements de santé 2026.1',
        },
        {
          targetName: 'Communiquer en situation de crise',
          targetUrl: caseItem('1c9f3a5b-2d4e-4f6a-9b0c-1d2e3f4a5b6c'),
          targetCode: 'COM-04',
          targetFramework: 'Management des établissements de santé 2026.1',
        },
      ],
    },
    results: [{ status: 'Completed', value: '15/20' }],
    validFrom: '2026-06-30T00:00:00Z',
    ...overrides,
  });
}

/** The co-accredited master's diploma: ENSM Alger leads and issues, EHESP Rennes co-awards. */
export function newCoAccreditedDiploma({
  lead,
  partner,
  learnerDid,
}: {
  lead: TestSchool;
  partner: TestSchool;
  learnerDid: string;
}): JsonObject {
  return buildAchievementCredential({
    id: 'urn:uuid:0d4b7e21-5a9c-4f3e-b6d8-7c2e1f0a3b94',
    name: 'Master Management des établissements de santé (co-accrédité)',
    issuer: lead.profile,
    coAwardingBodies: [partner.profile],
    subject: { id: learnerDid },
    achievement: {
      id: `${PUBLIC_BASE_URL}/achievements/master-mes-co-accredite`,
      name: 'Master Management des établissements de santé',
      description: 'Diplôme délivré conjointement par l’ENSM Alger et l’EHESP Rennes.',
      criteria: { narrative: '120 crédits, stage de six mois en établissement de santé et mémoire soutenu.' },
      achievementType: 'MasterDegree',
      creditsAvailable: 120,
      fieldOfStudy: 'Management des établissements de santé',
      creator: lead.profile,
    },
    validFrom: '2026-07-15T00:00:00Z',
  });
}
