// The public page shows what the paper prints and what was checked, for real credentials of every kind: every
// competency with its code and level, the result and hours; each co-accrediting school's own proof; revoked and
// suspended worded apart with the date and reason of our records (the status list alone decides); the data as signed.
import { issueEveryKind } from './support/every-credential-kind.js';
import { Factory } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Json = Record<string, any>;
const bearer = { type: 'bearer' as const };

/** The page's text, tags dropped, spaces folded: what a reader sees, in order. */
const textOf = (html: string): string =>
  html
    .replace(/<(style|details)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const sectionOf = (html: string, testId: string): string =>
  html.match(new RegExp(`<(section|table|details)[^>]*data-testid="${testId}"[\\s\\S]*?</\\1>`))?.[0] ?? '';

describe('the public verification page: what the paper prints and what was checked', () => {
  let ctx: TestApp;
  let issued: Record<string, Json>;
  const rowId = (credential: Json): string => String(credential.id).replace(/^urn:uuid:/, '');
  const byLink = (credential: Json, lang = 'fr') => ctx.http.get(`/verify/${rowId(credential)}`).query({ lang });
  const byUpload = (credential: Json, lang = 'fr') =>
    ctx.http
      .post('/verify')
      .query({ lang })
      .attach('file', Buffer.from(JSON.stringify(credential)), 'credential.json');
  const changedAt = async (credential: Json): Promise<Date> =>
    (await ctx.database.dataSource.query(`SELECT "statusChangedAt" FROM credential WHERE id = $1`, [rowId(credential)]))[0].statusChangedAt;
  const schoolName = async (slug: string): Promise<string> =>
    (await ctx.database.dataSource.query(`SELECT name->>'fr' AS name FROM institution WHERE slug = $1`, [slug]))[0].name;
  const frenchDate = (date: Date) =>
    new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);

  beforeAll(async () => {
    ctx = await startTestApp({ VERIFY_RATE_LIMIT: '0', VC_API_ISSUANCE: 'true' });
    issued = Object.fromEntries((await issueEveryKind(ctx)).map(({ name, credential }) => [name, credential]));
    // Printed once, as the learners do: the page then shows what their paper prints (Arabic labels, hours).
    const admin = await new Factory(ctx).admin();
    for (const name of ['active certificate', 'revoked certificate', 'suspended certificate', 'co-accredited diploma']) {
      await ctx.http
        .get(`/credentials/${rowId(issued[name])}/pdf`)
        .auth(admin.token, bearer)
        .expect(200);
    }
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('shows every competency with its code and level, the result and the hours, as the paper prints them, in the page language', async () => {
    const french = textOf((await byLink(issued['active certificate']).expect(200)).text);
    expect(french).toContain('Contenu vérifié du document');
    expect(french).toContain('Titulaire Nadia Benkhelifa');
    expect(french).toContain('Résultat 15/20');
    expect(french).toContain('Volume horaire 35 h');
    expect(french).toContain('Compétences attestées (2)');
    expect(french).toContain('GC-1 Déclencher et conduire le plan blanc Connaissances approfondies');
    expect(french).toContain('GC-2 Animer une cellule de crise Connaissances approfondies');
    const arabic = textOf((await byLink(issued['active certificate'], 'ar').expect(200)).text);
    expect(arabic).toContain('الحجم الساعي 35 سا');
    expect(arabic).toContain('GC-1 تفعيل وقيادة المخطط الأبيض');
    expect(arabic).toContain('GC-2 تنشيط خلية الأزمة');

    // A diploma lists the competencies of every module it counts, none cut.
    const diploma = (await byLink(issued['co-accredited diploma']).expect(200)).text;
    const listed = issued['co-accredited diploma'].credentialSubject.achievement.alignment as Json[];
    expect(listed.length).toBeGreaterThan(1);
    expect(sectionOf(diploma, 'competencies').match(/<tr>/g)).toHaveLength(listed.length + 1);
    expect(textOf(diploma)).toContain(`Compétences attestées (${listed.length})`);
    expect(textOf(diploma)).toContain(`Résultat ${issued['co-accredited diploma'].credentialSubject.result[0].value}`);
  });

  it('a document that is not the one we issued shows its own content, headed as claimed, its status not checked', async () => {
    const active = issued['active certificate'];
    const tampered = {
      ...active,
      credentialSubject: {
        ...active.credentialSubject,
        identifier: [{ ...active.credentialSubject.identifier[0], identityHash: 'Someone Else' }],
      },
    };
    const page = await byUpload(tampered, 'ar').expect(200);
    const text = textOf(page.text);
    expect(text).toContain('ما تدّعيه الوثيقة (غير مُتحقَّق منه)');
    expect(text).toContain('Someone Else');
    expect(text).toContain('الحالة لم يُتحقَّق منها');
    // Its labels are the document's own: the records' Arabic labels belong to the credential we issued, not to this one.
    expect(text).toContain('GC-1 Déclencher et conduire le plan blanc');
    expect(text).not.toContain('تفعيل وقيادة المخطط الأبيض');
    expect(text).not.toContain('الحجم الساعي');
    expect(sectionOf(page.text, 'signed-data')).toContain('بيانات الوثيقة (غير مُتحقَّق منها)');
    // A revoked credential's proofs verify: its data is as signed.
    expect(sectionOf((await byLink(issued['revoked certificate']).expect(200)).text, 'signed-data')).toContain(
      '<summary>Données signées</summary>',
    );
  });

  it('gives each co-accrediting school its own result (the lead’s proof, the partner’s endorsement), named from our records', async () => {
    const diploma = issued['co-accredited diploma'];
    const [lead, partner] = (diploma.awardingBody as Json[]).map((body) => body.id as string);
    const [ensm, ehesp] = [await schoolName('ensm-alger-corpus'), await schoolName('ehesp-rennes-corpus')];
    const both = sectionOf((await byLink(diploma).expect(200)).text, 'school-proofs');
    expect(textOf(both)).toContain(`${ensm} (établissement émetteur) — signature valide`);
    expect(both).toContain(`data-did="${lead}"`);
    expect(both).toContain(`data-did="${partner}"`);

    expect(textOf(both)).toContain(`${ehesp} (établissement co-diplômant) — approbation signée valide`);
    expect(both).toContain(`data-did="${partner}" data-by="endorsement"`);
    const dropped = await byUpload(issued['diploma with its endorsement dropped']).expect(200);
    expect(dropped.text).toContain('✗ Non vérifié');
    const rows = textOf(sectionOf(dropped.text, 'school-proofs'));
    expect(rows).toContain(`${ensm} (établissement émetteur) — signature non valide le document a été modifié après sa signature`);
    expect(rows).toContain(
      `${ehesp} (établissement co-diplômant) — approbation signée absente ou non valide approbation signée d’un établissement co-diplômant manquante`,
    );
    const english = textOf(
      sectionOf((await byUpload(issued['diploma with its endorsement dropped'], 'en').expect(200)).text, 'school-proofs'),
    );
    expect(english).toContain(
      `(co-accrediting institution) — signed endorsement missing or invalid no endorsement by ${partner}, an awarding body of this diploma`,
    );
  });

  it('words revoked and suspended apart, suspended in amber, with the date and reason of our records', async () => {
    const revoked = await byLink(issued['revoked certificate']).expect(200);
    expect(revoked.text).toContain('class="verdict ko"');
    expect(textOf(revoked.text)).toContain('✗ Révoqué');
    expect(textOf(revoked.text)).toContain(`Révoqué le ${frenchDate(await changedAt(issued['revoked certificate']))}`);
    expect(textOf(revoked.text)).toContain('Motif Note corrigée par le jury : module non validé');

    const suspended = await byLink(issued['suspended certificate']).expect(200);
    expect(suspended.text).toContain('class="verdict amber"');
    expect(suspended.text).toContain('class="status suspended"');
    expect(textOf(suspended.text)).toContain(`Suspendu depuis le ${frenchDate(await changedAt(issued['suspended certificate']))}`);
    expect(textOf(suspended.text)).toContain('Motif Vérification du dossier en cours');
    const arabic = textOf((await byLink(issued['suspended certificate'], 'ar').expect(200)).text);
    expect(arabic).toContain('‖ معلّقة');
    expect(arabic).toContain('معلّقة منذ');

    const api = await ctx.http
      .post('/verifications')
      .attach('file', Buffer.from(JSON.stringify(issued['suspended certificate'])), 'credential.json')
      .expect(400);
    expect(api.body).toMatchObject({
      status: 'suspended',
      statusReason: 'Vérification du dossier en cours',
      statusChangedAt: (await changedAt(issued['suspended certificate'])).toISOString(),
    });
  });

  it('only the status list decides: a record that disagrees with it neither changes the verdict nor dates or explains it', async () => {
    const active = issued['active certificate'];
    const db = ctx.database.dataSource;
    await db.query(`UPDATE credential SET state = 'revoked', "statusReason" = 'Fraude constatée' WHERE id = $1`, [rowId(active)]);
    try {
      const text = textOf((await byLink(active).expect(200)).text);
      expect(text).toContain('✓ Vérifié');
      expect(text).toContain('Statut En vigueur');
      expect(text).not.toContain('Fraude constatée');
      expect(text).not.toContain('Révoqué le');
    } finally {
      await db.query(`UPDATE credential SET state = 'issued', "statusReason" = NULL WHERE id = $1`, [rowId(active)]);
    }
    // The list says suspended, a record that disagrees (here: revoked) neither dates nor explains it.
    const suspended = issued['suspended certificate'];
    await db.query(`UPDATE credential SET state = 'revoked' WHERE id = $1`, [rowId(suspended)]);
    try {
      const text = textOf((await byLink(suspended).expect(200)).text);
      expect(text).toContain('‖ Suspendu');
      expect(text).not.toContain('Vérification du dossier en cours');
      expect(text).not.toContain('Suspendu depuis le');
    } finally {
      await db.query(`UPDATE credential SET state = 'suspended' WHERE id = $1`, [rowId(suspended)]);
    }
  });

  it('folds the signed data, pretty-printed, labelled in the page language, with bidi controls dropped', async () => {
    const active = issued['active certificate'];
    for (const [lang, label] of [
      ['fr', 'Données signées'],
      ['ar', 'البيانات الموقّعة'],
      ['en', 'Signed data'],
    ]) {
      const panel = sectionOf((await byLink(active, lang).expect(200)).text, 'signed-data');
      expect(panel).toContain(`<summary>${label}</summary>`);
      expect(panel).toContain('<pre dir="ltr"');
      expect(panel).toContain(`&quot;id&quot;: &quot;${active.id}&quot;,\n`);
      expect(panel).toContain(`&quot;proofValue&quot;: &quot;${active.proof.proofValue ?? active.proof[0].proofValue}&quot;`);
    }
    const reordered = {
      ...active,
      credentialSubject: {
        ...active.credentialSubject,
        identifier: [{ ...active.credentialSubject.identifier[0], identityHash: 'Nadia \u202e02/91\u202c Benkhelifa' }],
      },
    };
    const page = await byUpload(reordered).expect(200);
    expect(page.text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(sectionOf(page.text, 'signed-data')).toContain('Nadia 02/91 Benkhelifa');
  });
});
