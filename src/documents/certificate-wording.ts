// The fixed French and Arabic wording of certificates and diplomas, and how dates and counts are written in each.
import type { CertificateKind } from './certificate-view.js';

export interface Bilingual {
  fr: string;
  ar: string;
}

interface KindWording {
  title: Bilingual;
  awardedTo: Bilingual;
  forCompleting: Bilingual;
}

// Phrased without agreement with the learner: the credential does not say whether she or he is addressed.
const BY_KIND: Record<CertificateKind, KindWording> = {
  Certificate: {
    title: { fr: 'CERTIFICAT', ar: 'شهادة' },
    awardedTo: { fr: 'Ce certificat est décerné à', ar: 'تُمنح هذه الشهادة إلى' },
    forCompleting: { fr: 'ayant satisfait aux exigences du module de formation', ar: 'بعد استيفاء متطلبات الوحدة التكوينية' },
  },
  Diploma: {
    title: { fr: 'DIPLÔME', ar: 'شهادة' },
    awardedTo: { fr: 'Ce diplôme est décerné à', ar: 'تُمنح هذه الشهادة إلى' },
    forCompleting: { fr: 'ayant satisfait aux exigences du diplôme', ar: 'بعد استيفاء متطلبات نيل الشهادة' },
  },
};

export const wordingFor = (kind: CertificateKind): KindWording => BY_KIND[kind];

export const CO_ACCREDITED: Bilingual = { fr: 'Diplôme co-accrédité', ar: 'شهادة مشتركة الاعتماد' };
export const COMPETENCIES_HEADING: Bilingual = { fr: 'Compétences certifiées', ar: 'الكفاءات المشهود بها' };
export const VERIFY_CAPTION: Bilingual = { fr: 'Vérifier en ligne', ar: 'التحقق عبر الإنترنت' };
export const DIGITAL_NOTE: Bilingual = {
  fr: 'Document numérique signé (Open Badges 3.0) : le fichier credential.json joint fait foi.',
  ar: 'وثيقة رقمية موقّعة (Open Badges 3.0): الملف المرفق credential.json هو المرجع.',
};

const FRENCH_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
// The month names used in Algeria (and the Maghreb), where the Arabic side is read.
const MAGHREB_MONTHS = ['جانفي', 'فيفري', 'مارس', 'أفريل', 'ماي', 'جوان', 'جويلية', 'أوت', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];

/** Dates are calendar days in UTC, as the credential's validFrom is; Western digits, as Algerian documents use. */
export function issuedOnText(date: Date): Bilingual {
  const day = date.getUTCDate();
  const month = date.getUTCMonth();
  const year = date.getUTCFullYear();
  return {
    fr: `Délivré le ${day === 1 ? '1er' : day} ${FRENCH_MONTHS[month]} ${year}`,
    ar: `تاريخ الإصدار: ${day} ${MAGHREB_MONTHS[month]} ${year}`,
  };
}

const frenchNumber = (value: number): string => String(value).replace('.', ',');

/** "Volume horaire : 60 h · Crédits : 6"; Arabic as label-colon-number, which needs no number agreement. */
export function workloadText({ hours, credits }: { hours?: number; credits?: number }): Bilingual | null {
  const fr: string[] = [];
  const ar: string[] = [];
  if (hours !== undefined) {
    fr.push(`Volume horaire : ${frenchNumber(hours)} h`);
    ar.push(`الحجم الساعي: ${hours} سا`); // "سا", the usual abbreviation, needs no number agreement
  }
  if (credits !== undefined) {
    fr.push(`Crédits : ${frenchNumber(credits)}`);
    ar.push(`الأرصدة: ${credits}`);
  }
  return fr.length ? { fr: fr.join('  ·  '), ar: ar.join('  ·  ') } : null;
}

/** Printed on the first page instead of the list when the list goes to the annex (nothing is cut or hidden). */
export function annexNoteText(count: number): Bilingual {
  return {
    fr: `Les ${count} compétences certifiées sont listées en annexe.`,
    ar: `الكفاءات المشهود بها (${count}) مدرجة في الملحق.`,
  };
}

export const ANNEX_HEADING: Bilingual = { fr: 'Annexe — Compétences certifiées', ar: 'ملحق — الكفاءات المشهود بها' };

/** "Page 2 / 3" on annex pages. */
export const pageNumberText = (page: number, pages: number): string => `${page} / ${pages}`;

/** The closed list of status lines a download may print; the PDF names its variant so the verifier can redraw it. */
export const STATUS_LINES = {
  revoked: { fr: 'Révoqué', ar: 'ملغاة' },
  suspended: { fr: 'Suspendu', ar: 'معلّقة' },
} as const satisfies Record<string, Bilingual>;
export type StatusVariant = keyof typeof STATUS_LINES;
