// What the public verification page says, in French, Arabic and English.
export const PAGE_LANGUAGES = ['fr', 'ar', 'en'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

export interface Messages {
  title: string;
  verified: string;
  notVerified: string;
  verifiedExplanation: string;
  notVerifiedExplanation: string;
  holder: string;
  achievement: string;
  kind: string;
  issuers: string;
  issuedOn: string;
  validUntil: string;
  status: string;
  statusActive: string;
  statusRevoked: string;
  statusSuspended: string;
  reason: string;
  checksTitle: string;
  checks: Record<'proof' | 'status' | 'validity' | 'shape' | 'issuer' | 'paper' | 'embedded', string>;
  passed: string;
  failed: string;
  uploadTitle: string;
  uploadHint: string;
  uploadButton: string;
  notFound: string;
  problems: Record<string, string>;
}

export const MESSAGES: Record<PageLanguage, Messages> = {
  fr: {
    title: 'Vérification d’un certificat ou d’un diplôme',
    verified: 'Vérifié',
    notVerified: 'Non vérifié',
    verifiedExplanation: 'Ce document a bien été délivré par les établissements indiqués et n’a pas été modifié.',
    notVerifiedExplanation: 'Ce document ne peut pas être considéré comme authentique et valide : voir les contrôles ci-dessous.',
    holder: 'Titulaire',
    achievement: 'Formation',
    kind: 'Nature',
    issuers: 'Délivré par',
    issuedOn: 'Délivré le',
    validUntil: 'Valable jusqu’au',
    status: 'Statut',
    statusActive: 'En vigueur',
    statusRevoked: 'Révoqué',
    statusSuspended: 'Suspendu',
    reason: 'Motif',
    checksTitle: 'Contrôles effectués',
    checks: {
      proof: 'Signature électronique',
      status: 'Révocation et suspension',
      validity: 'Période de validité',
      shape: 'Format Open Badges 3.0',
      issuer: 'Établissement émetteur reconnu',
      paper: 'Pages imprimées conformes au certificat signé',
      embedded: 'Attestation incluse dans le relevé',
    },
    passed: 'conforme',
    failed: 'non conforme',
    uploadTitle: 'Vérifier un autre document',
    uploadHint: 'Déposez le certificat PDF reçu ou son fichier JSON.',
    uploadButton: 'Vérifier',
    notFound: 'Aucun certificat ne correspond à ce lien.',
    problems: {
      not_a_pdf: 'Le fichier n’est ni un PDF ni un certificat JSON.',
      too_large: 'Le fichier est trop volumineux.',
      unreadable_pdf: 'Le PDF est illisible ou endommagé.',
      no_embedded_credential: 'Ce PDF ne contient pas de certificat vérifiable.',
      embedded_credential_not_json: 'Le certificat contenu dans ce PDF est illisible.',
      decoded_too_large: 'Ce PDF contient des données compressées trop volumineuses pour être vérifiées.',
      unsupported_encoding: 'Le certificat contenu dans ce PDF est encodé d’une manière qui n’est pas acceptée.',
      not_json: 'Le fichier JSON est illisible.',
      file_required: 'Choisissez un fichier à vérifier.',
    },
  },
  ar: {
    title: 'التحقق من شهادة أو دبلوم',
    verified: 'تم التحقق',
    notVerified: 'لم يتم التحقق',
    verifiedExplanation: 'صدرت هذه الوثيقة فعلاً عن المؤسسات المذكورة ولم يتم تعديلها.',
    notVerifiedExplanation: 'لا يمكن اعتبار هذه الوثيقة أصلية وسارية: انظر عمليات التحقق أدناه.',
    holder: 'صاحب الشهادة',
    achievement: 'التكوين',
    kind: 'النوع',
    issuers: 'صادرة عن',
    issuedOn: 'تاريخ الإصدار',
    validUntil: 'صالحة إلى غاية',
    status: 'الحالة',
    statusActive: 'سارية',
    statusRevoked: 'ملغاة',
    statusSuspended: 'معلّقة',
    reason: 'السبب',
    checksTitle: 'عمليات التحقق',
    checks: {
      proof: 'التوقيع الإلكتروني',
      status: 'الإلغاء والتعليق',
      validity: 'فترة الصلاحية',
      shape: 'صيغة Open Badges 3.0',
      issuer: 'مؤسسة مُصدِرة معترف بها',
      paper: 'مطابقة الصفحات المطبوعة للشهادة الموقّعة',
      embedded: 'شهادة مُدرجة في كشف النقاط',
    },
    passed: 'مطابق',
    failed: 'غير مطابق',
    uploadTitle: 'التحقق من وثيقة أخرى',
    uploadHint: 'أودعوا الشهادة بصيغة PDF أو ملفها بصيغة JSON.',
    uploadButton: 'تحقق',
    notFound: 'لا توجد شهادة مطابقة لهذا الرابط.',
    problems: {
      not_a_pdf: 'الملف ليس PDF ولا شهادة JSON.',
      too_large: 'حجم الملف كبير جداً.',
      unreadable_pdf: 'ملف PDF غير مقروء أو تالف.',
      no_embedded_credential: 'لا يحتوي ملف PDF هذا على شهادة قابلة للتحقق.',
      embedded_credential_not_json: 'الشهادة المضمنة في ملف PDF غير مقروءة.',
      decoded_too_large: 'يحتوي ملف PDF هذا على بيانات مضغوطة أكبر من أن يتم التحقق منها.',
      unsupported_encoding: 'الشهادة المضمنة في ملف PDF مرمّزة بطريقة غير مقبولة.',
      not_json: 'ملف JSON غير مقروء.',
      file_required: 'اختاروا ملفاً للتحقق منه.',
    },
  },
  en: {
    title: 'Verify a certificate or diploma',
    verified: 'Verified',
    notVerified: 'Not verified',
    verifiedExplanation: 'This document was issued by the institutions shown and has not been altered.',
    notVerifiedExplanation: 'This document cannot be accepted as authentic and valid: see the checks below.',
    holder: 'Holder',
    achievement: 'Training',
    kind: 'Type',
    issuers: 'Issued by',
    issuedOn: 'Issued on',
    validUntil: 'Valid until',
    status: 'Status',
    statusActive: 'Active',
    statusRevoked: 'Revoked',
    statusSuspended: 'Suspended',
    reason: 'Reason',
    checksTitle: 'Checks',
    checks: {
      proof: 'Electronic signature',
      status: 'Revocation and suspension',
      validity: 'Validity period',
      shape: 'Open Badges 3.0 format',
      issuer: 'Recognised issuing institution',
      paper: 'Printed pages match the signed credential',
      embedded: 'Credential included in the transcript',
    },
    passed: 'passed',
    failed: 'failed',
    uploadTitle: 'Verify another document',
    uploadHint: 'Drop the PDF certificate you received, or its JSON file.',
    uploadButton: 'Verify',
    notFound: 'No certificate matches this link.',
    problems: {
      not_a_pdf: 'The file is neither a PDF nor a JSON credential.',
      too_large: 'The file is too large.',
      unreadable_pdf: 'The PDF is unreadable or damaged.',
      no_embedded_credential: 'This PDF contains no verifiable credential.',
      embedded_credential_not_json: 'The credential inside this PDF is unreadable.',
      decoded_too_large: 'This PDF holds compressed data too large to be verified.',
      unsupported_encoding: 'The credential inside this PDF is encoded in a way that is not accepted.',
      not_json: 'The JSON file is unreadable.',
      file_required: 'Choose a file to verify.',
    },
  },
};

/** ?lang= first, then the browser's Accept-Language, then French. */
export function pickLanguage(query: unknown, acceptLanguage: string | undefined): PageLanguage {
  if (typeof query === 'string' && (PAGE_LANGUAGES as readonly string[]).includes(query)) return query as PageLanguage;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if ((PAGE_LANGUAGES as readonly string[]).includes(code)) return code as PageLanguage;
  }
  return 'fr';
}
