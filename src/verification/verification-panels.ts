// The verification page's panels: what the paper prints (result, workload, every competency), each school's own
// proof, and the signed data itself. HTML fragments; every value from a document is escaped and isolated.
import type { CertificateContent } from '../documents/certificate-view.js';
import type { JsonObject } from '../credentials/vc/issuer.js';
import { escapeHtml, isolated } from './html.js';
import { PANEL_MESSAGES } from './panel-messages.js';
import type { SchoolProof } from './school-proofs.js';
import { VERDICT_MESSAGES } from './verdict-messages.js';
import type { PageLanguage } from './verification-messages.js';

export const localeOf = (language: PageLanguage): string => (language === 'ar' ? 'ar-DZ' : language === 'en' ? 'en-GB' : 'fr-FR');

const number = (value: number, language: PageLanguage): string => new Intl.NumberFormat(localeOf(language)).format(value);

/** French always, Arabic when the paper has it; the English page reads the French. */
export const inLanguage = (label: { fr: string; ar?: string }, language: PageLanguage): string =>
  language === 'ar' && label.ar ? label.ar : label.fr;

/** Rows for the summary list: the result and the workload, as printed. */
export function printedRows(content: CertificateContent, language: PageLanguage): [string, string | undefined][] {
  const p = PANEL_MESSAGES[language];
  return [
    [p.result, content.result && isolated(content.result)],
    [p.hours, content.hours !== undefined ? escapeHtml(p.hoursValue(number(content.hours, language))) : undefined],
    [p.credits, content.credits !== undefined ? escapeHtml(number(content.credits, language)) : undefined],
  ];
}

/** Every competency, never cut: code, title, level. */
export function competenciesTable(content: CertificateContent, language: PageLanguage): string {
  if (!content.competencies.length) return '';
  const p = PANEL_MESSAGES[language];
  const withLevel = content.competencies.some((competency) => competency.level);
  const head = `<tr><th scope="col">${escapeHtml(p.code)}</th><th scope="col">${escapeHtml(p.competency)}</th>${withLevel ? `<th scope="col">${escapeHtml(p.level)}</th>` : ''}</tr>`;
  const rows = content.competencies.map(
    (competency) =>
      `<tr><td class="code">${competency.code ? isolated(competency.code) : ''}</td>` +
      `<td>${isolated(inLanguage(competency.label, language))}</td>${withLevel ? `<td>${competency.level ? isolated(competency.level) : ''}</td>` : ''}</tr>`,
  );
  return `<h3>${escapeHtml(p.competencies(content.competencies.length))}</h3><div class="table"><table data-testid="competencies"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** One row per school whose approval counts: its registered name, its DID, and whether its proof or endorsement verified. */
export function schoolProofsSection(proofs: SchoolProof[], language: PageLanguage): string {
  if (!proofs.length) return '';
  const p = PANEL_MESSAGES[language];
  const v = VERDICT_MESSAGES[language];
  const rows = proofs.map((proof) => {
    const name = proof.name ? (proof.name[language] ?? proof.name.fr ?? proof.name.en) : undefined;
    const part = proof.part === 'issuer' ? p.leadSchool : proof.part === 'awarding_body' ? p.coAccreditingSchool : v.unknownIssuer;
    const reason = proof.verified ? undefined : language === 'en' ? proof.detail : ((proof.code && v.reasons[proof.code]) ?? v.other);
    return (
      `<li data-did="${escapeHtml(proof.did)}"${proof.by ? ` data-by="${proof.by}"` : ''}><span class="${proof.verified ? 'pass' : 'fail'}" aria-hidden="true">${proof.verified ? '✓' : '✗'}</span> ` +
      `<strong>${name ? isolated(name) : escapeHtml(v.unknownIssuer)}</strong> (${escapeHtml(part)}) — ${escapeHtml(proof.by === 'endorsement' ? (proof.verified ? p.endorsementValid : p.endorsementInvalid) : proof.verified ? p.proofValid : p.proofInvalid)}` +
      `${reason ? `<span class="detail">${escapeHtml(reason)}</span>` : ''}<span class="detail did" dir="ltr">${escapeHtml(proof.did)}</span></li>`
    );
  });
  return `<section data-testid="school-proofs"><h2>${escapeHtml(p.proofsTitle)}</h2><ul>${rows.join('')}</ul></section>`;
}

/** The credential as checked, folded; called signed data only when its proofs verified (a revoked one's do). */
export function signedDataPanel(credential: JsonObject, signed: boolean, language: PageLanguage): string {
  const title = signed ? VERDICT_MESSAGES[language].signedDataTitle : PANEL_MESSAGES[language].documentDataTitle;
  return (
    `<section><details data-testid="signed-data"><summary>${escapeHtml(title)}</summary>` +
    `<pre dir="ltr" tabindex="0" aria-label="${escapeHtml(title)}">${escapeHtml(JSON.stringify(credential, null, 2))}</pre></details></section>`
  );
}

export const panelStyle = `
h3{font-size:1rem;margin:14px 0 6px}
.table{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:start;vertical-align:top;padding:5px 6px;border-bottom:1px solid #eef0f3}th{color:#5b6875;font-weight:600}td.code{white-space:nowrap;font-weight:600}
.did{font-family:"DejaVu Sans Mono",monospace;font-size:.75rem}
details summary{cursor:pointer;font-weight:600;padding:4px 0}
details pre{direction:ltr;text-align:left;overflow:auto;max-height:60vh;font-size:.75rem;background:#f4f6f8;border-radius:6px;padding:8px;margin:8px 0 0}
.status.revoked{color:#b3261e}.status.suspended{background:#ffb300;color:#1d2733;padding:0 6px;border-radius:4px}
:focus-visible{outline:3px solid #1f4e79;outline-offset:2px}
`;
