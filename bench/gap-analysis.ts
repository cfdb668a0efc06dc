// Benchmark of gap analysis at ESCO scale: a published framework of 14,000 items (4-level scale), 3,000 published job
// profiles (~40 requirements each), 500 training modules (5–15 learning outcomes each), 20,000 learners over 10
// employers (one hospital of 2,000 staff) with 30 evidence rows each (600,000), generated with set-based SQL. Then,
// through the real services of a started app: single-learner gap analysis with recommendations (GapsService and
// GET /learners/:id/gaps over HTTP) and the team view of the 2,000-staff hospital with its CSV and SVG renderings.
// Targets: single learner p95 < 50 ms; team view of 2,000 staff < 2 s. On a missed target (or BENCH_EXPLAIN=1) the
// slowest query is shown with EXPLAIN ANALYZE. Runs on the embedded database and, when DATABASE_URL is set, on a
// throw-away database created on that server (dropped at the end, kept with BENCH_KEEP=1 to study the queries on
// it); each run is a child process.
// npm run build && node dist/bench/gap-analysis.js                (BENCH_EXPLAIN=1: every team query's plan too)
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import type { Actor } from '../src/auth/roles.js';
import { createThrowAwayDatabase } from '../src/database/throw-away-database.js';

const ITEMS = 14_000;
const PROFILES = 3_000;
/** Requirements per profile: uniform in [MIN, MAX], 40 on average. */
const REQUIREMENTS_MIN = 20;
const REQUIREMENTS_MAX = 60;
const ESSENTIAL_SHARE = 0.7;
const MODULES = 500;
const LEARNERS = 20_000;
const HOSPITAL_STAFF = 2_000;
const OTHER_EMPLOYERS = 9;
/** A hospital employs a subset of the occupations (a French CHU has ~150–200 métiers), not all 3,000. */
const HOSPITAL_PROFILES = 150;
const TARGET_SHARE = 0.2;
const EVIDENCE_PER_LEARNER = 30;
const EVIDENCE_ON_PROFILE = 20;

const SINGLE_RUNS = 500;
const SINGLE_WARM_UP = 50;
const HTTP_RUNS = 200;
const HTTP_WARM_UP = 20;
const TEAM_RUNS = 10;
const RENDER_RUNS = 3;
const SINGLE_P95_TARGET_MS = 50;
const TEAM_TARGET_MS = 2_000;

interface Stats {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
interface Recorded {
  sql: string;
  params: unknown[];
  ms: number;
}

// ---- Parent: one child process per database ----------------------------------------------------------------------

function main(): void {
  console.log(`gap-analysis: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
  const targets: [string, string][] = [['PGlite (embedded)', '']];
  if (process.env.DATABASE_URL) targets.push(['PostgreSQL', process.env.DATABASE_URL]);
  for (const [name, url] of targets) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--run', name, url], { stdio: 'inherit', env: process.env });
    if (child.status !== 0) {
      console.log(`${name}: the run failed (${child.signal ? `signal ${child.signal}` : `exit ${child.status}`})`);
      process.exitCode = 1;
    }
  }
}

// ---- Child: one run on one database -------------------------------------------------------------------------------

async function runOne(target: string, serverUrl: string): Promise<void> {
  const { createApp } = await import('../src/app.js');
  const { AuthService } = await import('../src/auth/auth.service.js');
  const { loadConfig } = await import('../src/config/app-config.js');
  const { openDatabase } = await import('../src/database/database.js');
  const { GapsService } = await import('../src/learning/gaps.service.js');
  const { GapsRepository } = await import('../src/learning/gaps.repository.js');
  const { LearningRepository } = await import('../src/learning/learning.repository.js');
  const { analyseGaps, recommendModules } = await import('../src/learning/gap-analysis.js');
  const { teamReportCsv, teamReportSvg } = await import('../src/learning/team-gaps.js');

  console.log(`\n==== ${target} ====`);
  const fresh = serverUrl ? await freshPostgresDatabase(serverUrl) : undefined;
  try {
    const config = loadConfig({
      JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256',
      DEMO_DATA: 'false',
      ADMIN_PASSWORD: 'bench-admin-password',
      PORT: '0',
      JOB_WORKERS: 'false',
    });
    const database = await openDatabase({ url: fresh?.url, pgliteDir: 'memory://' });
    const app = await createApp(config, { database, logger: ['error'] });
    try {
      const dataSource = database.dataSource;
      const [{ version }] = (await dataSource.query(`SELECT version()`)) as { version: string }[];
      console.log(`server: ${version.split(',')[0]}`);
      await app.get(AuthService).ensureFirstAdmin();
      const ids = await generate(dataSource);
      const [{ id: adminId }] = (await dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [config.admin.email])) as {
        id: string;
      }[];
      const actor: Actor = { userId: adminId, role: 'admin', institutionId: null };

      const gaps = app.get(GapsService);
      const load = () =>
        loadavg()
          .map((value) => value.toFixed(2))
          .join(' ');
      console.log(`\nload average before measuring: ${load()} (${cpus().length} cores; other processes on the machine skew the tails)`);
      const recorder = installRecorder(dataSource);

      // Learners to measure: a fixed pseudo-random sample, distinct for warm-up, service and HTTP runs.
      const all = ((await dataSource.query(`SELECT id FROM learner ORDER BY "staffNumber"`)) as { id: string }[]).map((row) => row.id);
      const sample = shuffle(all).slice(0, SINGLE_WARM_UP + SINGLE_RUNS + HTTP_WARM_UP + HTTP_RUNS);
      const warmUp = sample.slice(0, SINGLE_WARM_UP);
      const measured = sample.slice(SINGLE_WARM_UP, SINGLE_WARM_UP + SINGLE_RUNS);
      const httpLearners = sample.slice(SINGLE_WARM_UP + SINGLE_RUNS);

      // -- Single learner through GapsService.
      for (const id of warmUp) await gaps.forLearner(id, undefined, actor);
      const single: number[] = [];
      const shape = { requirements: 0, gaps: 0, essentialGaps: 0, modules: 0, hours: 0, uncovered: 0, exact: 0, greedy: 0 };
      for (const id of measured) {
        const started = performance.now();
        const report = await gaps.forLearner(id, undefined, actor);
        single.push(performance.now() - started);
        shape.requirements += report.lines.length;
        shape.gaps += report.gapCount;
        shape.essentialGaps += report.essentialGapCount;
        shape.modules += report.recommendation.modules.length;
        shape.hours += report.recommendation.totalHours;
        shape.uncovered += report.recommendation.uncovered.length;
        shape[report.recommendation.method]++;
      }
      const singleStats = stats(single);
      const per = (value: number) => (value / measured.length).toFixed(1);
      console.log(`\nSingle learner, GapsService.forLearner (${SINGLE_RUNS} learners after ${SINGLE_WARM_UP} warm-up, sequential)`);
      console.log(
        `  per learner: ${per(shape.requirements)} requirements, ${per(shape.gaps)} gaps (${per(shape.essentialGaps)} essential), ${per(shape.modules)} modules recommended (${per(shape.hours)} h), ${per(shape.uncovered)} gaps no module closes; search exact ${shape.exact}, greedy ${shape.greedy}`,
      );
      console.log(`  ${header()}`);
      console.log(
        `  ${row('forLearner', singleStats)}  ${verdict(singleStats.p95 < SINGLE_P95_TARGET_MS, `p95 < ${SINGLE_P95_TARGET_MS} ms`)}`,
      );

      // Where the time goes: each query as the service sends it (recorded at the driver), and the in-process compute.
      recorder.start();
      for (const id of measured.slice(0, 200)) await gaps.forLearner(id, undefined, actor);
      const singleQueries = recorder.stop();
      const gapsRepository = app.get(GapsRepository);
      const learningRepository = app.get(LearningRepository);
      const compute: number[] = [];
      for (const id of measured.slice(0, 200)) {
        const [learner] = (await dataSource.query(`SELECT "currentProfileId", "targetProfileId" FROM learner WHERE id = $1`, [id])) as {
          currentProfileId: string;
          targetProfileId: string | null;
        }[];
        const profileId = learner.targetProfileId ?? learner.currentProfileId;
        const [requirements, levels] = await Promise.all([gapsRepository.requirements(profileId), learningRepository.currentLevels(id)]);
        const open = analyseGaps(requirements, levels)
          .filter((line) => line.gap > 0)
          .map((line) => line.itemIdentifier);
        const offers = await gapsRepository.offers(open);
        const started = performance.now();
        recommendModules(analyseGaps(requirements, levels), offers);
        compute.push(performance.now() - started);
      }
      const singleBreakdown = breakdown(singleQueries);
      console.log(`  breakdown over 200 of them (each query timed at the driver; requirements and currentLevels run concurrently):`);
      for (const [label, calls] of singleBreakdown) console.log(`    ${row(label, stats(calls.map((call) => call.ms)))}`);
      console.log(`    ${row('analyseGaps + recommendModules', stats(compute))}`);

      // -- The same over HTTP.
      await app.listen(0, '127.0.0.1');
      const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: config.admin.email, password: config.admin.password }),
      });
      if (login.status !== 200) throw new Error(`login: HTTP ${login.status} ${await login.text()}`);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const get = async (id: string): Promise<number> => {
        const started = performance.now();
        const response = await fetch(`${base}/learners/${id}/gaps`, { headers: { authorization: `Bearer ${accessToken}` } });
        const body = await response.text();
        const ms = performance.now() - started;
        if (response.status !== 200) throw new Error(`GET /learners/${id}/gaps: HTTP ${response.status} ${body.slice(0, 300)}`);
        return ms;
      };
      for (const id of httpLearners.slice(0, HTTP_WARM_UP)) await get(id);
      const http: number[] = [];
      for (const id of httpLearners.slice(HTTP_WARM_UP)) http.push(await get(id));
      const httpStats = stats(http);
      console.log(
        `\nSingle learner over HTTP, GET /learners/:id/gaps (${HTTP_RUNS} learners after ${HTTP_WARM_UP} warm-up, keep-alive, sequential)`,
      );
      console.log(`  ${header()}`);
      console.log(
        `  ${row('GET /learners/:id/gaps', httpStats)}  ${verdict(httpStats.p95 < SINGLE_P95_TARGET_MS, `p95 < ${SINGLE_P95_TARGET_MS} ms`)}`,
      );

      // -- Team view of the hospital.
      await gaps.forTeam(ids.hospital, undefined, 'current', actor);
      const team: number[] = [];
      let report = await gaps.forTeam(ids.hospital, undefined, 'current', actor);
      for (let i = 0; i < TEAM_RUNS; i++) {
        const started = performance.now();
        report = await gaps.forTeam(ids.hospital, undefined, 'current', actor);
        team.push(performance.now() - started);
      }
      const teamStats = stats(team);
      // Each query of the team view alone (the service runs them concurrently), median of 3.
      recorder.start();
      for (let i = 0; i < 3; i++) {
        await gapsRepository.staff(ids.hospital, null, 'current');
        await gapsRepository.teamItems(ids.hospital, null, 'current');
        await gapsRepository.staffGaps(ids.hospital, null, 'current');
        await gapsRepository.moduleNeeds(ids.hospital, null, 'current');
      }
      const teamQueries = [...breakdown(recorder.stop()).values()].map(
        (calls) => [...calls].sort((a, b) => a.ms - b.ms)[Math.floor(calls.length / 2)],
      );
      const csvTimes: number[] = [];
      const svgTimes: number[] = [];
      let csv = '';
      let svg = '';
      for (let i = 0; i < RENDER_RUNS; i++) {
        let started = performance.now();
        csv = teamReportCsv(report);
        csvTimes.push(performance.now() - started);
        started = performance.now();
        svg = teamReportSvg(report, { title: `Competency gaps — ${report.institutionName}` });
        svgTimes.push(performance.now() - started);
      }
      const gapCells = report.cells.length;
      console.log(
        `\nTeam view, GapsService.forTeam (hospital of ${report.people.length} staff, basis current; ${TEAM_RUNS} runs after 1 warm-up)`,
      );
      console.log(
        `  report: ${report.people.length} people, ${report.items.length} competencies, ${gapCells.toLocaleString('en')} gap cells, ${report.modules.length} modules`,
      );
      console.log(`  ${header()}`);
      console.log(
        `  ${row('forTeam', teamStats)}  ${verdict(teamStats.p50 < TEAM_TARGET_MS, `p50 < ${TEAM_TARGET_MS / 1000} s`)}${teamStats.max >= TEAM_TARGET_MS ? ' (max over)' : ''}`,
      );
      console.log(
        `  its queries one at a time (forTeam runs them concurrently${database.kind === 'pglite' ? ', but the embedded database serves one at a time' : ''}), median of 3:`,
      );
      for (const call of teamQueries) console.log(`    ${label(call.sql).padEnd(34)}${call.ms.toFixed(1).padStart(9)} ms`);
      console.log(
        `    ${'sum'.padEnd(34)}${teamQueries
          .reduce((sum, call) => sum + call.ms, 0)
          .toFixed(1)
          .padStart(9)} ms`,
      );
      console.log(
        `  ${row(`CSV matrix (${(Buffer.byteLength(csv) / 1e6).toFixed(1)} MB)`, stats(csvTimes))}  median/max of ${RENDER_RUNS}`,
      );
      console.log(
        `  ${row(`SVG heatmap (${(Buffer.byteLength(svg) / 1e3).toFixed(0)} kB)`, stats(svgTimes))}  median/max of ${RENDER_RUNS}`,
      );

      // -- The team endpoints over HTTP (JSON, CSV, SVG), each after one warm-up.
      console.log(`  over HTTP, median/max of 3 after 1 warm-up:`);
      for (const suffix of ['', '.csv', '.svg']) {
        const path = `/institutions/${ids.hospital}/team-gaps${suffix}`;
        const times: number[] = [];
        let bytes = 0;
        for (let i = 0; i < 4; i++) {
          const started = performance.now();
          const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
          const body = await response.arrayBuffer();
          if (response.status !== 200)
            throw new Error(`GET ${path}: HTTP ${response.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
          if (i > 0) times.push(performance.now() - started);
          bytes = body.byteLength;
        }
        const s = stats(times);
        console.log(
          `    ${`GET …/team-gaps${suffix} (${(bytes / 1e6).toFixed(1)} MB)`.padEnd(34)}${s.p50.toFixed(1).padStart(9)} ms p50 ${s.max.toFixed(1).padStart(9)} ms max  ${verdict(s.p50 < TEAM_TARGET_MS, `p50 < ${TEAM_TARGET_MS / 1000} s`)}`,
        );
      }
      console.log(`load average after measuring: ${load()}`);

      // -- Why a target was missed: the plan of the slowest query.
      const explainAll = process.env.BENCH_EXPLAIN === '1' || process.env.BENCH_EXPLAIN === 'true';
      if (explainAll || singleStats.p95 >= SINGLE_P95_TARGET_MS) {
        const [slowest, calls] = [...singleBreakdown].sort(
          (a, b) => stats(b[1].map((c) => c.ms)).p95 - stats(a[1].map((c) => c.ms)).p95,
        )[0];
        const typical = [...calls].sort((a, b) => a.ms - b.ms)[Math.min(calls.length - 1, Math.floor(calls.length * 0.95))];
        await explain(dataSource, `single learner: slowest query "${slowest}" (its p95 call)`, typical);
      }
      if (explainAll || teamStats.p50 >= TEAM_TARGET_MS) {
        for (const call of [...teamQueries].sort((a, b) => b.ms - a.ms).slice(0, explainAll ? teamQueries.length : 2)) {
          if (call.ms < 5 && !explainAll) continue;
          await explain(dataSource, `team view: "${label(call.sql)}" (${call.ms.toFixed(0)} ms)`, call);
        }
      }
    } finally {
      await app.close();
    }
  } finally {
    await fresh?.drop();
  }
}

// ---- Dataset ------------------------------------------------------------------------------------------------------

interface DatasetIds {
  school: string;
  hospital: string;
  framework: string;
  scale: string;
}

/** The ESCO-scale dataset: a few set-based statements on one connection (so setseed makes it repeatable). */
async function generate(dataSource: DataSource): Promise<DatasetIds> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const started = performance.now();
  const step = async <T = unknown>(name: string, sql: string, params: unknown[] = []): Promise<T> => {
    const t0 = performance.now();
    const result = (await runner.query(sql, params)) as T;
    console.log(`  ${name.padEnd(44)}${((performance.now() - t0) / 1000).toFixed(2).padStart(7)} s`);
    return result;
  };
  try {
    // Fresh tables have no statistics: without them the planner nests loops over the joins on position below.
    const analyze = (...tables: string[]) => runner.query(`ANALYZE ${tables.join(', ')}`);
    console.log('\nGenerating the dataset (each step followed by ANALYZE of the tables it filled)');
    await runner.query(`SELECT setseed(0.2026)`);
    const given = sqlArray([
      'Amina',
      'Karim',
      'Sofia',
      'Yacine',
      'Lina',
      'Mehdi',
      'Nadia',
      'Omar',
      'Sarah',
      'Rachid',
      'Claire',
      'Julien',
      'Fatima',
      'Hugo',
      'Leila',
      'Samir',
      'Inès',
      'Lucas',
      'Meriem',
      'Thomas',
    ]);
    const family = sqlArray([
      'Benali',
      'Martin',
      'Haddad',
      'Bernard',
      'Mansouri',
      'Dubois',
      'Cherif',
      'Laurent',
      'Belkacem',
      'Moreau',
      'Saidi',
      'Lefebvre',
      'Amrani',
      'Garcia',
      'Boudiaf',
      'Roux',
      'Khelifi',
      'Fournier',
      'Ziani',
      'Girard',
      'Toumi',
      'Mercier',
      'Hamdi',
      'Blanc',
      'Ouali',
    ]);
    const verbs = sqlArray([
      'gérer',
      'évaluer',
      'planifier',
      'coordonner',
      'contrôler',
      'analyser',
      'organiser',
      'animer',
      'piloter',
      'sécuriser',
      'documenter',
      'former',
    ]);
    const objects = sqlArray([
      'les stocks de médicaments',
      'la qualité des soins',
      'le budget du pôle',
      'les dossiers patients',
      'la sécurité incendie',
      'les achats hospitaliers',
      'une équipe soignante',
      'les urgences',
      'les données de santé',
      'la continuité des soins',
      'le circuit du médicament',
      'les risques infectieux',
      'la gestion de crise',
      'les plannings',
      'la relation avec les usagers',
      'la maintenance biomédicale',
      'les indicateurs de performance',
    ]);
    const fold = (expression: string) => `lower(translate(${expression}, 'éèêëàâîïôûùç', 'eeeeaaiiouuc'))`;

    await step(
      'institutions (1 school, 10 employers)',
      `INSERT INTO institution (slug, kind, name, country)
       SELECT CASE g WHEN 0 THEN 'bench-school' WHEN 1 THEN 'bench-hospital' ELSE 'bench-employer-' || (g - 1) END,
              CASE g WHEN 0 THEN 'school' ELSE 'hospital' END,
              jsonb_build_object('fr', CASE g WHEN 0 THEN 'École de benchmark' WHEN 1 THEN 'CHU de benchmark' ELSE 'Établissement ' || (g - 1) END),
              'DZ'
       FROM generate_series(0, ${1 + OTHER_EMPLOYERS}) g`,
    );
    const institutions = (await runner.query(`SELECT id, slug FROM institution WHERE slug IN ('bench-school', 'bench-hospital')`)) as {
      id: string;
      slug: string;
    }[];
    const school = institutions.find((row) => row.slug === 'bench-school')!.id;
    const hospital = institutions.find((row) => row.slug === 'bench-hospital')!.id;

    const [{ frameworkId: framework, scaleId: scale }] = await step<{ frameworkId: string; scaleId: string }[]>(
      'framework, 4-level scale',
      `WITH f AS (
         INSERT INTO framework (identifier, uri, version, status, title, "ownerInstitutionId", "publishedAt")
         VALUES (gen_random_uuid(), 'urn:bench:framework:esco', '1.0.0', 'published', '{"fr": "Référentiel de benchmark (échelle ESCO)"}', $1, now())
         RETURNING id),
       s AS (
         INSERT INTO proficiency_scale ("frameworkId", identifier, code, title, position)
         SELECT id, gen_random_uuid(), 'N4', '{"fr": "Échelle à quatre niveaux"}', 0 FROM f RETURNING id, "frameworkId"),
       l AS (
         INSERT INTO proficiency_level ("scaleId", identifier, rank, code, label)
         SELECT s.id, gen_random_uuid(), r, 'N' || r, jsonb_build_object('fr', (ARRAY['Notions', 'Application', 'Maîtrise', 'Expertise'])[r])
         FROM s, generate_series(1, 4) r RETURNING id)
       SELECT s."frameworkId" AS "frameworkId", s.id AS "scaleId" FROM s`,
      [school],
    );

    await step(
      `framework items (${ITEMS.toLocaleString('en')})`,
      `INSERT INTO framework_item ("frameworkId", identifier, uri, position, code, "itemType", kind, label, "scaleId", "searchText")
       SELECT $1, gen_random_uuid(), 'urn:bench:item:' || g, g, t.code, 'competency', (ARRAY['skill', 'knowledge', 'behaviour'])[1 + g % 3],
              jsonb_build_object('fr', t.label), $2, ${fold(`t.code || ' ' || t.label`)}
       FROM generate_series(1, ${ITEMS}) g
       CROSS JOIN LATERAL (SELECT 'C' || lpad(g::text, 5, '0') AS code,
                                  initcap(${verbs}[1 + (g * 7) % 12]) || ' ' || ${objects}[1 + (g * 13) % 17] || ' (' || g || ')' AS label) t`,
      [framework, scale],
    );
    await analyze('framework_item', 'proficiency_level');

    await step(
      `job profiles (${PROFILES.toLocaleString('en')}, published)`,
      `INSERT INTO job_profile (identifier, version, status, code, title, activities, "ownerInstitutionId", "searchText", "publishedAt")
       SELECT gen_random_uuid(), '1.0.0', 'published', 'JP' || lpad(g::text, 4, '0'), jsonb_build_object('fr', 'Métier ' || g), '[]'::jsonb, $1,
              'jp' || lpad(g::text, 4, '0') || ' metier ' || g, now()
       FROM generate_series(1, ${PROFILES}) g`,
      [school],
    );
    await analyze('job_profile');

    // Random items per profile, duplicates removed; position = 1..n within the profile (used to bias evidence).
    await step(
      'profile requirements',
      `WITH p AS MATERIALIZED (
         SELECT id, ${REQUIREMENTS_MIN} + floor(random() * ${REQUIREMENTS_MAX - REQUIREMENTS_MIN + 1})::int AS n FROM job_profile WHERE "ownerInstitutionId" = $3),
       picks AS MATERIALIZED (
         SELECT p.id AS profile, 1 + floor(random() * ${ITEMS})::int AS item, 1 + floor(random() * 4)::int AS rank, random() < ${ESSENTIAL_SHARE} AS essential
         FROM p, generate_series(1, p.n)),
       unique_picks AS (SELECT DISTINCT ON (profile, item) * FROM picks ORDER BY profile, item)
       INSERT INTO profile_requirement ("profileId", "itemId", "levelId", essential, position)
       SELECT u.profile, i.id, lv.id, u.essential, row_number() OVER (PARTITION BY u.profile ORDER BY u.item)
       FROM unique_picks u
       JOIN framework_item i ON i."frameworkId" = $1 AND i.position = u.item
       JOIN proficiency_level lv ON lv."scaleId" = $2 AND lv.rank = u.rank`,
      [framework, scale, school],
    );
    await analyze('profile_requirement');

    await step(
      `training modules (${MODULES}, 7–70 h)`,
      `INSERT INTO training_module (code, title, "ownerInstitutionId", hours, modality, language)
       SELECT 'M' || lpad(g::text, 3, '0'), jsonb_build_object('fr', 'Module ' || g), $1, 7 + floor(random() * 64),
              (ARRAY['in_person', 'distance_sync', 'distance_async', 'hybrid'])[1 + g % 4], 'fr'
       FROM generate_series(1, ${MODULES}) g`,
      [school],
    );
    await analyze('training_module');

    await step(
      'learning outcomes (5–15 per module, levels 2–4)',
      `WITH m AS MATERIALIZED (SELECT id, 5 + floor(random() * 11)::int AS n FROM training_module WHERE "ownerInstitutionId" = $2),
       picks AS MATERIALIZED (
         SELECT m.id AS module, g AS position, 1 + floor(random() * ${ITEMS})::int AS item, 2 + floor(random() * 3)::int AS rank
         FROM m, generate_series(1, m.n) g)
       INSERT INTO learning_outcome ("moduleId", position, description, "itemId", "itemIdentifier", "levelId", "levelRank")
       SELECT p.module, p.position, jsonb_build_object('fr', 'Résultat d''apprentissage ' || p.position), i.id, i.identifier, lv.id, lv.rank
       FROM picks p
       JOIN framework_item i ON i."frameworkId" = $1 AND i.position = p.item
       JOIN proficiency_level lv ON lv."scaleId" = i."scaleId" AND lv.rank = p.rank`,
      [framework, school],
    );
    await analyze('learning_outcome');

    // The hospital's staff hold one of HOSPITAL_PROFILES occupations; the other employers' staff any of them.
    await step(
      `learners (${LEARNERS.toLocaleString('en')}, ${Math.round(TARGET_SHARE * 100)} % with a target)`,
      `WITH employers AS (
         SELECT id, row_number() OVER (ORDER BY slug)::int - 1 AS k FROM institution WHERE slug LIKE 'bench-employer-%'),
       profiles AS (
         SELECT id, row_number() OVER (ORDER BY code)::int AS n FROM job_profile WHERE "ownerInstitutionId" = $2),
       people AS MATERIALIZED (
         SELECT g, CASE WHEN g <= ${HOSPITAL_STAFF} THEN NULL ELSE (g - ${HOSPITAL_STAFF + 1}) % ${OTHER_EMPLOYERS} END AS employer,
                1 + floor(random() * CASE WHEN g <= ${HOSPITAL_STAFF} THEN ${HOSPITAL_PROFILES} ELSE ${PROFILES} END)::int AS current_n,
                CASE WHEN random() < ${TARGET_SHARE} THEN 1 + floor(random() * CASE WHEN g <= ${HOSPITAL_STAFF} THEN ${HOSPITAL_PROFILES} ELSE ${PROFILES} END)::int END AS target_n
         FROM generate_series(1, ${LEARNERS}) g)
       INSERT INTO learner ("givenName", "familyName", "staffNumber", "employerInstitutionId", "currentProfileId", "targetProfileId")
       SELECT ${given}[1 + p.g % 20], ${family}[1 + (p.g / 20) % 25], 'MAT' || lpad(p.g::text, 6, '0'), COALESCE(e.id, $1), c.id, t.id
       FROM people p
       LEFT JOIN employers e ON e.k = p.employer
       JOIN profiles c ON c.n = p.current_n
       LEFT JOIN profiles t ON t.n = p.target_n`,
      [hospital, school],
    );
    await analyze('learner', 'institution');

    // 30 rows per learner: EVIDENCE_ON_PROFILE on random requirements of their current profile, the rest on any item;
    // random levels 1–4, so that some requirements are met, some partly, most not at all.
    await step(
      `evidence (${EVIDENCE_PER_LEARNER} per learner, ${EVIDENCE_ON_PROFILE} on their profile)`,
      `WITH counts AS MATERIALIZED (SELECT "profileId", count(*)::int AS n FROM profile_requirement GROUP BY 1),
       picks AS MATERIALIZED (
         SELECT l.id AS learner, l."currentProfileId" AS profile,
                CASE WHEN g <= ${EVIDENCE_ON_PROFILE} THEN 1 + floor(random() * c.n)::int END AS k,
                CASE WHEN g > ${EVIDENCE_ON_PROFILE} THEN 1 + floor(random() * ${ITEMS})::int END AS item,
                1 + floor(random() * 4)::int AS rank,
                now() - random() * interval '1000 days' AS observed
         FROM learner l JOIN counts c ON c."profileId" = l."currentProfileId", generate_series(1, ${EVIDENCE_PER_LEARNER}) g),
       resolved AS (
         SELECT p.learner, p.rank, p.observed, COALESCE(r."itemId", any_item.id) AS "itemId"
         FROM picks p
         LEFT JOIN profile_requirement r ON r."profileId" = p.profile AND r.position = p.k
         LEFT JOIN framework_item any_item ON any_item."frameworkId" = $1 AND any_item.position = p.item)
       INSERT INTO evidence ("learnerId", "itemId", "itemIdentifier", "levelId", "levelRank", source, "observedAt")
       SELECT x.learner, i.id, i.identifier, lv.id, lv.rank, 'workplace_observation', x.observed
       FROM resolved x
       JOIN framework_item i ON i.id = x."itemId"
       JOIN proficiency_level lv ON lv."scaleId" = i."scaleId" AND lv.rank = x.rank`,
      [framework],
    );

    // VACUUM too, not only ANALYZE: autovacuum keeps a live database's visibility map set, and without it the team
    // query cannot read evidence by index only (it hashes all 600,000 rows instead, ~300 ms more on PostgreSQL).
    await step('VACUUM ANALYZE', `VACUUM ANALYZE`);
    console.log(`  ${'total'.padEnd(44)}${((performance.now() - started) / 1000).toFixed(2).padStart(7)} s`);

    const tables = [
      'institution',
      'framework',
      'proficiency_level',
      'framework_item',
      'job_profile',
      'profile_requirement',
      'training_module',
      'learning_outcome',
      'learner',
      'evidence',
    ];
    const [counts] = (await runner.query(
      `SELECT ${tables.map((table) => `(SELECT count(*) FROM ${table})::int AS ${table}`).join(', ')}`,
    )) as Record<string, number>[];
    const [extra] = (await runner.query(
      `SELECT (SELECT count(*) FROM learner WHERE "employerInstitutionId" = $1)::int AS staff,
              (SELECT count(*) FROM learner WHERE "targetProfileId" IS NOT NULL)::int AS targets,
              (SELECT round(avg(n), 1) FROM (SELECT count(*) AS n FROM profile_requirement GROUP BY "profileId") x)::float AS "perProfile",
              (SELECT round(avg(essential::int) * 100)::int FROM profile_requirement) AS "essentialPct",
              pg_size_pretty(pg_database_size(current_database())) AS size`,
      [hospital],
    )) as { staff: number; targets: number; perProfile: number; essentialPct: number; size: string }[];
    console.log(`  rows: ${tables.map((table) => `${table} ${counts[table].toLocaleString('en')}`).join(', ')}`);
    console.log(
      `  hospital staff ${extra.staff.toLocaleString('en')}, learners with a target ${extra.targets.toLocaleString('en')}, ${extra.perProfile} requirements per profile (${extra.essentialPct} % essential), database ${extra.size}`,
    );
    return { school, hospital, framework, scale };
  } finally {
    await runner.release();
  }
}

const sqlArray = (values: string[]) => `(ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')}])`;

// ---- Measurement helpers ------------------------------------------------------------------------------------------

/** Records every query sent through TypeORM's query runners (SQL, parameters, time at the driver) while started. */
function installRecorder(dataSource: DataSource): { start(): void; stop(): Recorded[] } {
  const runner = dataSource.createQueryRunner();
  const prototype = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
  void runner.release();
  const original = prototype.query;
  let log: Recorded[] | undefined;
  prototype.query = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
    const into = log;
    if (!into) return original.apply(this, args);
    const started = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      into.push({ sql: String(args[0]), params: (args[1] as unknown[] | undefined) ?? [], ms: performance.now() - started });
    }
  };
  return {
    start() {
      log = [];
    },
    stop() {
      const recorded = log ?? [];
      log = undefined;
      return recorded;
    },
  };
}

const LABELS: [RegExp, string][] = [
  [/FROM "learner" "Learner"/, 'findLearner (access)'],
  [/FROM "job_profile" "JobProfile"/, 'findVersion (profile)'],
  [/FROM "institution" "Institution"/, 'findById (institution)'],
  [/FROM profile_requirement r JOIN framework_item/, 'requirements'],
  [/FROM evidence WHERE "learnerId"/, 'currentLevels'],
  [/FROM learning_outcome o JOIN training_module/, 'offers'],
  [/FROM learner l JOIN job_profile p/, 'staff'],
  [/SELECT \* FROM gaps/, 'staffGaps'],
  [/DISTINCT ON \(i\.identifier\)/, 'teamItems'],
  [/COUNT\(DISTINCT g\."learnerId"\)/, 'moduleNeeds'],
];
const label = (sql: string): string => LABELS.find(([pattern]) => pattern.test(sql))?.[1] ?? sql.replace(/\s+/g, ' ').slice(0, 40);

function breakdown(calls: Recorded[]): Map<string, Recorded[]> {
  const groups = new Map<string, Recorded[]>();
  for (const call of calls) groups.set(label(call.sql), [...(groups.get(label(call.sql)) ?? []), call]);
  return groups;
}

async function explain(dataSource: DataSource, title: string, call: Recorded): Promise<void> {
  const rows = (await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${call.sql}`, call.params)) as { 'QUERY PLAN': string }[];
  console.log(`\n  EXPLAIN ANALYZE — ${title}`);
  console.log(
    call.sql
      .split('\n')
      .map((line) => `    | ${line.trim()}`)
      .join('\n'),
  );
  console.log(`    parameters: ${JSON.stringify(call.params.map((p) => (Array.isArray(p) ? `[${p.length} values]` : p)))}`);
  for (const line of rows) console.log(`    ${line['QUERY PLAN']}`);
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return {
    n: sorted.length,
    mean: sorted.reduce((sum, s) => sum + s, 0) / (sorted.length || 1),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}
const header = () => `${''.padEnd(34)}${['mean', 'p50', 'p95', 'p99', 'max'].map((h) => `${h} ms`.padStart(9)).join('')}`;
const row = (name: string, s: Stats) =>
  `${name.padEnd(34)}${[s.mean, s.p50, s.p95, s.p99, s.max].map((v) => v.toFixed(1).padStart(9)).join('')}`;
const verdict = (ok: boolean, target: string) => `${ok ? 'OK' : 'MISSED'} (target ${target})`;

/** mulberry32: the same sample of learners on every run. */
function shuffle<T>(list: T[]): T[] {
  let seed = 20260101;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** A throw-away database on the server, dropped at the end; never the given database itself (600,000 rows). */
async function freshPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const keep = process.env.BENCH_KEEP === '1' || process.env.BENCH_KEEP === 'true';
  const fresh = await createThrowAwayDatabase(serverUrl, 'bench_gap', { keep });
  console.log(
    `database: ${fresh.name} on ${new URL(fresh.url).host} (${keep ? 'kept (BENCH_KEEP): drop it yourself' : 'dropped at the end'})`,
  );
  return fresh;
}

// Last, so every constant above is initialised before it runs.
if (process.argv[2] === '--run') await runOne(process.argv[3], process.argv[4]);
else main();
