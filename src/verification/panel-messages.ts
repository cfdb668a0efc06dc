// The words of the verification page's panels (what the paper prints, each school's proof, the signed data, the
// status change), in French, Arabic and English.
import type { PageLanguage } from './verification-messages.js';

export interface PanelMessages {
  result: string;
  hours: string;
  hoursValue: (hours: string) => string;
  credits: string;
  competencies: (count: number) => string;
  code: string;
  competency: string;
  level: string;
  revokedOn: string;
  suspendedSince: string;
  /** The status list was not read (a check before it failed): the status is unknown, not "active". */
  statusUnchecked: string;
  proofsTitle: string;
  leadSchool: string;
  coAccreditingSchool: string;
  proofValid: string;
  proofInvalid: string;
  /** A co-awarding school's signed approval (its EndorsementCredential), valid or not. */
  endorsementValid: string;
  endorsementInvalid: string;
  /** The panel with the JSON when it is not the verified credential. */
  documentDataTitle: string;
}

export const PANEL_MESSAGES: Record<PageLanguage, PanelMessages> = {
  fr: {
    result: 'Résultat',
    hours: 'Volume horaire',
    hoursValue: (hours) => `${hours} h`,
    credits: 'Crédits',
    competencies: (count) => `Compétences attestées (${count})`,
    code: 'Code',
    competency: 'Intitulé',
    level: 'Niveau',
    revokedOn: 'Révoqué le',
    suspendedSince: 'Suspendu depuis le',
    statusUnchecked: 'non contrôlé',
    proofsTitle: 'Signature de chaque établissement',
    leadSchool: 'établissement émetteur',
    coAccreditingSchool: 'établissement co-diplômant',
    proofValid: 'signature valide',
    proofInvalid: 'signature non valide',
    endorsementValid: 'approbation signée valide',
    endorsementInvalid: 'approbation signée absente ou non valide',
    documentDataTitle: 'Données du document (non vérifiées)',
  },
  ar: {
    result: 'النتيجة',
    hours: 'الحجم الساعي',
    hoursValue: (hours) => `${hours} سا`,
    credits: 'الأرصدة',
    competencies: (count) => `الكفاءات المُثبَتة (${count})`,
    code: 'الرمز',
    competency: 'التسمية',
    level: 'المستوى',
    revokedOn: 'تاريخ الإلغاء',
    suspendedSince: 'معلّقة منذ',
    statusUnchecked: 'لم يُتحقَّق منها',
    proofsTitle: 'توقيع كل مؤسسة',
    leadSchool: 'المؤسسة المُصدِرة',
    coAccreditingSchool: 'مؤسسة شريكة في الشهادة',
    proofValid: 'توقيع صحيح',
    proofInvalid: 'توقيع غير صحيح',
    endorsementValid: 'مصادقة موقّعة صحيحة',
    endorsementInvalid: 'مصادقة موقّعة مفقودة أو غير صحيحة',
    documentDataTitle: 'بيانات الوثيقة (غير مُتحقَّق منها)',
  },
  en: {
    result: 'Result',
    hours: 'Hours',
    hoursValue: (hours) => `${hours} h`,
    credits: 'Credits',
    competencies: (count) => `Competencies (${count})`,
    code: 'Code',
    competency: 'Title',
    level: 'Level',
    revokedOn: 'Revoked on',
    suspendedSince: 'Suspended since',
    statusUnchecked: 'not checked',
    proofsTitle: 'Each institution’s signature',
    leadSchool: 'issuing institution',
    coAccreditingSchool: 'co-accrediting institution',
    proofValid: 'valid signature',
    proofInvalid: 'invalid signature',
    endorsementValid: 'valid signed endorsement',
    endorsementInvalid: 'signed endorsement missing or invalid',
    documentDataTitle: 'Document data (not verified)',
  },
};
