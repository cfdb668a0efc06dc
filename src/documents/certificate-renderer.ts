// Renders a bilingual (French + Arabic) certificate PDF that carries its signed credential; same input, same bytes.
import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import {
  AFRelationship,
  type PDFContext,
  PDFDocument,
  type PDFFont,
  PDFDict,
  PDFHexString,
  PDFString,
  type PDFPage,
  PDFRawStream,
  type PDFRef,
  concatTransformationMatrix,
  drawObject,
  endMarkedContent,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  popGraphicsState,
  pushGraphicsState,
  rgb,
} from 'pdf-lib';
import type { JsonObject } from '../credentials/vc/issuer.js';
import { mapLigaturesInVisualOrder } from './arabic-text-layer.js';
import { type Direction, type Script, type VisualRun, visualRuns } from './bidi-text.js';
import { INKS, buildArtworkStream, buildQrOperators } from './certificate-artwork.js';
import { type FontRole, type PreparedFont, loadCertificateFonts, sharedFontkit } from './certificate-fonts.js';
import { type LogoItem, PAGE, type TextItem, type TextStyle } from './certificate-layout.js';
import { type ArabicTextLayer, CURRENT_LAYOUT, layoutFor } from './certificate-layouts.js';
import { type PreparedImage, prepareLogo } from './certificate-logos.js';
import type { CertificateView } from './certificate-view.js';
import { STATUS_LINES, type StatusVariant } from './certificate-wording.js';
import { deflateContentStreams, useNodeDeflate } from './pdf-deflate.js';

export const CREDENTIAL_ATTACHMENT_NAME = 'credential.json';
export const CREDENTIAL_MEDIA_TYPE = 'application/ld+json';
const CREATOR = 'competency-credentials certificate renderer';
/**
 * Info dictionary keys naming how the pages were drawn, so that the verifier redraws them the same way. The Info
 * dictionary rather than XMP: pdf-lib writes and reads it directly, and the verifier looks one key up instead of
 * parsing XML. Neither is trusted: a false value only makes the redrawn pages differ.
 */
export const LAYOUT_KEY = 'CertificateLayout';
export const STATUS_LINE_KEY = 'CertificateStatusLine';
const PRODUCER = 'competency-credentials (pdf-lib 1.17)';

/** Naskh letters look small beside Baskerville at the same size; this evens out a bilingual line. */
const ARABIC_SCALE = 1.1;

const roleFor = (script: Script, style: TextStyle): FontRole =>
  script === 'arabic'
    ? style === 'bold'
      ? 'arabicBold'
      : 'arabic'
    : style === 'bold'
      ? 'serifBold'
      : style === 'italic'
        ? 'serifItalic'
        : 'serif';

interface PlacedRun extends VisualRun {
  role: FontRole;
  size: number;
  width: number;
}

/**
 * Created once (fonts parsed, artwork compressed, layouts cached) and then called for each certificate. pdf-lib
 * needs every resource embedded per document; what can be shared is handed to it ready-made: pre-parsed fontkit
 * fonts, the artwork and logos as already-compressed streams. Fonts are subset: embedding the five full fonts
 * (measured) made each PDF 374 KB instead of 56 KB and took more than twice as long, deflating 560 KB of font data.
 */
export class CertificateRenderer {
  private readonly fontkit;
  /** By SHA-256; null for a logo that cannot be read, so it is not decoded again for every certificate. */
  private readonly logos = new Map<string, PreparedImage | null>();
  private readonly logger = new Logger('CertificateRenderer');
  private readonly placed = new Map<string, PlacedRun[]>();

  private constructor(
    private readonly fonts: Map<FontRole, PreparedFont>,
    private readonly artwork: Uint8Array,
  ) {
    this.fontkit = sharedFontkit(fonts.values());
  }

  static create(): CertificateRenderer {
    return new CertificateRenderer(loadCertificateFonts(), buildArtworkStream());
  }

  /** The certificate for `view`, drawn with layout `layout`, with `credential` (the signed JSON) attached as credential.json. */
  async render({
    view,
    credential,
    layout = CURRENT_LAYOUT,
  }: {
    view: CertificateView;
    credential: JsonObject;
    layout?: string;
  }): Promise<Uint8Array> {
    if (!view) throw new TypeError('"view" is required.');
    if (!credential) throw new TypeError('"credential" is required.');
    const version = layoutFor(layout);
    if (!version) throw new TypeError(`Unknown certificate layout "${layout}".`);
    const pages = version.pages(view, (text, direction, style, size) =>
      this.placeRuns(text, direction, style, size).reduce((sum, run) => sum + run.width, 0),
    );

    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(this.fontkit);
    useNodeDeflate(doc);
    const texts = pages.map((items) =>
      items
        .filter((item): item is TextItem => item.kind === 'text')
        .map((item) => ({ item, runs: this.placeRuns(item.text, item.direction, item.style, item.size) })),
    );
    const pdfFonts = await this.embedFonts(
      doc,
      new Set(texts.flat().flatMap(({ runs }) => runs.map((run) => run.role))),
      version.arabicText,
    );
    const artwork = doc.context.register(formXObject(doc.context, this.artwork, [0, 0, PAGE.width, PAGE.height]));
    for (const [index, items] of pages.entries()) {
      const page = doc.addPage([PAGE.width, PAGE.height]);
      drawForm(page, artwork, [1, 0, 0, 1, 0, 0]);
      for (const item of items) {
        if (item.kind === 'rule')
          page.drawLine({
            start: { x: item.x1, y: item.y },
            end: { x: item.x2, y: item.y },
            thickness: item.thickness,
            color: rgb(...INKS[item.ink]),
          });
        else if (item.kind === 'logo') await this.drawLogo(page, doc.context, item, view.awardingInstitutions[item.institution].logoPng);
        else if (item.kind === 'qr') {
          const { modules, operators } = buildQrOperators(view.verificationUrl);
          const scale = item.size / modules;
          const qr = doc.context.register(
            formXObject(doc.context, deflateSync(Buffer.from(operators, 'latin1')), [0, 0, modules, modules]),
          );
          drawForm(page, qr, [scale, 0, 0, scale, item.x, item.y]);
        }
      }
      for (const { item, runs } of texts[index]) drawRuns(page, item, runs, pdfFonts, version.arabicText);
    }

    const json = new TextEncoder().encode(JSON.stringify(credential));
    await doc.attach(json, CREDENTIAL_ATTACHMENT_NAME, {
      mimeType: CREDENTIAL_MEDIA_TYPE,
      description: 'Signed Open Badges 3.0 credential (W3C Verifiable Credential) shown by this document',
      creationDate: view.issuedOn,
      modificationDate: view.issuedOn,
      afRelationship: AFRelationship.Data,
    });
    setMetadata(doc, view, json, layout);
    deflateContentStreams(doc);
    return doc.save({ useObjectStreams: true, objectsPerTick: Number.POSITIVE_INFINITY });
  }

  /** Layout measures most strings several times (wrapping, shrinking) and most recur on every certificate. */
  private placeRuns(text: string, direction: Direction, style: TextStyle, size: number): PlacedRun[] {
    const key = `${direction}|${style}|${size}|${text}`;
    let runs = this.placed.get(key);
    if (!runs) {
      if (this.placed.size >= 8000) this.placed.clear();
      runs = this.computeRuns(text, direction, style, size);
      this.placed.set(key, runs);
    }
    return runs;
  }

  private computeRuns(text: string, direction: Direction, style: TextStyle, size: number): PlacedRun[] {
    const arabic = this.fonts.get('arabic')!.font;
    return visualRuns(text, direction, (char) => arabic.hasGlyphForCodePoint(char.codePointAt(0)!)).map((run) => {
      const role = roleFor(run.script, style);
      const runSize = run.script === 'arabic' ? size * ARABIC_SCALE : size;
      const { font } = this.fonts.get(role)!;
      const advance = font.layout(run.text).glyphs.reduce((sum, glyph) => sum + glyph.advanceWidth, 0);
      return { ...run, role, size: runSize, width: (advance * runSize) / font.unitsPerEm };
    });
  }

  private async embedFonts(doc: PDFDocument, roles: Set<FontRole>, arabicText: ArabicTextLayer): Promise<Map<FontRole, PDFFont>> {
    const embedded = new Map<FontRole, PDFFont>();
    for (const role of [...roles].sort()) {
      const { bytes, baseFontName } = this.fonts.get(role)!;
      const font = await doc.embedFont(bytes, { subset: true, customName: baseFontName });
      if (arabicText === 'glyphs' && (role === 'arabic' || role === 'arabicBold')) mapLigaturesInVisualOrder(font);
      embedded.set(role, font);
    }
    return embedded;
  }

  private async drawLogo(page: PDFPage, context: PDFContext, box: LogoItem, png: Uint8Array | undefined): Promise<void> {
    if (!png) return;
    const key = createHash('sha256').update(png).digest('base64');
    let logo = this.logos.get(key);
    if (logo === undefined) {
      if (this.logos.size >= 64) this.logos.clear();
      // A logo that cannot be read (stored before the upload checked it) leaves its box empty: never a failed PDF.
      logo = await prepareLogo(png).catch(
        (error: Error) => (this.logger.warn(`Certificate printed without an unreadable logo: ${error.message}`), null),
      );
      this.logos.set(key, logo);
    }
    if (!logo) return;
    // Fit inside the box, keeping proportions, centred.
    const scale = Math.min(box.width / logo.width, box.height / logo.height);
    const [width, height] = [logo.width * scale, logo.height * scale];
    const ref = logo.embed(context);
    const name = page.node.newXObject('Logo', ref);
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(width, 0, 0, height, box.x + (box.width - width) / 2, box.y + (box.height - height) / 2),
      drawObject(name),
      popGraphicsState(),
    );
  }
}

/** Already-compressed operators as a form XObject: built once (artwork, shared by every page) or cheaply (QR), never re-parsed. */
function formXObject(context: PDFContext, compressed: Uint8Array, bbox: number[]): PDFRawStream {
  const dict = context.obj({ Type: 'XObject', Subtype: 'Form', BBox: bbox, Filter: 'FlateDecode', Length: compressed.length });
  return PDFRawStream.of(dict, compressed);
}

function drawForm(page: PDFPage, ref: PDFRef, matrix: [number, number, number, number, number, number]): void {
  const name = page.node.newXObject('Fm', ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...matrix), drawObject(name), popGraphicsState());
}

function drawRuns(page: PDFPage, item: TextItem, runs: PlacedRun[], fonts: Map<FontRole, PDFFont>, arabicText: ArabicTextLayer): void {
  const total = runs.reduce((sum, run) => sum + run.width, 0);
  let x = item.align === 'left' ? item.x : item.align === 'right' ? item.x - total : item.x - total / 2;
  const placed = runs.map((run) => {
    const left = x;
    x += run.width;
    return { run, x: left };
  });
  // Same places either way; with `glyphs` the runs go into the stream in reading order, which pdf.js and PDFium
  // follow when they join the runs of a line.
  if (arabicText === 'glyphs') placed.sort((a, b) => a.run.start - b.run.start);
  const color = rgb(...INKS[item.ink]);
  for (const { run, x: left } of placed) {
    const arabic = run.script === 'arabic';
    if (arabic) page.pushOperators(arabicSpan(page, arabicText === 'actual-text' ? run.text : undefined));
    page.drawText(run.text, { x: left, y: item.y, size: run.size, font: fonts.get(run.role)!, color });
    if (arabic) page.pushOperators(endMarkedContent());
  }
}

/**
 * `/Span << /Lang (ar) >> BDC`, with the run's words as /ActualText in layout version 2 (glyphs in visual order,
 * ActualText in reading order: what poppler reads letter-reversed). pdf-lib serialises a dictionary operand inline,
 * though its types omit it. The catalog says French; the span's /Lang tells screen readers this run is Arabic.
 */
function arabicSpan(page: PDFPage, actualText: string | undefined): PDFOperator {
  const properties = page.doc.context.obj({
    Lang: PDFString.of('ar'),
    ...(actualText !== undefined ? { ActualText: PDFHexString.fromText(actualText) } : {}),
  });
  return PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Span'), properties as unknown as PDFName]);
}

const statusVariantOf = (line: CertificateView['statusLine']): StatusVariant | undefined =>
  (Object.keys(STATUS_LINES) as StatusVariant[]).find(
    (variant) => line?.fr === STATUS_LINES[variant].fr && line?.ar === STATUS_LINES[variant].ar,
  );

function setMetadata(doc: PDFDocument, view: CertificateView, json: Uint8Array, layout: string): void {
  const kind = view.achievementType === 'Diploma' ? 'Diplôme' : 'Certificat';
  doc.setTitle(`${kind} — ${view.achievementTitle.fr} — ${view.learnerName.fr}`, { showInWindowTitleBar: true });
  doc.setAuthor(view.awardingInstitutions.map((school) => school.name.fr).join('; '));
  doc.setSubject(`${kind} ${view.credentialId}, vérifiable sur ${view.verificationUrl}`);
  doc.setKeywords(['Open Badges 3.0', 'Verifiable Credential', view.achievementType, view.credentialId]);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setLanguage('fr');
  // Dated by the credential, not the clock, and identified by its content: rendering is reproducible.
  doc.setCreationDate(view.issuedOn);
  doc.setModificationDate(view.issuedOn);
  const id = PDFHexString.of(createHash('sha256').update(json).digest('hex').slice(0, 32));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of(LAYOUT_KEY), PDFString.of(layout));
  const variant = statusVariantOf(view.statusLine);
  if (variant) info.set(PDFName.of(STATUS_LINE_KEY), PDFString.of(variant));
}
