import {
  type LayoutItem,
  MAX_COMPETENCY_ROWS,
  type MeasureText,
  PAGE,
  type TextItem,
  fitText,
  truncate,
  wrapWords,
} from './certificate-layout.js';
import { CURRENT_LAYOUT, layoutFor } from './certificate-layouts.js';
import type { CertificateView } from './certificate-view.js';

const layoutPages = (view: CertificateView, measure: MeasureText): LayoutItem[][] => layoutFor(CURRENT_LAYOUT)!.pages(view, measure);
/** The first page. */
const layoutCertificate = (view: CertificateView, measure: MeasureText): LayoutItem[] => layoutPages(view, measure)[0];

// A stand-in for the fonts: every character half as wide as the type size.
const measure: MeasureText = (text, _direction, _style, size) => [...text].length * size * 0.5;
const width = (item: TextItem): number => measure(item.text, item.direction, item.style, item.size);
const texts = (items: LayoutItem[]): TextItem[] => items.filter((item): item is TextItem => item.kind === 'text');

const competency = (index: number): CertificateView['competencies'][number] => ({
  code: `GC-${index}`,
  label: { fr: `Compétence de gestion de crise numéro ${index}`, ar: `كفاءة إدارة الأزمات رقم ${index}` },
});

const view = (overrides: Partial<CertificateView> = {}): CertificateView => ({
  credentialId: 'urn:uuid:6f1c2a4e-8d3b-4c1a-9e55-2b7f0c1d9a10',
  verificationUrl: 'https://competences.example.org/verify/6f1c2a4e-8d3b-4c1a-9e55-2b7f0c1d9a10',
  learnerName: { fr: 'Nadia Benkhelifa', ar: 'نادية بن خليفة' },
  achievementTitle: { fr: 'Gestion de crise et situations sanitaires exceptionnelles', ar: 'إدارة الأزمات والأوضاع الصحية الاستثنائية' },
  achievementType: 'Certificate',
  issuedOn: new Date('2026-06-30T00:00:00Z'),
  hours: 60,
  credits: 6,
  competencies: [1, 2, 3].map(competency),
  awardingInstitutions: [
    {
      name: {
        fr: 'École nationale supérieure de management des établissements de santé',
        ar: 'المدرسة الوطنية العليا لتسيير المؤسسات الصحية',
      },
      logoPng: new Uint8Array([1]),
    },
  ],
  ...overrides,
});

describe('text fitting', () => {
  const at = (text: string): number => text.length * 5;

  it('wraps greedily at word boundaries', () => {
    expect(wrapWords('gestion de crise sanitaire', 60, at, 5)).toEqual(['gestion de', 'crise', 'sanitaire']);
  });

  it('cuts a line with an ellipsis, at a word when it can', () => {
    expect(truncate('Dispositifs de réponse aux situations', 100, at)).toBe('Dispositifs de…');
    expect(truncate('court', 120, at)).toBe('court');
  });

  it('shrinks before wrapping past the allowed lines, then cuts the last line', () => {
    const long = 'Master Management des établissements de santé, parcours Gestion de crise et situations sanitaires exceptionnelles';
    const fit = fitText(long, { maxWidth: 400, maxLines: 2, size: 16, minSize: 12 }, 'ltr', 'bold', measure);
    expect(fit.lines).toHaveLength(2);
    expect(fit.size).toBeLessThan(16);
    const cut = fitText(`${long} ${long}`, { maxWidth: 400, maxLines: 2, size: 16, minSize: 12 }, 'ltr', 'bold', measure);
    expect(cut.size).toBe(12);
    expect(cut.lines[1].endsWith('…')).toBe(true);
  });

  it('balances two lines instead of leaving an orphan word', () => {
    const fit = fitText(
      'École nationale supérieure de management des établissements de santé',
      { maxWidth: 200, maxLines: 2, size: 10, minSize: 10 },
      'ltr',
      'bold',
      measure,
    );
    expect(fit.lines).toHaveLength(2);
    expect(Math.abs(fit.lines[0].length - fit.lines[1].length)).toBeLessThan(12);
  });
});

describe('layoutCertificate', () => {
  it('keeps every line inside the frame and above the bottom edge', () => {
    const diploma = view({
      achievementType: 'Diploma',
      achievementTitle: {
        fr: 'Master Management des établissements de santé, parcours Gestion de crise et situations sanitaires exceptionnelles'.repeat(2),
        ar: 'ماستر تسيير المؤسسات الصحية'.repeat(4),
      },
      competencies: Array.from({ length: 12 }, (_, i) => competency(i + 1)),
      awardingInstitutions: [
        view().awardingInstitutions[0],
        { name: { fr: 'École des hautes études en santé publique' } },
        { name: { fr: 'Université d’Oran 1 — Faculté de médecine' } },
      ],
      statusLine: { fr: 'Duplicata', ar: 'نسخة طبق الأصل' },
    });
    for (const item of texts(layoutCertificate(diploma, measure))) {
      const left = item.align === 'left' ? item.x : item.align === 'right' ? item.x - width(item) : item.x - width(item) / 2;
      expect(left).toBeGreaterThanOrEqual(60);
      expect(left + width(item)).toBeLessThanOrEqual(PAGE.width - 60);
      expect(item.y).toBeGreaterThan(36);
      expect(item.y).toBeLessThan(PAGE.height - 36);
    }
  });

  it('shows a co-accredited diploma with every school side by side and the co-accreditation line', () => {
    const items = layoutCertificate(
      view({
        achievementType: 'Diploma',
        awardingInstitutions: [
          view().awardingInstitutions[0],
          { name: { fr: 'École des hautes études en santé publique' }, logoPng: new Uint8Array([2]) },
        ],
      }),
      measure,
    );
    const logos = items.filter((item) => item.kind === 'logo');
    expect(logos).toHaveLength(2);
    expect(logos[0].y).toBe(logos[1].y);
    expect(logos[0].x).toBeLessThan(logos[1].x);
    expect(texts(items).some((item) => item.text === 'Diplôme co-accrédité   ·   شهادة مشتركة الاعتماد')).toBe(true);
    expect(texts(items).some((item) => item.text.startsWith('DIPLÔME'))).toBe(true);
  });

  it('has no co-accreditation line for a module certificate', () => {
    expect(texts(layoutCertificate(view(), measure)).some((item) => item.text.includes('co-accrédité'))).toBe(false);
  });

  it(`lists up to ${MAX_COMPETENCY_ROWS} competencies on the page, one page only`, () => {
    const pages = layoutPages(view({ competencies: Array.from({ length: 3 }, (_, i) => competency(i + 1)) }), measure);
    expect(pages).toHaveLength(1);
    expect(texts(pages[0]).filter((item) => item.text.startsWith('Compétence de gestion'))).toHaveLength(3);
  });

  it('moves every competency to an annex page when they do not fit, cutting none and hiding none', () => {
    const competencies = Array.from({ length: 40 }, (_, i) => competency(i + 1));
    const pages = layoutPages(view({ competencies }), measure);
    expect(pages.length).toBeGreaterThan(1);
    const first = texts(pages[0]).map((item) => item.text);
    expect(first).toContain('Les 40 compétences certifiées sont listées en annexe.');
    expect(first.some((text) => text.startsWith('Compétence de gestion'))).toBe(false);
    const annex = pages.slice(1).flatMap(texts);
    for (const { label } of competencies) expect(annex.map((item) => item.text).join(' ')).toContain(label.fr);
    expect(pages.flatMap(texts).some((item) => item.text.includes('…') || item.text.includes('autres'))).toBe(false);
    for (const item of pages.slice(1).flatMap(texts)) {
      expect(item.y).toBeGreaterThan(36);
      expect(item.y).toBeLessThan(PAGE.height - 36);
    }
  });

  it('sends a single label too long for one line to the annex, wrapped there rather than cut', () => {
    const long = {
      code: 'SI-3',
      label: {
        fr: 'Garantir la sécurité des systèmes d’information de santé, la protection des données personnelles et la continuité des services numériques',
        ar: 'ضمان أمن نظم المعلومات الصحية',
      },
    };
    const pages = layoutPages(view({ competencies: [long] }), measure);
    expect(pages).toHaveLength(2);
    expect(
      texts(pages[1])
        .map((item) => item.text)
        .join(' '),
    ).toContain(long.label.fr);
  });

  it('writes dates and workload in both languages, the Arabic with Maghreb month names', () => {
    const lines = texts(layoutCertificate(view(), measure)).map((item) => item.text);
    expect(lines).toEqual(
      expect.arrayContaining(['Délivré le 30 juin 2026', 'تاريخ الإصدار: 30 جوان 2026', 'Volume horaire : 60 h  ·  Crédits : 6']),
    );
  });

  it('prints the verification URL under the QR code', () => {
    const items = layoutCertificate(view(), measure);
    const qr = items.find((item) => item.kind === 'qr')!;
    const url = texts(items).find((item) => item.text === view().verificationUrl)!;
    expect(url.y).toBeLessThan(qr.y);
  });
});
