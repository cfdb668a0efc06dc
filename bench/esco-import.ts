// Benchmark of the ESCO import at full ESCO size: generates a synthetic release (3,000 occupations, 14,000 skills,
// ~640 skill groups, 130,000 relations, English and French, ESCO 1.2 column layout with multi-line altLabels), then
// uploads it over HTTP to a started app on the embedded database and, when DATABASE_URL is set, on PostgreSQL.
// Each run is a child process, so its peak memory is its own.  npm run build && node dist/bench/esco-import.js
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, openAsBlob, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createThrowAwayDatabase } from '../src/database/throw-away-database.js';

const OCCUPATIONS = 3000;
const SKILLS = 14000;
const RELATIONS = 130000;
const LANGS = ['en', 'fr'] as const;

interface RunResult {
  target: string;
  status: number;
  wallMs: number;
  serverMs: number;
  rows: number;
  rssBeforeMb: number;
  peakRssMb: number;
  body: Record<string, unknown>;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'esco-bench-'));
  try {
    const started = performance.now();
    await generate(dir);
    const bytes = ['occupations', 'skills', 'skillsHierarchy', 'ISCOGroups']
      .flatMap((kind) => LANGS.map((lang) => `${kind}_${lang}.csv`))
      .concat('occupationSkillRelations.csv', 'broaderRelationsSkillPillar.csv')
      .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
    console.log(
      `Generated ${OCCUPATIONS} occupations, ${SKILLS} skills, ${RELATIONS} relations (en + fr): ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const targets: [string, string][] = [['PGlite (embedded)', '']];
    if (process.env.DATABASE_URL) targets.push(['PostgreSQL', process.env.DATABASE_URL]);
    for (const [name, url] of targets) {
      const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--run', dir, name, url], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 24,
      });
      const lines = output.trim().split('\n');
      if (lines.length > 1) console.log(lines.slice(0, -1).join('\n'));
      report(JSON.parse(lines[lines.length - 1]) as RunResult);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(result: RunResult): void {
  if (result.status !== 201) {
    console.log(`${result.target}: HTTP ${result.status} ${JSON.stringify(result.body).slice(0, 600)}`);
    process.exitCode = 1;
    return;
  }
  const b = result.body;
  console.log(`\n${result.target}`);
  console.log(
    `  imported   ${b.items} items (${b.skills} skills, ${b.skillGroups} groups), ${b.occupations} profiles, ${b.relations} requirements; ${b.skippedRelations} relations skipped`,
  );
  console.log(`  duration   ${(result.wallMs / 1000).toFixed(1)} s over HTTP (server ${(result.serverMs / 1000).toFixed(1)} s)`);
  console.log(
    `  throughput ${Math.round(result.rows / (result.wallMs / 1000)).toLocaleString('en')} rows/s (${result.rows.toLocaleString('en')} rows written)`,
  );
  console.log(
    `  peak RSS   ${result.peakRssMb.toFixed(0)} MB, ${result.rssBeforeMb.toFixed(0)} MB before the upload (one process: app, ${result.target.startsWith('PGlite') ? 'embedded database' : 'database client'}, HTTP client)`,
  );
}

/** One import in this process: a fresh database, the app on a free port, an admin, a school, one upload. */
async function runOne(dir: string, target: string, url: string): Promise<void> {
  const { createApp } = await import('../src/app.js');
  const { AuthService } = await import('../src/auth/auth.service.js');
  const { loadConfig } = await import('../src/config/app-config.js');
  const { openDatabase } = await import('../src/database/database.js');
  const fresh = url ? await freshPostgresDatabase(url) : undefined;
  const config = loadConfig({
    JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256',
    DEMO_DATA: 'false',
    ADMIN_PASSWORD: 'bench-admin-password',
    PORT: '0',
  });
  const database = await openDatabase({ url: fresh?.url, pgliteDir: 'memory://' });
  const app = await createApp(config, { database, logger: ['error'] });
  try {
    await app.get(AuthService).ensureFirstAdmin();
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const call = async (path: string, body: unknown, token?: string) =>
      (
        await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        })
      ).json() as Promise<Record<string, string>>;
    const { accessToken } = await call('/auth/login', { email: config.admin.email, password: config.admin.password });
    const school = await call(
      '/institutions',
      { slug: 'bench-school', kind: 'school', name: { fr: 'École de benchmark' }, country: 'DZ' },
      accessToken,
    );

    const form = new FormData();
    form.set('ownerInstitutionId', school.id);
    form.set('version', '1.2.0');
    for (const lang of LANGS) {
      for (const [field, name] of [
        ['occupations', 'occupations'],
        ['skills', 'skills'],
        ['skillsHierarchy', 'skillsHierarchy'],
        ['iscoGroups', 'ISCOGroups'],
      ]) {
        form.set(`${field}_${lang}`, await openAsBlob(join(dir, `${name}_${lang}.csv`)), `${name}_${lang}.csv`);
      }
    }
    form.set('occupationSkillRelations', await openAsBlob(join(dir, 'occupationSkillRelations.csv')), 'occupationSkillRelations.csv');
    form.set(
      'broaderRelationsSkillPillar',
      await openAsBlob(join(dir, 'broaderRelationsSkillPillar.csv')),
      'broaderRelationsSkillPillar.csv',
    );

    const rssBeforeMb = process.memoryUsage().rss / 1e6;
    let peakRssMb = rssBeforeMb;
    const sampler = setInterval(() => {
      peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 1e6);
    }, 20);
    const started = performance.now();
    const response = await fetch(`${base}/framework-imports/esco`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: form,
    });
    const body = (await response.json()) as Record<string, number>;
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    const rows = (body.items ?? 0) + (body.occupations ?? 0) + (body.relations ?? 0);
    const result: RunResult = {
      target,
      status: response.status,
      wallMs,
      serverMs: body.durationMs ?? 0,
      rows,
      rssBeforeMb,
      peakRssMb: Math.max(peakRssMb, process.resourceUsage().maxRSS / 1024),
      body,
    };
    console.log(JSON.stringify(result));
  } finally {
    await app.close();
    await fresh?.drop();
  }
}

/** A throw-away database on the server, so the benchmark leaves nothing behind; the given one if it may not create any. */
async function freshPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  return createThrowAwayDatabase(serverUrl, 'bench_esco').catch((error: Error) => {
    console.error(`${error.message} Importing into ${serverUrl} itself.`);
    return { url: serverUrl, drop: async () => {} };
  });
}

// ---- Synthetic ESCO release -------------------------------------------------------------------------------------

/** mulberry32: the same synthetic release on every run. */
let seed = 20260101;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
const WORDS = {
  en: [
    'manage',
    'assess',
    'patient',
    'medicine',
    'supply',
    'quality',
    'hospital',
    'care',
    'records',
    'safety',
    'budget',
    'team',
    'procedures',
    'emergency',
    'data',
    'clinical',
  ],
  fr: [
    'gérer',
    'évaluer',
    'patient',
    'médicament',
    'approvisionnement',
    'qualité',
    'hôpital',
    'soins',
    'dossiers',
    'sécurité',
    'budget',
    'équipe',
    'procédures',
    'urgence',
    'données',
    'clinique',
  ],
};
const phrase = (lang: 'en' | 'fr', words: number) => Array.from({ length: words }, () => pick(WORDS[lang])).join(' ');
const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

async function writeCsv(path: string, header: string[], rows: Iterable<string[]>): Promise<void> {
  const out = createWriteStream(path);
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write(`${header.join(',')}\n`);
  for (const row of rows) await write(`${row.map(quote).join(',')}\n`);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function generate(dir: string): Promise<void> {
  const esco = (kind: string) => `http://data.europa.eu/esco/${kind}/${uuid()}`;
  // Skill groups: 4 pillars, 40 level-1, 200 level-2, 400 level-3 (ESCO 1.2 has 640).
  const levels: { uri: string; code: string; parent?: number }[][] = [['S', 'K', 'T', 'L'].map((code) => ({ uri: esco('skill'), code }))];
  for (const [count, depth] of [
    [40, 1],
    [200, 2],
    [400, 3],
  ] as const) {
    levels.push(
      Array.from({ length: count }, (_, i) => {
        const parent = i % levels[depth - 1].length;
        return { uri: esco('skill'), code: `${levels[depth - 1][parent].code}${depth === 1 ? '' : '.'}${i + 1}`, parent };
      }),
    );
  }
  const skills = Array.from({ length: SKILLS }, () => ({
    uri: esco('skill'),
    type: random() < 0.35 ? 'knowledge' : 'skill/competence',
    group: pick(levels[3]),
  }));
  const iscoCodes = Array.from({ length: 436 }, (_, i) => String(1000 + i * 20 + Math.floor(random() * 10)));
  const occupations = Array.from({ length: OCCUPATIONS }, (_, i) => ({
    uri: esco('occupation'),
    isco: iscoCodes[i % iscoCodes.length],
    code: `${iscoCodes[i % iscoCodes.length]}.${Math.floor(i / iscoCodes.length) + 1}`,
  }));

  for (const lang of LANGS) {
    await writeCsv(
      join(dir, `skillsHierarchy_${lang}.csv`),
      [0, 1, 2, 3]
        .flatMap((l) => [`Level ${l} URI`, `Level ${l} preferred term`])
        .concat('Description', 'Scope note', 'Level 0 code', 'Level 1 code', 'Level 2 code', 'Level 3 code'),
      (function* () {
        for (let depth = 0; depth < 4; depth++) {
          for (const group of levels[depth]) {
            const path = [group];
            for (let d = depth; d > 0; d--) path.unshift(levels[d - 1][path[0].parent!]);
            const cells = [0, 1, 2, 3].flatMap((l) => (path[l] ? [path[l].uri, phrase(lang, 3)] : ['', '']));
            yield [
              ...cells,
              phrase(lang, 20),
              depth === 3 ? `Excludes:\n- ${phrase(lang, 4)}` : '',
              ...[0, 1, 2, 3].map((l) => path[l]?.code ?? ''),
            ];
          }
        }
      })(),
    );
    await writeCsv(
      join(dir, `skills_${lang}.csv`),
      [
        'conceptType',
        'conceptUri',
        'skillType',
        'reuseLevel',
        'preferredLabel',
        'altLabels',
        'hiddenLabels',
        'status',
        'modifiedDate',
        'scopeNote',
        'definition',
        'inScheme',
        'description',
      ],
      skills.map((skill) => [
        'KnowledgeSkillCompetence',
        skill.uri,
        skill.type,
        pick(['transversal', 'cross-sector', 'sector-specific', 'occupation-specific']),
        phrase(lang, 4),
        Array.from({ length: 2 + Math.floor(random() * 4) }, () => phrase(lang, 4)).join('\n'),
        '',
        'released',
        '2024-01-24T15:38:45.842Z',
        '',
        '',
        'http://data.europa.eu/esco/concept-scheme/skills,\nhttp://data.europa.eu/esco/concept-scheme/member-skills',
        phrase(lang, 30),
      ]),
    );
    await writeCsv(
      join(dir, `occupations_${lang}.csv`),
      [
        'conceptType',
        'conceptUri',
        'iscoGroup',
        'preferredLabel',
        'altLabels',
        'hiddenLabels',
        'status',
        'modifiedDate',
        'regulatedProfessionNote',
        'scopeNote',
        'definition',
        'inScheme',
        'description',
        'code',
      ],
      occupations.map((o) => [
        'Occupation',
        o.uri,
        o.isco,
        phrase(lang, 3),
        Array.from({ length: 3 + Math.floor(random() * 6) }, () => phrase(lang, 3)).join('\n'),
        '',
        'released',
        '2024-01-24T15:38:45.842Z',
        'http://data.europa.eu/esco/regulated-professions/unregulated',
        '',
        '',
        'http://data.europa.eu/esco/concept-scheme/occupations',
        phrase(lang, 60),
        o.code,
      ]),
    );
    await writeCsv(
      join(dir, `ISCOGroups_${lang}.csv`),
      ['conceptType', 'conceptUri', 'code', 'preferredLabel', 'status', 'altLabels', 'inScheme', 'description'],
      iscoCodes.map((code) => [
        'ISCOGroup',
        `http://data.europa.eu/esco/isco/C${code}`,
        code,
        phrase(lang, 3),
        'released',
        '',
        'http://data.europa.eu/esco/concept-scheme/isco',
        phrase(lang, 40),
      ]),
    );
  }
  await writeCsv(
    join(dir, 'broaderRelationsSkillPillar.csv'),
    ['conceptType', 'conceptUri', 'broaderType', 'broaderUri'],
    (function* () {
      for (let depth = 1; depth < 4; depth++)
        for (const group of levels[depth]) yield ['SkillGroup', group.uri, 'SkillGroup', levels[depth - 1][group.parent!].uri];
      for (const skill of skills) {
        yield ['KnowledgeSkillCompetence', skill.uri, 'SkillGroup', skill.group.uri];
        if (random() < 0.2) yield ['KnowledgeSkillCompetence', skill.uri, 'SkillGroup', pick(levels[3]).uri];
      }
    })(),
  );
  await writeCsv(
    join(dir, 'occupationSkillRelations.csv'),
    ['occupationUri', 'relationType', 'skillType', 'skillUri'],
    (function* () {
      for (const [i, occupation] of occupations.entries()) {
        const count = Math.floor(((i + 1) * RELATIONS) / OCCUPATIONS) - Math.floor((i * RELATIONS) / OCCUPATIONS);
        const chosen = new Set<number>();
        while (chosen.size < count) chosen.add(Math.floor(random() * SKILLS));
        for (const index of chosen)
          yield [occupation.uri, random() < 0.52 ? 'essential' : 'optional', skills[index].type, skills[index].uri];
      }
    })(),
  );
}

// Last, so every constant above is initialised before it runs.
if (process.argv[2] === '--run') await runOne(process.argv[3], process.argv[4], process.argv[5]);
else await main();
