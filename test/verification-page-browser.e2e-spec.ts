// The verification page in a real browser (Debian's chromium through playwright-core), for a verified, a revoked, a
// suspended and a tampered credential: no English on the French and Arabic pages, no serious or critical axe
// violation in any language, every control reachable by keyboard; screenshots in test/output for a person to look at.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { PANEL_MESSAGES } from '../src/verification/panel-messages.js';
import { VERDICT_MESSAGES } from '../src/verification/verdict-messages.js';
import { MESSAGES, type PageLanguage } from '../src/verification/verification-messages.js';
import { seriousViolations } from './support/axe.js';
import { issueEveryKind } from './support/every-credential-kind.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Json = Record<string, any>;
const CHROMIUM = '/usr/bin/chromium';
const CASES = ['verified', 'revoked', 'suspended', 'tampered'] as const;
type Case = (typeof CASES)[number];

/** Every string of a catalogue by its key path; a function's fixed parts, by calling it with a marker. */
function stringsOf(catalogue: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof catalogue === 'string') found.set(path, catalogue);
  else if (typeof catalogue === 'function')
    (catalogue as (marker: string) => string)('\u0000')
      .split('\u0000')
      .forEach((part, index) => found.set(`${path}#${index}`, part.trim()));
  else if (catalogue && typeof catalogue === 'object')
    for (const [key, value] of Object.entries(catalogue)) for (const [k, v] of stringsOf(value, `${path}.${key}`)) found.set(k, v);
  return found;
}
const catalogue = (language: PageLanguage) =>
  stringsOf({ page: MESSAGES[language], verdict: VERDICT_MESSAGES[language], panels: PANEL_MESSAGES[language] });

/** The English strings a page in `language` must not show: those it words otherwise ("Code" is French too). */
function englishFor(language: PageLanguage): string[] {
  const own = catalogue(language);
  return [...catalogue('en')].filter(([key, text]) => text.length > 2 && own.get(key) !== text).map(([, text]) => text);
}
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const appears = (text: string, visible: string) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(text)}($|[^\\p{L}])`, 'u').test(visible);

/** In the page (no DOM types here): the focused element's tag, with a link's language. */
const FOCUSED = `(() => { const e = document.activeElement; return e.tagName.toLowerCase() + (e.getAttribute('hreflang') ? ':' + e.getAttribute('hreflang') : ''); })()`;

const describeInBrowser = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) console.warn(`Browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it).`);

describeInBrowser('the verification page in a browser: its own language only, accessible, keyboard reachable', () => {
  let ctx: TestApp;
  let browser: Browser;
  let launch: () => Promise<Browser>;
  let base: string;
  let credentials: Record<Case, Json>;
  /** What the API says of each case: its English problem messages must not reach the French or Arabic page either. */
  const englishDetails: string[] = [];

  beforeAll(async () => {
    ctx = await startTestApp({ VERIFY_RATE_LIMIT: '0', VC_API_ISSUANCE: 'true' });
    const issued = Object.fromEntries((await issueEveryKind(ctx)).map(({ name, credential }) => [name, credential]));
    const active = issued['active certificate'];
    credentials = {
      verified: active,
      revoked: issued['revoked certificate'],
      suspended: issued['suspended certificate'],
      tampered: {
        ...active,
        credentialSubject: { ...active.credentialSubject, result: [{ ...active.credentialSubject.result[0], value: '19/20' }] },
      },
    };
    for (const credential of Object.values(credentials)) {
      const answer = await ctx.http.post('/verifications').attach('file', Buffer.from(JSON.stringify(credential)), 'credential.json');
      englishDetails.push(
        ...(answer.body.checks as Json[]).filter((check) => !check.passed && check.detail).map((check) => check.detail),
        ...(answer.body.errors as Json[]).map((error) => error.message),
      );
    }
    expect(englishDetails.length).toBeGreaterThan(3);
    const server = ctx.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { chromium } = await import('playwright-core');
    launch = () =>
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => ctx?.app.getHttpServer().close(resolve));
    await ctx?.close();
  });

  /** The page of one case: by its link, or (tampered) uploaded through the page's own form. */
  async function open(which: Case, language: PageLanguage): Promise<Page> {
    // On a loaded machine Chromium has been seen to go away between tests: a new one, rather than three red tests.
    if (!browser.isConnected()) browser = await launch();
    // A context of its own per page: axe needs the page's context to open its frames.
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: language === 'ar' ? 'ar-DZ' : `${language}-FR`,
    });
    const page = await context.newPage();
    page.on('close', () => void context.close());
    if (which === 'tampered') {
      await page.goto(`${base}/verify?lang=${language}`);
      await page.setInputFiles('input[type=file]', {
        name: 'credential.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(credentials.tampered)),
      });
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=verdict]');
    } else {
      await page.goto(`${base}/verify/${String(credentials[which].id).replace(/^urn:uuid:/, '')}?lang=${language}`);
    }
    return page;
  }

  it('the French and Arabic pages show no English, for a verified, a revoked, a suspended and a tampered credential', async () => {
    const leaks: string[] = [];
    for (const language of ['fr', 'ar'] as const) {
      const english = [...englishFor(language), ...englishDetails];
      for (const which of CASES) {
        const page = await open(which, language);
        const visible = await page.locator('body').innerText();
        expect(visible).toContain(language === 'fr' ? 'Contrôles effectués' : 'عمليات التحقق');
        leaks.push(...english.filter((text) => appears(text, visible)).map((text) => `${language} ${which}: ${text}`));
        await page.screenshot({ path: `test/output/verify-page-${which}-${language}.png`, fullPage: true });
        await page.close();
      }
    }
    expect(leaks).toEqual([]);
  }, 120_000);

  it('the axe scan itself finds what it must (an image without text, a button without a name)', async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<html lang="fr"><head><title>t</title></head><body><main><img src="x.png"><button></button></main></body></html>',
    );
    expect((await seriousViolations(page, 'probe')).map((line) => line.split(' ')[1]).sort()).toEqual(['button-name', 'image-alt']);
    await page.close();
  });

  it('has no serious or critical accessibility violation (axe), in French, Arabic and English', async () => {
    const violations: string[] = [];
    for (const language of ['fr', 'ar', 'en'] as const) {
      for (const which of CASES) {
        const page = await open(which, language);
        await page.locator('details summary').click(); // the signed data open too
        violations.push(...(await seriousViolations(page, `${language} ${which}`)));
        await page.close();
      }
    }
    expect(violations).toEqual([]);
  }, 240_000); // twelve scans, a few seconds each on a shared machine

  it('every control is reachable with the keyboard, and the signed data opens with Enter', async () => {
    const page = await open('verified', 'ar');
    const reached: string[] = [];
    for (let step = 0; step < 10; step++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(FOCUSED));
    }
    expect(reached.slice(0, 6)).toEqual(['a:fr', 'a:ar', 'a:en', 'summary', 'input', 'button']);
    await page.focus('details summary');
    await page.keyboard.press('Enter');
    expect(await page.locator('details').getAttribute('open')).toBe('');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(FOCUSED)).toBe('pre');
    await page.screenshot({ path: 'test/output/verify-page-signed-data-ar.png', fullPage: true });
    await page.close();
  });
});
