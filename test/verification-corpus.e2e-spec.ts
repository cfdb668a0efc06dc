// Issue 13: verification cannot be fooled by a JSON-LD respelling. Real credentials of every kind (active, revoked,
// suspended, expired, not yet valid certificates; a co-accredited diploma endorsed by the partner and signed by the
// lead, its unsigned draft, and the diploma with its endorsement dropped) are respelled in every way that keeps the signed RDF, so every proof stays valid while the JSON the
// verifier reads moves, and amplified (proofs ×1,500, status entries ×3,000). No variant of a credential that must not
// verify may be answered "verified"; a genuine credential respelled may be refused, and is recorded.
// Until the verifier decides on the signed form (issue 13), the two "no false verified" tests fail, listing each variant
// that got through; every other test here passes already.
import jsonld from 'jsonld';
import { performance } from 'node:perf_hooks';
import { VcEnvironment } from '../src/credentials/vc-environment.service.js';
import { buildPresentation } from '../src/credentials/vc/issuer.js';
import { createStatusChecker } from '../src/credentials/vc/status-check.js';
import * as forgedPdf from '../src/documents/testing/forged-pdf.js';
import {
  type CredentialVariant,
  credentialVariants,
  isKeyTrick,
  type Json,
  statusListVariants,
  type VariantFamily,
} from './support/credential-variants.js';
import { issueEveryKind, type IssuedCredential } from './support/every-credential-kind.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Original = IssuedCredential;

interface Outcome {
  variant: CredentialVariant;
  original: Original;
  status: number;
  verified: boolean;
  ms: number;
  errors: string[];
}

const FAMILIES: VariantFamily[] = [
  'credentialStatus key',
  'status entry fields',
  'validity dates',
  'awarding bodies',
  'issuer',
  'type and id',
  'subject and achievement',
  'proof',
  '@graph and @included',
  'contexts',
  'amplification',
];

/** A verify answer that says "verified": HTTP 200 with verified true. Anything else is a refusal. */
const saysVerified = (response: { status: number; body: any }): boolean => response.status === 200 && response.body?.verified === true;

describe('verification corpus: JSON-LD respellings and amplifications of real credentials (issue 13)', () => {
  let ctx: TestApp;
  let originals: Original[];
  const outcomes: Outcome[] = [];
  let canonize: (document: Json) => Promise<string>;

  beforeAll(async () => {
    ctx = await startTestApp({ VERIFY_RATE_LIMIT: '0', VC_API_ISSUANCE: 'true' });
    const { documentLoader } = ctx.app.get(VcEnvironment);
    canonize = (document) =>
      jsonld.canonize(document, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true });
    originals = await issueEveryKind(ctx);

    const variants = originals.flatMap((original) =>
      credentialVariants(original.name, original.credential, { amplify: original.amplify }).map((variant) => ({ variant, original })),
    );
    for (const { variant, original } of variants) {
      const started = performance.now();
      const response = await ctx.http.post('/credentials/verify').send({ verifiableCredential: variant.credential });
      outcomes.push({
        variant,
        original,
        status: response.status,
        verified: saysVerified(response),
        ms: performance.now() - started,
        errors: (response.body?.errors ?? []).map((error: Json) => error.code ?? error.field),
      });
    }
  }, 170_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('the genuine originals verify, and the revoked, suspended, expired, not yet valid and half-signed ones do not', async () => {
    const answers = [];
    for (const original of originals)
      answers.push([
        original.name,
        saysVerified(await ctx.http.post('/credentials/verify').send({ verifiableCredential: original.credential })),
      ]);
    expect(answers).toEqual(originals.map((original) => [original.name, original.shouldVerify]));
  });

  it('has at least 250 variants, and every one claimed to keep the signed RDF really canonizes to the same N-Quads', async () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(250);
    const wholeDocument = new Map<Json, string>();
    const withoutProof = new Map<Json, string>();
    const unsecured = ({ proof: _proof, ...rest }: Json): Json => rest;
    const broken: string[] = [];
    for (const { variant, original } of outcomes) {
      if (variant.rdf !== 'same' && variant.rdf !== 'same-signed') continue;
      try {
        if (variant.rdf === 'same') {
          if (!wholeDocument.has(original.credential)) wholeDocument.set(original.credential, await canonize(original.credential));
          if ((await canonize(variant.credential)) !== wholeDocument.get(original.credential))
            broken.push(`${variant.label}: other N-Quads`);
        } else {
          if (!withoutProof.has(original.credential)) withoutProof.set(original.credential, await canonize(unsecured(original.credential)));
          if ((await canonize(unsecured(variant.credential))) !== withoutProof.get(original.credential))
            broken.push(`${variant.label}: other N-Quads without the proof`);
          if (JSON.stringify(variant.credential.proof) !== JSON.stringify(original.credential.proof))
            broken.push(`${variant.label}: proof changed`);
        }
      } catch (error) {
        broken.push(`${variant.label}: ${(error as Error).message}`);
      }
    }
    expect(broken).toEqual([]);
    // And the controls: a key no context defines changes the statements, so its proof fails.
    const controls = outcomes.filter((outcome) => outcome.variant.rdf === 'different');
    expect(controls.length).toBeGreaterThan(0);
    expect(controls.filter((outcome) => outcome.verified).map((outcome) => outcome.variant.label)).toEqual([]);
  });

  it('answers every variant 200 or 400, and every amplified one within 15 s', () => {
    expect(
      outcomes
        .filter((outcome) => ![200, 400, 413].includes(outcome.status))
        .map((outcome) => `${outcome.variant.label}: HTTP ${outcome.status}`),
    ).toEqual([]);
    const slow = outcomes.filter((outcome) => outcome.variant.rdf === 'amplified' && outcome.ms > 15_000);
    for (const outcome of outcomes.filter((o) => o.variant.rdf === 'amplified')) {
      console.log(`amplified: ${outcome.variant.label}: HTTP ${outcome.status} in ${Math.round(outcome.ms)} ms`);
    }
    expect(slow.map((outcome) => outcome.variant.label)).toEqual([]);
  });

  it('answers no variant of a credential that must not verify "verified" (POST /credentials/verify)', () => {
    const falseVerified = outcomes.filter((outcome) => !outcome.original.shouldVerify && outcome.verified);
    // The controls (a key no context defines) are refused by their proof, as they must be: not worth listing.
    const refusedGenuine = outcomes.filter(
      (outcome) => outcome.original.shouldVerify && !outcome.verified && outcome.variant.rdf !== 'different',
    );
    const row = (title: string, of: Outcome[]) =>
      `  ${title.padEnd(30)} ${String(of.length).padStart(4)} variants, ${String(of.filter((o) => !o.verified).length).padStart(4)} refused, ${String(of.filter((o) => o.verified).length).padStart(4)} verified, ${String(of.filter((o) => o.verified && !o.original.shouldVerify).length).padStart(3)} false-verified`;
    const rows = [
      ...FAMILIES.map((family) =>
        row(
          family,
          outcomes.filter((outcome) => outcome.variant.family === family),
        ),
      ),
      row(
        '(of all: case/lookalike keys)',
        outcomes.filter((outcome) => isKeyTrick(outcome.variant)),
      ),
    ];
    console.log(
      [
        `verification corpus: ${outcomes.length} variants, ${outcomes.filter((o) => !o.verified).length} refused, ${outcomes.filter((o) => o.verified).length} verified, ${falseVerified.length} false-verified`,
        ...rows,
        `genuine credentials respelled and refused (${refusedGenuine.length}):`,
        ...refusedGenuine.map((outcome) => `  ${outcome.variant.label} [${outcome.errors.join(', ')}]`),
        `false-verified (${falseVerified.length}):`,
        ...falseVerified.map((outcome) => `  ${outcome.variant.family}: ${outcome.variant.label}`),
      ].join('\n'),
    );
    expect(falseVerified.map((outcome) => outcome.variant.label)).toEqual([]);
  });

  it('answers the same through a JSON upload (POST /verifications) and inside a presentation (POST /presentations/verify)', async () => {
    // A sample: a few of every family and original, and every variant the VC-API verifier got wrong.
    const sample = outcomes.filter(
      (outcome, index) => outcome.variant.rdf !== 'amplified' && (index % 7 === 0 || (outcome.verified && !outcome.original.shouldVerify)),
    );
    const wrong: string[] = [];
    for (const { variant, original } of sample) {
      const upload = await ctx.http
        .post('/verifications')
        .attach('file', Buffer.from(JSON.stringify(variant.credential)), 'credential.json');
      if (!original.shouldVerify && saysVerified(upload)) wrong.push(`upload: ${variant.label}`);
      const presented = await ctx.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: buildPresentation({ verifiableCredential: [variant.credential] }) });
      if (!original.shouldVerify && saysVerified(presented)) wrong.push(`presentation: ${variant.label}`);
    }
    console.log(
      `uploads and presentations: ${sample.length} variants each, ${wrong.length} false-verified${wrong.length ? `\n  ${wrong.join('\n  ')}` : ''}`,
    );
    expect(wrong).toEqual([]);
  });

  it('answers no forged certificate PDF "verified": edits, overlays, swapped pages, objects defined twice or hidden from pdf-lib', async () => {
    const [certificate, diploma] = ['active certificate', 'co-accredited diploma'].map(
      (name) => originals.find((original) => original.name === name)!.pdf!,
    );
    const forgeries: [string, (pdf: Uint8Array) => Promise<Uint8Array>][] = [
      ['text overlay', (pdf) => forgedPdf.overlayText(pdf)],
      ['content stream edited', forgedPdf.editContentStream],
      ['page replaced', (pdf) => forgedPdf.replacePage(pdf, pdf === certificate ? diploma : certificate)],
      ['page added', forgedPdf.addPage],
      ['FreeText annotation', forgedPdf.addFreeTextAnnotation],
      ['layout marker stripped', forgedPdf.stripLayoutMarker],
      ['incremental update', forgedPdf.incrementalUpdate],
      ['content stream defined twice', forgedPdf.shadowedContentStream],
      ['page defined in the body and in an object stream', forgedPdf.pageShadowedOutsideObjectStream],
      ["xref into another stream's data", forgedPdf.contentStreamHiddenInStreamData],
    ];
    const upload = (bytes: Uint8Array) => ctx.http.post('/verifications').attach('file', Buffer.from(bytes), 'certificat.pdf');
    const genuine: boolean[] = [];
    const falseVerified: string[] = [];
    for (const [owner, pdf] of [
      ['certificate', certificate],
      ['diploma', diploma],
    ] as const) {
      genuine.push(saysVerified(await upload(pdf)));
      for (const [name, forge] of forgeries) if (saysVerified(await upload(await forge(pdf)))) falseVerified.push(`${owner}: ${name}`);
    }
    console.log(
      `forged PDFs: ${forgeries.length * 2} forgeries, ${falseVerified.length} false-verified${falseVerified.length ? `\n  ${falseVerified.join('\n  ')}` : ''}`,
    );
    expect(genuine).toEqual([true, true]);
    expect(falseVerified).toEqual([]);
  });

  it('a revoked credential stays revoked whatever spelling its status list credential comes in', async () => {
    // Our verifier takes our lists from our own repository (never from the request), so a respelled list cannot be
    // slipped in over HTTP; the status checker that verifies every list is run on respelled copies of a served one.
    const { documentLoader } = ctx.app.get(VcEnvironment);
    const revoked = originals.find((original) => original.name === 'revoked certificate')!.credential;
    const entry = revoked.credentialStatus as Json;
    expect(entry.statusPurpose).toBe('revocation');
    const served = (await ctx.http.get(new URL(entry.statusListCredential).pathname).expect(200)).body;
    const listVariants = statusListVariants('revocation list', served);
    expect(listVariants.length).toBeGreaterThan(30);
    const original = await canonize(served);
    const wrong: string[] = [];
    for (const variant of listVariants) {
      expect([variant.label, (await canonize(variant.credential)) === original]).toEqual([variant.label, true]);
      const checkStatus = createStatusChecker({ fetchStatusListCredential: async () => variant.credential, documentLoader });
      const report = await checkStatus({ credential: { ...revoked, credentialStatus: [entry] }, now: new Date() });
      if (report.verified || report.entries.some((e) => e.status === 'clear')) wrong.push(variant.label);
    }
    console.log(`status list respelled: ${listVariants.length} variants, ${wrong.length} read as "not revoked"`);
    expect(wrong).toEqual([]);
  });
});
