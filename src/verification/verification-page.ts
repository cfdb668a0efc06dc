// Server-rendered verification page: small, no script, readable on a phone, right-to-left in Arabic.
// It shows what the credential itself says (as its paper prints it), plus the verdict of each check.
import type { LocalizedText } from '../common/localized-text.js';
import type { Check } from '../credentials/verification.service.js';
import type { JsonObject } from '../credentials/vc/issuer.js';
import type { Outcome } from '../credentials/vc/verifier.js';
import type { CertificateContent } from '../documents/certificate-view.js';
import { escapeHtml, isolated } from './html.js';
import { PANEL_MESSAGES } from './panel-messages.js';
import type { SchoolProof } from './school-proofs.js';
import { VERDICT_MESSAGES } from './verdict-messages.js';
import { MESSAGES, PAGE_LANGUAGES, type PageLanguage } from './verification-messages.js';
import {
  competenciesTable,
  inLanguage,
  localeOf,
  panelStyle,
  printedRows,
  schoolProofsSection,
  signedDataPanel,
} from './verification-panels.js';

/** A party named from our records (absent for an outside issuer), and what the document calls it when that differs. */
export interface NamedParty {
  did: string;
  name?: LocalizedText;
  claimedName?: string;
}

export interface CredentialSummary {
  holder?: string;
  achievement?: string;
  achievementType?: string;
  issuers: NamedParty[];
  validFrom?: string;
  validUntil?: string;
}

export interface PageModel {
  language: PageLanguage;
  /** The page's own path, for the language links. */
  path: string;
  outcome?: {
    verified: boolean;
    outcome: Outcome;
    externalClaims?: boolean;
    checks: Check[];
    summary: CredentialSummary;
    status: 'active' | 'revoked' | 'suspended' | 'unchecked';
    statusReason?: string | null;
    statusChangedAt?: string | null;
    content?: CertificateContent;
    schoolProofs?: SchoolProof[];
    credential?: JsonObject;
    signedAsShown?: boolean;
  };
  /** A message instead of a verdict (unknown link, unreadable upload). */
  problem?: string;
}

const STYLE = `
body{margin:0;font-family:"DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f4f6f8;color:#1d2733;line-height:1.45}
main{max-width:720px;margin:0 auto;padding:16px}
header{display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap}
h1{font-size:1.25rem;margin:8px 0}h2{font-size:1.1rem;margin:4px 0 10px}
nav a{margin-inline-start:10px;color:#1f4e79}
.verdict{border-radius:10px;padding:16px;margin:16px 0;color:#fff}
.verdict.ok{background:#1b7f3b}.verdict.ko{background:#b3261e}.verdict.wait{background:#8a5300}.verdict.amber{background:#ffb300;color:#1d2733}
.verdict strong{font-size:1.6rem;display:block}
section{background:#fff;border-radius:10px;padding:12px 16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 14px;margin:0}dt{color:#5b6875}dd{margin:0;font-weight:600}
ul{list-style:none;padding:0;margin:0}li{padding:6px 0;border-bottom:1px solid #eef0f3}li:last-child{border:0}
.pass{color:#1b7f3b}.fail{color:#b3261e}.detail{color:#5b6875;font-size:.85rem;display:block;word-break:break-word}
.problem{background:#fff4e5;border:1px solid #f0b35a;border-radius:10px;padding:12px 16px}
form{display:flex;gap:8px;flex-wrap:wrap;align-items:center}button{background:#1f4e79;color:#fff;border:0;border-radius:6px;padding:8px 16px;font-size:1rem}
${panelStyle}`;

export function renderVerificationPage(model: PageModel): string {
  const t = MESSAGES[model.language];
  const rtl = model.language === 'ar';
  const parts: string[] = [];
  parts.push(
    `<!doctype html><html lang="${model.language}" dir="${rtl ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(t.title)}</title><style>${STYLE}</style></head><body><main>`,
    `<header><h1>${escapeHtml(t.title)}</h1><nav>${PAGE_LANGUAGES.map((lang) => `<a href="${escapeHtml(model.path)}?lang=${lang}" hreflang="${lang}">${lang.toUpperCase()}</a>`).join('')}</nav></header>`,
  );

  if (model.problem) parts.push(`<div class="problem" role="alert" data-testid="problem">${escapeHtml(model.problem)}</div>`);
  const outcome = model.outcome;
  if (outcome) {
    const v = VERDICT_MESSAGES[model.language];
    // Revoked and suspended have their own words: the signature is genuine, the credential is not valid.
    const [css, headline, explanation] = outcome.verified
      ? ['ok', `✓ ${t.verified}`, t.verifiedExplanation]
      : outcome.outcome === 'indeterminate'
        ? ['wait', `… ${v.indeterminate}`, v.indeterminateExplanation]
        : outcome.status === 'revoked'
          ? ['ko', `✗ ${v.revoked}`, v.revokedExplanation]
          : outcome.status === 'suspended'
            ? ['amber', `‖ ${v.suspended}`, v.suspendedExplanation]
            : ['ko', `✗ ${t.notVerified}`, t.notVerifiedExplanation];
    parts.push(
      `<div class="verdict ${css}" role="status" data-testid="verdict" data-outcome="${outcome.outcome}"><strong>${escapeHtml(headline)}</strong>${escapeHtml(explanation)}</div>`,
    );
    if (outcome.externalClaims) parts.push(`<div class="problem" data-testid="external-claims">${escapeHtml(v.externalClaims)}</div>`);
    const summary = outcome.summary;
    const issuers = summary.issuers.map((party) => {
      const name = party.name
        ? (party.name[model.language] ?? party.name.fr ?? party.name.en ?? party.did)
        : `${party.did} (${v.unknownIssuer})`;
      return `${isolated(name)}${party.claimedName ? ` <span class="detail">${escapeHtml(v.namedInDocument(party.claimedName))}</span>` : ''}`;
    });
    const p = PANEL_MESSAGES[model.language];
    const content = outcome.content;
    const title = content ? inLanguage(content.achievementTitle, model.language) : summary.achievement;
    const changedOn = outcome.status === 'revoked' ? p.revokedOn : p.suspendedSince;
    const rows: [string, string | undefined][] = [
      [t.holder, summary.holder && isolated(summary.holder)],
      [t.achievement, title && isolated(title)],
      [t.kind, summary.achievementType && isolated(v.kinds[summary.achievementType] ?? summary.achievementType)],
      [t.issuers, issuers.join(' · ') || undefined],
      [t.issuedOn, escapeOptional(formatDate(summary.validFrom, model.language))],
      [t.validUntil, escapeOptional(formatDate(summary.validUntil, model.language))],
      ...(content ? printedRows(content, model.language) : []),
      [
        t.status,
        `<span class="status ${outcome.status}" data-testid="status">${escapeHtml(statusText(outcome.status, model.language))}</span>`,
      ],
      [
        changedOn,
        outcome.status === 'revoked' || outcome.status === 'suspended'
          ? escapeOptional(formatDate(outcome.statusChangedAt ?? undefined, model.language))
          : undefined,
      ],
      [t.reason, outcome.status !== 'active' && outcome.statusReason ? isolated(outcome.statusReason) : undefined],
    ];
    // What a document says is a claim until every check passed: the heading says which it is, for the list of
    // competencies as well.
    parts.push(
      `<section data-testid="summary"><h2>${escapeHtml(outcome.verified ? v.statedTitle : v.claimedTitle)}</h2><dl>${rows
        .filter(([, value]) => value)
        .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${value}</dd>`)
        .join('')}</dl>`,
      `${content ? competenciesTable(content, model.language) : ''}</section>`,
    );
    parts.push(schoolProofsSection(outcome.schoolProofs ?? [], model.language));
    parts.push(
      `<section><h2>${escapeHtml(t.checksTitle)}</h2><ul>${outcome.checks
        .map((check) => {
          const reason = check.passed
            ? undefined
            : model.language === 'en'
              ? (check.detail ?? (check.code && v.reasons[check.code]))
              : ((check.code && v.reasons[check.code]) ?? v.other);
          const state = check.passed ? t.passed : check.unavailable ? v.indeterminate : t.failed;
          return `<li><span class="${check.passed ? 'pass' : 'fail'}">${check.passed ? '✓' : check.unavailable ? '…' : '✗'}</span> ${escapeHtml(t.checks[check.check])} — ${escapeHtml(state)}${reason ? `<span class="detail">${escapeHtml(reason)}</span>` : ''}</li>`;
        })
        .join('')}</ul></section>`,
    );
    if (outcome.credential) parts.push(signedDataPanel(outcome.credential, outcome.signedAsShown === true, model.language));
  }
  parts.push(
    `<section><h2>${escapeHtml(t.uploadTitle)}</h2><p><label for="verify-file">${escapeHtml(t.uploadHint)}</label></p>`,
    `<form method="post" action="/verify?lang=${model.language}" enctype="multipart/form-data"><input type="file" id="verify-file" name="file" accept="application/pdf,application/json,.json,.pdf" required><button type="submit">${escapeHtml(t.uploadButton)}</button></form></section>`,
    `</main></body></html>`,
  );
  return parts.join('');
}

function statusText(status: NonNullable<PageModel['outcome']>['status'], language: PageLanguage): string {
  const t = MESSAGES[language];
  return status === 'revoked'
    ? t.statusRevoked
    : status === 'suspended'
      ? t.statusSuspended
      : status === 'unchecked'
        ? PANEL_MESSAGES[language].statusUnchecked
        : t.statusActive;
}

const escapeOptional = (text: string | undefined): string | undefined => (text === undefined ? undefined : escapeHtml(text));

function formatDate(iso: string | undefined, language: PageLanguage): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}
