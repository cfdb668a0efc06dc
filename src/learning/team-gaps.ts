// The team view: staff × competencies with their gaps, training needs per item and per module, and two exports
// (CSV for spreadsheets, an SVG heatmap to read at a glance).
import type { LocalizedText } from '../common/localized-text.js';
import { looksLikeFormula } from '../common/spreadsheet-formula.js';
import type { ModuleNeed, StaffGap, StaffMember, TeamItem } from './gaps.repository.js';

export interface TeamGapReport {
  people: { id: string; name: string; staffNumber: string | null; profileCode: string; gaps: number; essentialGaps: number }[];
  items: {
    itemIdentifier: string;
    itemCode: string | null;
    itemLabel: LocalizedText;
    peopleWithGap: number;
    essentialFor: number;
    totalGap: number;
  }[];
  /** Sparse matrix: [person index, item index, gap in levels]. */
  cells: [number, number, number][];
  modules: ModuleNeed[];
}

export function buildTeamReport(staff: StaffMember[], items: TeamItem[], gaps: StaffGap[], modules: ModuleNeed[]): TeamGapReport {
  const personIndex = new Map(staff.map((member, index) => [member.id, index]));
  const people = staff.map((member) => ({
    id: member.id,
    name: `${member.givenName} ${member.familyName}`,
    staffNumber: member.staffNumber,
    profileCode: member.profileCode,
    gaps: 0,
    essentialGaps: 0,
  }));
  const itemStats = new Map(items.map((item) => [item.itemIdentifier, { ...item, peopleWithGap: 0, essentialFor: 0, totalGap: 0 }]));
  for (const gap of gaps) {
    const person = people[personIndex.get(gap.learnerId)!];
    const item = itemStats.get(gap.itemIdentifier)!;
    const size = gap.requiredLevel - gap.currentLevel;
    person.gaps++;
    item.peopleWithGap++;
    item.totalGap += size;
    if (gap.essential) {
      person.essentialGaps++;
      item.essentialFor++;
    }
  }
  // Items most needed first: that is the order a training plan is read in.
  const orderedItems = [...itemStats.values()].sort(
    (a, b) =>
      b.peopleWithGap - a.peopleWithGap ||
      b.totalGap - a.totalGap ||
      (a.itemCode ?? '').localeCompare(b.itemCode ?? '', 'fr', { numeric: true }),
  );
  const itemIndex = new Map(orderedItems.map((item, index) => [item.itemIdentifier, index]));
  return {
    people,
    items: orderedItems,
    cells: gaps.map((gap) => [personIndex.get(gap.learnerId)!, itemIndex.get(gap.itemIdentifier)!, gap.requiredLevel - gap.currentLevel]),
    modules,
  };
}

/** One row per person, one column per competency (gap in levels, empty when none). Text cells that a spreadsheet
 * would run as formulas (spreadsheet-formula.ts) are prefixed with a quote. */
export function teamReportCsv(report: TeamGapReport, language: 'fr' | 'ar' | 'en' = 'fr'): string {
  // Gap cells are numbers or empty: only the text columns need quoting, which keeps a 2,000 × 5,000 matrix fast.
  const gaps = report.people.map(() => new Array<string>(report.items.length).fill(''));
  for (const [person, item, gap] of report.cells) gaps[person][item] = String(gap);
  const header = [
    'name',
    'staff_number',
    'job_profile',
    'gaps',
    'essential_gaps',
    ...report.items.map((item) => `${item.itemCode ?? ''} ${label(item.itemLabel, language)}`.trim()),
  ].map(csvCell);
  const rows = report.people.map((person, index) =>
    [
      csvCell(person.name),
      csvCell(person.staffNumber ?? ''),
      csvCell(person.profileCode),
      person.gaps,
      person.essentialGaps,
      ...gaps[index],
    ].join(','),
  );
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}

/** A text cell: quote-prefixed when it looks like a formula, quoted when it holds a separator (";" too), a quote or a line break. */
export function csvCell(value: string): string {
  const safe = looksLikeFormula(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const label = (text: LocalizedText, language: 'fr' | 'ar' | 'en'): string => text[language] ?? text.fr ?? text.en ?? text.ar ?? '';

const COLOURS = ['#e8f5e9', '#fff59d', '#ffb74d', '#f4511e', '#b71c1c'];
const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Competencies as rows (most needed first), people as columns, colour = levels missing. Past `maxPeople`
 * columns, people are grouped by job profile and a cell shows the share of the group with a gap, so a
 * 2,000-person hospital still fits on one screen.
 */
export function teamReportSvg(
  report: TeamGapReport,
  options: { title: string; maxItems?: number; maxPeople?: number; language?: 'fr' | 'ar' | 'en' },
): string {
  const language = options.language ?? 'fr';
  const items = report.items.slice(0, options.maxItems ?? 40);
  const grouped = report.people.length > (options.maxPeople ?? 60);
  const columns = grouped
    ? [...new Set(report.people.map((person) => person.profileCode))].map((code) => ({
        label: code,
        members: report.people.flatMap((p, i) => (p.profileCode === code ? [i] : [])),
      }))
    : report.people.map((person, index) => ({ label: person.name, members: [index] }));
  const gapOf = new Map(report.cells.map(([person, item, gap]) => [`${person}:${item}`, gap]));

  const cell = 18,
    left = 320,
    top = 150,
    legendHeight = 60;
  const width = left + columns.length * cell + 40;
  const height = top + items.length * cell + legendHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="22" font-size="16" font-weight="bold">${escapeXml(options.title)}</text>`,
    `<text x="10" y="40" fill="#555">${report.people.length} people, ${report.items.length} competencies${grouped ? ' (grouped by job profile: share of people with a gap)' : ' (levels missing)'}</text>`,
  ];
  columns.forEach((column, c) => {
    const x = left + c * cell + cell / 2;
    parts.push(`<text transform="translate(${x},${top - 6}) rotate(-60)" fill="#333">${escapeXml(clip(column.label, 22))}</text>`);
  });
  items.forEach((item, r) => {
    const y = top + r * cell;
    const name = `${item.itemCode ?? ''} ${label(item.itemLabel, language)}`.trim();
    parts.push(`<text x="${left - 6}" y="${y + cell - 5}" text-anchor="end" fill="#222">${escapeXml(clip(name, 48))}</text>`);
    const itemIndex = report.items.indexOf(item);
    columns.forEach((column, c) => {
      let colour: string;
      let tip: string;
      if (grouped) {
        const withGap = column.members.filter((member) => gapOf.has(`${member}:${itemIndex}`)).length;
        const share = column.members.length ? withGap / column.members.length : 0;
        colour = COLOURS[Math.min(4, Math.ceil(share * 4))];
        tip = `${column.label}: ${withGap}/${column.members.length} with a gap`;
      } else {
        const gap = gapOf.get(`${column.members[0]}:${itemIndex}`) ?? 0;
        colour = COLOURS[Math.min(4, gap)];
        tip = `${column.label}: ${gap ? `${gap} level${gap > 1 ? 's' : ''} missing` : 'no gap'}`;
      }
      parts.push(
        `<rect x="${left + c * cell}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="${colour}"><title>${escapeXml(`${name} — ${tip}`)}</title></rect>`,
      );
    });
  });
  const legendY = top + items.length * cell + 25;
  const legend = grouped ? ['0%', '≤25%', '≤50%', '≤75%', '>75%'] : ['no gap', '1 level', '2 levels', '3 levels', '4+ levels'];
  legend.forEach((text, i) => {
    parts.push(
      `<rect x="${10 + i * 110}" y="${legendY}" width="14" height="14" fill="${COLOURS[i]}" stroke="#999"/>`,
      `<text x="${30 + i * 110}" y="${legendY + 11}">${escapeXml(text)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
