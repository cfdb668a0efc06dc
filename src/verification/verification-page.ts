// Server-rendered verification page: small, no script, readable on a phone, right-to-left in Arabic.
// It shows what the credential itself says, plus the verdict of each check.
import type { Check } from '../credentials/verification.service.js';
import { MESSAGES, PAGE_LANGUAGES, type PageLanguage } from './verification-messages.js';

export interface CredentialSummary {
  holder?: string;
  achievement?: string;
  achievementType?: string;
  issuers: string[];
  validFrom?: string;
  validUntil?: string;
}

export interface PageModel {
  language: PageLanguage;
  /** The page's own path, for the language links. */
  path: string;
  outcome?: {
    verified: boolean;
    checks: Check[];
    summary: CredentialSummary;
    status: 'active' | 'revoked' | 'suspended';
    statusReason?: string | null;
  };
  /** A message instead of a verdict (unknown link, unreadable upload). */
  problem?: string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body{margin:0;font-family:"DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f4f6f8;color:#1d2733;line-height:1.45}
main{max-width:720px;margin:0 auto;padding:16px}
header{display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap}
h1{font-size:1.25rem;margin:8px 0}
nav a{margin-inline-start:10px;color:#1f4e79}
.verdict{border-radius:10px;padding:16px;margin:16px 0;color:#fff}
.verdict.ok{background:#1b7f3b}.verdict.ko{background:#b3261e}
.verdict strong{font-size:1.6rem;display:block}
section{background:#fff;border-radius:10px;padding:12px 16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 14px;margin:0}dt{color:#5b6875}dd{margin:0;font-weight:600}
ul{list-style:none;padding:0;margin:0}li{padding:6px 0;border-bottom:1px solid #eef0f3}li:last-child{border:0}
.pass{color:#1b7f3b}.fail{color:#b3261e}.detail{color:#5b6875;font-size:.85rem;display:block;word-break:break-word}
.problem{background:#fff4e5;border:1px solid #f0b35a;border-radius:10px;padding:12px 16px}
form{display:flex;gap:8px;flex-wrap:wrap;align-items:center}button{background:#1f4e79;color:#fff;border:0;border-radius:6px;padding:8px 16px;font-size:1rem}
`;

export function renderVerificationPage(model: PageModel): string {
  const t = MESSAGES[model.language];
  const rtl = model.language === 'ar';
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="${model.language}" dir="${rtl ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(t.title)}</title><style>${STYLE}</style></head><body><main>`,
    `<header><h1>${escapeHtml(t.title)}</h1><nav>${PAGE_LANGUAGES.map((lang) => `<a href="${escapeHtml(model.path)}?lang=${lang}" hreflang="${lang}">${lang.toUpperCase()}</a>`).join('')}</nav></header>`);

  if (model.problem) parts.push(`<div class="problem" role="alert" data-testid="problem">${escapeHtml(model.problem)}</div>`);
  const outcome = model.outcome;
  if (outcome) {
    parts.push(`<div class="verdict ${outcome.verified ? 'ok' : 'ko'}" role="status" data-testid="verdict"><strong>${escapeHtml(outcome.verified ? `✓ ${t.verified}` : `✗ ${t.notVerified}`)}</strong>${escapeHtml(outcome.verified ? t.verifiedExplanation : t.notVerifiedExplanation)}</div>`);
    const summary = outcome.summary;
    const rows: [string, string | undefined][] = [
      [t.holder, summary.holder],
      [t.achievement, summary.achievement],
      [t.kind, summary.achievementType],
      [t.issuers, summary.issuers.join(' · ') || undefined],
      [t.issuedOn, formatDate(summary.validFrom, model.language)],
      [t.validUntil, formatDate(summary.validUntil, model.language)],
      [t.status, outcome.status === 'revoked' ? t.statusRevoked : outcome.status === 'suspended' ? t.statusSuspended : t.statusActive],
      [t.reason, outcome.status !== 'active' ? outcome.statusReason ?? undefined : undefined],
    ];
    parts.push(`<section><dl>${rows.filter(([, value]) => value).map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value!)}</dd>`).join('')}</dl></section>`);
    parts.push(`<section><h2>${escapeHtml(t.checksTitle)}</h2><ul>${outcome.checks.map((check) =>
      `<li><span class="${check.passed ? 'pass' : 'fail'}">${check.passed ? '✓' : '✗'}</span> ${escapeHtml(t.checks[check.check])} — ${escapeHtml(check.passed ? t.passed : t.failed)}${check.detail ? `<span class="detail">${escapeHtml(check.detail)}</span>` : ''}</li>`).join('')}</ul></section>`);
  }
  parts.push(`<section><h2>${escapeHtml(t.uploadTitle)}</h2><p>${escapeHtml(t.uploadHint)}</p>`,
    `<form method="post" action="/verify?lang=${model.language}" enctype="multipart/form-data"><input type="file" name="file" accept="application/pdf,application/json,.json,.pdf" required><button type="submit">${escapeHtml(t.uploadButton)}</button></form></section>`,
    `</main></body></html>`);
  return parts.join('');
}

function formatDate(iso: string | undefined, language: PageLanguage): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = language === 'ar' ? 'ar-DZ' : language === 'en' ? 'en-GB' : 'fr-FR';
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}
