// Realistic signed credentials and their certificate views (a crisis-management module, a co-accredited master) for specs and the benchmark.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentLoader } from '../../credentials/vc/document-loader.js';
import { type JsonObject, issueCredential } from '../../credentials/vc/issuer.js';
import { type AlignmentInput, buildAchievementCredential } from '../../credentials/vc/open-badges.js';
import {
  PUBLIC_BASE_URL,
  type TestSchool,
  newDocumentLoader,
  newEhespRennes,
  newEnsmAlger,
  newLearner,
} from '../../credentials/vc/vc-test-factory.js';
import { type CertificateView, type LocalizedLabel, certificateViewFromCredential } from '../certificate-view.js';

export const NADIA: LocalizedLabel = { fr: 'Nadia Benkhelifa', ar: 'نادية بن خليفة' };
export const ENSM_NAME: LocalizedLabel = {
  fr: 'École nationale supérieure de management des établissements de santé',
  ar: 'المدرسة الوطنية العليا لتسيير المؤسسات الصحية',
};
// The French school has no official Arabic name: its column shows French only.
export const EHESP_NAME: LocalizedLabel = { fr: 'École des hautes études en santé publique' };
export const CRISIS_TITLE: LocalizedLabel = {
  fr: 'Gestion de crise et situations sanitaires exceptionnelles',
  ar: 'إدارة الأزمات والأوضاع الصحية الاستثنائية',
};

const FRAMEWORK = 'Management des établissements de santé 2026.1';

/** Items of the demo framework, with the labels it holds in French and Arabic. */
export const FRAMEWORK_ITEMS: { code: string; identifier: string; label: Required<LocalizedLabel> }[] = [
  {
    code: 'GC-1',
    identifier: '5d0e6a1c-0b3f-4c2e-9a71-3e6f1b2c4d01',
    label: {
      fr: 'Dispositifs de réponse aux situations sanitaires exceptionnelles (plan blanc, plan ORSEC)',
      ar: 'أجهزة الاستجابة للأوضاع الصحية الاستثنائية (المخطط الأبيض، مخطط تنظيم التدخلات والإسعافات ORSEC)',
    },
  },
  {
    code: 'GC-2',
    identifier: '5d0e6a1c-0b3f-4c2e-9a71-3e6f1b2c4d02',
    label: { fr: "Élaborer et actualiser le plan blanc de l'établissement", ar: 'إعداد المخطط الأبيض للمؤسسة وتحيينه' },
  },
  {
    code: 'GC-3',
    identifier: '5d0e6a1c-0b3f-4c2e-9a71-3e6f1b2c4d03',
    label: { fr: 'Activer et animer une cellule de crise', ar: 'تفعيل خلية الأزمة وتنشيطها' },
  },
  {
    code: 'GC-4',
    identifier: '5d0e6a1c-0b3f-4c2e-9a71-3e6f1b2c4d04',
    label: { fr: "Gérer les tensions hospitalières et l'afflux de patients", ar: 'إدارة التوترات الاستشفائية وتدفّق المرضى' },
  },
  {
    code: 'GC-6',
    identifier: '5d0e6a1c-0b3f-4c2e-9a71-3e6f1b2c4d06',
    label: { fr: "Assurer la continuité d'activité en mode dégradé", ar: 'ضمان استمرارية النشاط في الوضع المتدهور' },
  },
  {
    code: 'CO-2',
    identifier: '5d0e6a1c-0b3f-4c2e-9a71-3e6f1b2c4e02',
    label: { fr: 'Communiquer en situation de crise', ar: 'الاتصال في حالات الأزمات' },
  },
  {
    code: 'PS-1',
    identifier: '5d0e6a1c-0b3f-4c2e-9a71-3e6f1b2c4f01',
    label: { fr: "Élaborer et conduire le projet d'établissement", ar: 'إعداد مشروع المؤسسة وقيادة تنفيذه' },
  },
  {
    code: 'PS-3',
    identifier: '5d0e6a1c-0b3f-4c2e-9a71-3e6f1b2c4f03',
    label: { fr: 'Piloter la performance médico-économique', ar: 'قيادة الأداء الطبي الاقتصادي' },
  },
  {
    code: 'PS-6',
    identifier: '5d0e6a1c-0b3f-4c2e-9a71-3e6f1b2c4f06',
    label: { fr: 'Conduire le changement et les projets de réorganisation', ar: 'قيادة التغيير ومشاريع إعادة التنظيم' },
  },
  {
    code: 'SI-3',
    identifier: '5d0e6a1c-0b3f-4c2e-9a71-3e6f1b2c5a03',
    label: {
      fr: 'Garantir la sécurité des SI de santé et la protection des données personnelles',
      ar: 'ضمان أمن نظم المعلومات الصحية وحماية المعطيات ذات الطابع الشخصي',
    },
  },
];

const itemUrl = (identifier: string): string => `${PUBLIC_BASE_URL}/ims/case/v1p1/CFItems/${identifier}`;
const alignment = (codes: string[]): AlignmentInput[] =>
  codes.map((code) => {
    const item = FRAMEWORK_ITEMS.find((candidate) => candidate.code === code)!;
    return { targetName: item.label.fr, targetUrl: itemUrl(item.identifier), targetCode: code, targetFramework: FRAMEWORK };
  });
export const verificationUrlFor = (credentialId: string): string => `${PUBLIC_BASE_URL}/verify/${credentialId.replace(/^urn:uuid:/, '')}`;

/** The repository's test/fixtures/pdf, found from here whether this runs from src/ or from dist/. */
export function pdfFixturesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('test/fixtures/pdf not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return join(dir, 'test', 'fixtures', 'pdf');
}

export interface RenderableCredential {
  credential: JsonObject;
  view: CertificateView;
}

export interface CertificateFixtures {
  ensm: TestSchool;
  ehesp: TestSchool;
  /** Resolves both schools' DIDs from memory, for verifying what was rendered or extracted. */
  documentLoader: DocumentLoader;
  moduleCertificate: RenderableCredential;
  coAccreditedDiploma: RenderableCredential;
}

export async function newCertificateFixtures(): Promise<CertificateFixtures> {
  const [ensm, ehesp] = await Promise.all([newEnsmAlger(), newEhespRennes()]);
  const learnerDid = (await newLearner('nadia')).did;
  const documentLoader = newDocumentLoader({ didDocuments: [ensm.didDocument, ehesp.didDocument] });
  const sign = (credential: JsonObject, school: TestSchool, date: string): Promise<JsonObject> =>
    issueCredential({ credential, signer: { keyPair: school.keyPair }, documentLoader, date });
  const logos = {
    ensm: new Uint8Array(readFileSync(join(pdfFixturesDir(), 'ensm-logo.png'))),
    ehesp: new Uint8Array(readFileSync(join(pdfFixturesDir(), 'ehesp-logo.png'))),
  };
  const extras = {
    learnerName: NADIA,
    institutions: new Map([
      [ensm.did, { name: ENSM_NAME, logoPng: logos.ensm }],
      [ehesp.did, { name: EHESP_NAME, logoPng: logos.ehesp }],
    ]),
    competencyLabels: new Map(FRAMEWORK_ITEMS.map((item) => [itemUrl(item.identifier), item.label])),
  };

  const certificate = await sign(
    buildAchievementCredential({
      id: 'urn:uuid:6f1c2a4e-8d3b-4c1a-9e55-2b7f0c1d9a10',
      name: `Certificat — ${CRISIS_TITLE.fr}`,
      issuer: ensm.profile,
      subject: { id: learnerDid },
      achievement: {
        id: `${PUBLIC_BASE_URL}/achievements/gestion-crise-sse`,
        name: CRISIS_TITLE.fr,
        description: 'Préparer l’établissement aux situations sanitaires exceptionnelles et conduire la réponse en cas de crise.',
        criteria: { narrative: 'Module de 60 heures validé : simulation de crise notée au moins 12/20 et retour d’expérience écrit.' },
        achievementType: 'Certificate',
        creditsAvailable: 6,
        alignment: alignment(['GC-1', 'GC-2', 'GC-3', 'CO-2']),
      },
      results: [{ status: 'Completed', value: '15/20' }],
      validFrom: '2026-06-30T00:00:00Z',
    }),
    ensm,
    '2026-06-30T08:00:00Z',
  );

  const diplomaTitle = 'Master Management des établissements de santé, parcours Gestion de crise et situations sanitaires exceptionnelles';
  const unsignedDiploma = buildAchievementCredential({
    id: 'urn:uuid:0d4b7e21-5a9c-4f3e-b6d8-7c2e1f0a3b94',
    name: `${diplomaTitle} (co-accrédité)`,
    issuer: ensm.profile,
    coAwardingBodies: [ehesp.profile],
    subject: { id: learnerDid },
    achievement: {
      id: `${PUBLIC_BASE_URL}/achievements/master-mes-gestion-crise`,
      name: diplomaTitle,
      description: 'Diplôme délivré conjointement par l’ENSM et l’EHESP.',
      criteria: { narrative: '120 crédits, stage de six mois en établissement de santé et mémoire soutenu.' },
      achievementType: 'MasterDegree',
      creditsAvailable: 120,
      creator: ensm.profile,
      alignment: alignment(['GC-1', 'GC-3', 'GC-4', 'GC-6', 'CO-2', 'PS-1', 'PS-3', 'PS-6', 'SI-3']),
    },
    validFrom: '2026-07-15T00:00:00Z',
  });
  const diploma = await sign(await sign(unsignedDiploma, ensm, '2026-07-15T08:00:00Z'), ehesp, '2026-07-15T09:00:00Z');

  return {
    ensm,
    ehesp,
    documentLoader,
    moduleCertificate: {
      credential: certificate,
      view: certificateViewFromCredential(certificate, {
        ...extras,
        verificationUrl: verificationUrlFor(certificate.id as string),
        achievementTitleAr: CRISIS_TITLE.ar,
        hours: 60,
      }),
    },
    coAccreditedDiploma: {
      credential: diploma,
      view: certificateViewFromCredential(diploma, {
        ...extras,
        verificationUrl: verificationUrlFor(diploma.id as string),
        achievementTitleAr: 'ماستر تسيير المؤسسات الصحية، تخصص إدارة الأزمات والأوضاع الصحية الاستثنائية',
      }),
    },
  };
}
