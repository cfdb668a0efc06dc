// Demo training activity: a hospital and its staff, the schools' modules and co-accredited diploma, sessions,
// results, evidence and credentials — so every feature has realistic data to show after `npm start`.
import type { LocalizedText } from '../common/localized-text.js';
import type { Modality } from '../catalogue/training-module.entity.js';

export const demoHospital = {
  slug: 'chu-mustapha',
  kind: 'hospital' as const,
  name: {
    fr: 'Centre hospitalo-universitaire Mustapha Pacha',
    ar: 'المركز الاستشفائي الجامعي مصطفى باشا',
    en: 'Mustapha Pacha University Hospital',
  },
  country: 'DZ',
  website: 'https://www.chu-mustapha.example.dz',
};

export const demoHospitalHr = { email: 'rh@chu-mustapha.demo.example', displayName: 'Rachid Meziane' };

export interface DemoModule {
  code: string;
  title: LocalizedText;
  description: LocalizedText;
  hours: number;
  ectsCredits: number;
  modality: Modality;
  /** Competency codes of the demo framework and the level the module brings them to. */
  outcomes: [string, number][];
}

export const demoModules: DemoModule[] = [
  {
    code: 'PIL-STR',
    hours: 42,
    ectsCredits: 4,
    modality: 'hybrid',
    title: {
      fr: 'Pilotage stratégique des établissements de santé',
      ar: 'القيادة الاستراتيجية للمؤسسات الصحية',
      en: 'Strategic steering of health establishments',
    },
    description: { fr: 'Projet d’établissement, contrat d’objectifs et de moyens, tableaux de bord et dialogue de gestion.' },
    outcomes: [
      ['PS-1', 3],
      ['PS-2', 3],
      ['PS-3', 3],
      ['PS-5', 2],
    ],
  },
  {
    code: 'GC-SSE',
    hours: 35,
    ectsCredits: 3,
    modality: 'in_person',
    title: {
      fr: 'Gestion de crise et situations sanitaires exceptionnelles',
      ar: 'إدارة الأزمات والأوضاع الصحية الاستثنائية',
      en: 'Crisis management and health emergencies',
    },
    description: { fr: 'Plan blanc, cellule de crise, exercices de simulation, retour d’expérience.' },
    outcomes: [
      ['GC-1', 3],
      ['GC-2', 3],
      ['GC-3', 3],
      ['GC-4', 2],
    ],
  },
  {
    code: 'SIH-OPS',
    hours: 28,
    ectsCredits: 3,
    modality: 'distance_sync',
    title: {
      fr: 'Management opérationnel des systèmes d’information hospitaliers',
      ar: 'التسيير العملياتي لنظم المعلومات الاستشفائية',
      en: 'Operational management of hospital information systems',
    },
    description: { fr: 'Schéma directeur, sécurité des données de santé, interopérabilité.' },
    outcomes: [
      ['SI-1', 3],
      ['SI-2', 2],
      ['SI-3', 3],
    ],
  },
  {
    code: 'TECH-BIO',
    hours: 21,
    ectsCredits: 2,
    modality: 'hybrid',
    title: { fr: 'Management des technologies de santé', ar: 'تسيير التكنولوجيات الصحية', en: 'Health technology management' },
    description: { fr: 'Maintenance biomédicale, matériovigilance, évaluation des technologies.' },
    outcomes: [
      ['TS-1', 3],
      ['TS-2', 2],
      ['TS-4', 3],
    ],
  },
  {
    code: 'COM-HOSP',
    hours: 14,
    ectsCredits: 1,
    modality: 'distance_async',
    title: {
      fr: 'Communication dans un établissement de santé',
      ar: 'الاتصال في المؤسسة الصحية',
      en: 'Communication in a health establishment',
    },
    description: { fr: 'Communication interne, relations avec les médias, communication de crise.' },
    outcomes: [
      ['CO-1', 3],
      ['CO-2', 3],
      ['CO-3', 3],
    ],
  },
  {
    code: 'PHARMA-H',
    hours: 28,
    ectsCredits: 3,
    modality: 'in_person',
    title: { fr: 'Management de la pharmacie hospitalière', ar: 'تسيير الصيدلية الاستشفائية', en: 'Hospital pharmacy management' },
    description: { fr: 'Circuit du médicament, approvisionnements, pharmacovigilance.' },
    outcomes: [
      ['PH-1', 3],
      ['PH-2', 3],
      ['PH-3', 3],
    ],
  },
];

export const demoProgramme = {
  code: 'DMH',
  title: { fr: 'Diplôme de management hospitalier', ar: 'شهادة التسيير الاستشفائي', en: 'Diploma in hospital management' },
  description: {
    fr: 'Diplôme co-accrédité par l’ENSM (Alger) et l’EHESP (Rennes) pour les cadres de direction des établissements de santé.',
  },
  required: ['PIL-STR', 'GC-SSE'],
  electives: ['SIH-OPS', 'TECH-BIO', 'COM-HOSP'],
  electivesNeeded: 2,
  minimumAverage: 50,
};

export interface DemoLearner {
  key: string;
  givenName: string;
  familyName: string;
  staffNumber: string;
  profile: string;
  target?: string;
  /** Module codes passed with the final exam score out of 20; a lower score fails. */
  results: [string, number][];
  /** Workplace observations: competency code and level. */
  observed?: [string, number, string][];
}

export const demoLearners: DemoLearner[] = [
  {
    key: 'nadia',
    givenName: 'Nadia',
    familyName: 'Benkhelifa',
    staffNumber: 'CHU-MP-0142',
    profile: 'DSI-01',
    target: 'DIR-01',
    results: [
      ['PIL-STR', 15],
      ['GC-SSE', 14.5],
      ['SIH-OPS', 16],
      ['COM-HOSP', 13],
    ],
  },
  {
    key: 'karim',
    givenName: 'Karim',
    familyName: 'Ziani',
    staffNumber: 'CHU-MP-0217',
    profile: 'DIR-01',
    results: [
      ['PIL-STR', 12],
      ['GC-SSE', 8],
    ],
    observed: [['PS-4', 2, 'A présenté le dialogue de gestion du pôle urgences au directoire.']],
  },
  {
    key: 'amina',
    givenName: 'Amina',
    familyName: 'Boudiaf',
    staffNumber: 'CHU-MP-0308',
    profile: 'PHA-01',
    results: [
      ['PHARMA-H', 17],
      ['GC-SSE', 12.5],
    ],
  },
  {
    key: 'yacine',
    givenName: 'Yacine',
    familyName: 'Khelifi',
    staffNumber: 'CHU-MP-0411',
    profile: 'ING-01',
    results: [['TECH-BIO', 14]],
    observed: [['TS-3', 2, 'Pilote le plan de maintenance préventive du bloc opératoire.']],
  },
  {
    key: 'samia',
    givenName: 'Samia',
    familyName: 'Hadj-Ali',
    staffNumber: 'CHU-MP-0519',
    profile: 'COM-01',
    results: [['COM-HOSP', 15.5]],
  },
  { key: 'mourad', givenName: 'Mourad', familyName: 'Bensalem', staffNumber: 'CHU-MP-0623', profile: 'DIR-01', results: [] },
];
