// How the page words each verdict and each failed check, in French, Arabic and English. The checks' `detail` is for
// tools and in English: the French and Arabic pages show these sentences instead, by the problem's code.
import type { PageLanguage } from './verification-messages.js';

export interface VerdictMessages {
  revoked: string;
  revokedExplanation: string;
  suspended: string;
  suspendedExplanation: string;
  indeterminate: string;
  indeterminateExplanation: string;
  /** Heading of what the document states, when the checks did not all pass: a claim, not a fact. */
  claimedTitle: string;
  statedTitle: string;
  /** A credential of ours signed through the VC-API: the school signed a claim someone sent, not one of its records. */
  externalClaims: string;
  /** "<registered name> (the document calls it «X»)". */
  namedInDocument: (claimed: string) => string;
  unknownIssuer: string;
  signedDataTitle: string;
  reasons: Record<string, string>;
  other: string;
  /** Open Badges achievement types, as the page names them. */
  kinds: Record<string, string>;
}

export const VERDICT_MESSAGES: Record<PageLanguage, VerdictMessages> = {
  fr: {
    revoked: 'Révoqué',
    revokedExplanation: 'Ce document a bien été délivré, mais son émetteur l’a révoqué : il n’est plus valable.',
    suspended: 'Suspendu',
    suspendedExplanation:
      'Ce document a bien été délivré, mais son émetteur l’a suspendu : il n’est pas valable tant que dure la suspension.',
    indeterminate: 'Vérification impossible pour le moment',
    indeterminateExplanation:
      'Un contrôle n’a pas pu être mené (service de l’émetteur injoignable). Rien d’anormal n’a été trouvé : réessayez dans quelques minutes.',
    claimedTitle: 'Ce que le document affirme (non vérifié)',
    statedTitle: 'Contenu vérifié du document',
    externalClaims:
      'Attestation libre : l’établissement a signé des informations qui lui ont été transmises, sans dossier de formation à l’appui.',
    namedInDocument: (claimed) => `le document le désigne comme « ${claimed} »`,
    unknownIssuer: 'émetteur inconnu',
    signedDataTitle: 'Données signées',
    reasons: {
      REVOKED: 'révoqué par l’émetteur',
      SUSPENDED: 'suspendu par l’émetteur',
      EXPIRED: 'période de validité échue',
      NOT_YET_VALID: 'pas encore valable',
      INVALID_SIGNATURE: 'le document a été modifié après sa signature',
      MISSING_REQUIRED_PROOF: 'signature d’un établissement co-diplômant manquante',
      ENDORSEMENT_MISSING: 'approbation signée d’un établissement co-diplômant manquante',
      ENDORSEMENT_INVALID: 'l’approbation d’un établissement co-diplômant n’est pas valide ou porte sur un autre diplôme',
      NON_CANONICAL_FORM: 'le document n’est pas sous la forme où il a été délivré',
      UNKNOWN_CONTEXT: 'format de document inconnu',
      MALFORMED_JSON_LD: 'document mal formé',
      MALFORMED_CREDENTIAL: 'document mal formé',
      LIMIT_EXCEEDED: 'document hors des limites acceptées',
      STATUS_UNAVAILABLE: 'statut injoignable pour le moment',
      DID_UNAVAILABLE: 'clé de l’émetteur injoignable pour le moment',
      ISSUER_UNAVAILABLE: 'registre des établissements injoignable pour le moment',
      UNKNOWN_ISSUER: 'émetteur non reconnu',
      UNEXPECTED_SIGNER: 'signé par un établissement qui n’est pas nommé',
      KEY_NOT_IN_DID_DOCUMENT: 'clé de signature inconnue de l’émetteur',
      UNSUPPORTED_VERIFICATION_METHOD: 'clé de signature d’un type que ce service ne peut pas vérifier',
      DID_NOT_RESOLVED: 'identité de l’émetteur introuvable',
      STATUS_CHECK_FAILED: 'statut invérifiable',
      NO_PROOF: 'aucune signature',
      PAPER_ALTERED: 'le contenu imprimé ne correspond pas au document signé',
      PAPER_UNBOUND: 'le contenu imprimé ne peut pas être comparé au document signé',
      PAPER_AMBIGUOUS: 'le fichier peut s’afficher de plusieurs façons (objet défini deux fois)',
      EMBEDDED_INVALID: 'une attestation incluse dans le relevé ne se vérifie pas',
      EMBEDDED_REVOKED: 'une attestation incluse dans le relevé a été révoquée ou suspendue',
      EMBEDDED_SUBJECT_MISMATCH: 'une attestation incluse dans le relevé concerne une autre personne',
      PROOF_CHAIN_INVALID: 'la chaîne de signatures est rompue',
      RELATED_RESOURCE_INVALID: 'une ressource liée est mal décrite',
      RELATED_RESOURCE_MISMATCH: 'une ressource liée a changé depuis la signature',
      RELATED_RESOURCE_UNAVAILABLE: 'une ressource liée est injoignable pour le moment',
    },
    other: 'contrôle non satisfait',
    kinds: {
      Certificate: 'Certificat',
      CertificateOfCompletion: 'Attestation de réussite',
      Diploma: 'Diplôme',
      Degree: 'Diplôme',
      MasterDegree: 'Master',
      BachelorDegree: 'Licence',
      DoctoralDegree: 'Doctorat',
      Course: 'Formation',
      Badge: 'Badge',
      Competency: 'Compétence',
    },
  },
  ar: {
    revoked: 'ملغاة',
    revokedExplanation: 'صدرت هذه الوثيقة فعلاً، لكن الجهة المُصدِرة ألغتها: لم تعد سارية.',
    suspended: 'معلّقة',
    suspendedExplanation: 'صدرت هذه الوثيقة فعلاً، لكن الجهة المُصدِرة علّقتها: ليست سارية طوال مدة التعليق.',
    indeterminate: 'تعذّر التحقق حالياً',
    indeterminateExplanation: 'تعذّر إجراء أحد عمليات التحقق (خدمة الجهة المُصدِرة غير متاحة). لم يُعثر على أي خلل: أعيدوا المحاولة بعد دقائق.',
    claimedTitle: 'ما تدّعيه الوثيقة (غير مُتحقَّق منه)',
    statedTitle: 'المحتوى المُتحقَّق منه',
    externalClaims: 'إفادة حرّة: وقّعت المؤسسة معلومات أُرسلت إليها، دون ملف تكوين يدعمها.',
    namedInDocument: (claimed) => `تسمّيها الوثيقة «${claimed}»`,
    unknownIssuer: 'جهة مُصدِرة مجهولة',
    signedDataTitle: 'البيانات الموقّعة',
    reasons: {
      REVOKED: 'ألغتها الجهة المُصدِرة',
      SUSPENDED: 'علّقتها الجهة المُصدِرة',
      EXPIRED: 'انتهت فترة الصلاحية',
      NOT_YET_VALID: 'ليست سارية بعد',
      INVALID_SIGNATURE: 'عُدّلت الوثيقة بعد توقيعها',
      MISSING_REQUIRED_PROOF: 'توقيع إحدى المؤسسات الشريكة في الشهادة مفقود',
      ENDORSEMENT_MISSING: 'مصادقة إحدى المؤسسات الشريكة في الشهادة مفقودة',
      ENDORSEMENT_INVALID: 'مصادقة إحدى المؤسسات الشريكة غير صحيحة أو تخصّ شهادة أخرى',
      NON_CANONICAL_FORM: 'الوثيقة ليست بالشكل الذي صدرت به',
      UNKNOWN_CONTEXT: 'صيغة وثيقة مجهولة',
      MALFORMED_JSON_LD: 'وثيقة غير سليمة البنية',
      MALFORMED_CREDENTIAL: 'وثيقة غير سليمة البنية',
      LIMIT_EXCEEDED: 'وثيقة خارج الحدود المقبولة',
      STATUS_UNAVAILABLE: 'تعذّر الوصول إلى الحالة حالياً',
      DID_UNAVAILABLE: 'تعذّر الوصول إلى مفتاح الجهة المُصدِرة حالياً',
      ISSUER_UNAVAILABLE: 'تعذّر الوصول إلى سجل المؤسسات حالياً',
      UNKNOWN_ISSUER: 'جهة مُصدِرة غير معترف بها',
      UNEXPECTED_SIGNER: 'موقّعة من مؤسسة غير مذكورة',
      KEY_NOT_IN_DID_DOCUMENT: 'مفتاح توقيع غير معروف لدى الجهة المُصدِرة',
      UNSUPPORTED_VERIFICATION_METHOD: 'مفتاح توقيع من نوع لا تستطيع هذه الخدمة التحقق منه',
      DID_NOT_RESOLVED: 'هوية الجهة المُصدِرة غير موجودة',
      STATUS_CHECK_FAILED: 'تعذّر التحقق من الحالة',
      NO_PROOF: 'لا يوجد توقيع',
      PAPER_ALTERED: 'المحتوى المطبوع لا يطابق الوثيقة الموقّعة',
      PAPER_UNBOUND: 'تعذّرت مقارنة المحتوى المطبوع بالوثيقة الموقّعة',
      PAPER_AMBIGUOUS: 'يمكن عرض الملف بأكثر من طريقة (عنصر مُعرَّف مرتين)',
      EMBEDDED_INVALID: 'تعذّر التحقق من إحدى الشهادات المُدرجة في كشف النقاط',
      EMBEDDED_REVOKED: 'إحدى الشهادات المُدرجة في كشف النقاط ملغاة أو معلّقة',
      EMBEDDED_SUBJECT_MISMATCH: 'إحدى الشهادات المُدرجة في كشف النقاط تخصّ شخصاً آخر',
      PROOF_CHAIN_INVALID: 'سلسلة التوقيعات منقطعة',
      RELATED_RESOURCE_INVALID: 'أحد الموارد المرتبطة موصوف بشكل غير صحيح',
      RELATED_RESOURCE_MISMATCH: 'أحد الموارد المرتبطة تغيّر منذ التوقيع',
      RELATED_RESOURCE_UNAVAILABLE: 'تعذّر الوصول إلى أحد الموارد المرتبطة حالياً',
    },
    other: 'عملية تحقق غير مستوفاة',
    kinds: {
      Certificate: 'شهادة',
      CertificateOfCompletion: 'شهادة إتمام',
      Diploma: 'دبلوم',
      Degree: 'دبلوم',
      MasterDegree: 'ماستر',
      BachelorDegree: 'ليسانس',
      DoctoralDegree: 'دكتوراه',
      Course: 'تكوين',
      Badge: 'شارة',
      Competency: 'كفاءة',
    },
  },
  en: {
    revoked: 'Revoked',
    revokedExplanation: 'This document was issued, but its issuer has revoked it: it is no longer valid.',
    suspended: 'Suspended',
    suspendedExplanation: 'This document was issued, but its issuer has suspended it: it is not valid while the suspension lasts.',
    indeterminate: 'Cannot be verified right now',
    indeterminateExplanation:
      'A check could not be made (the issuer’s service is out of reach). Nothing wrong was found: try again in a few minutes.',
    claimedTitle: 'What the document claims (not verified)',
    statedTitle: 'Verified content of the document',
    externalClaims: 'Free-form attestation: the institution signed information sent to it, with no training record behind it.',
    namedInDocument: (claimed) => `the document calls it “${claimed}”`,
    unknownIssuer: 'unknown issuer',
    signedDataTitle: 'Signed data',
    // English shows a check's detail; the paper check has none, so its failures are worded here.
    reasons: {
      PAPER_ALTERED: 'the printed content does not match the signed document',
      PAPER_UNBOUND: 'the printed content cannot be compared with the signed document',
      PAPER_AMBIGUOUS: 'the file can be displayed in more than one way (an object is defined twice)',
      EMBEDDED_INVALID: 'a credential included in the transcript does not verify',
      EMBEDDED_REVOKED: 'a credential included in the transcript was revoked or suspended',
      EMBEDDED_SUBJECT_MISMATCH: 'a credential included in the transcript is about someone else',
    },
    other: 'check failed',
    kinds: {
      CertificateOfCompletion: 'Certificate of completion',
      MasterDegree: "Master's degree",
      BachelorDegree: "Bachelor's degree",
      DoctoralDegree: 'Doctorate',
    },
  },
};
