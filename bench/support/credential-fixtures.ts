// Shared by bench/credential-issuance.ts and bench/credential-verify.ts (kept in a sub-folder so that bench/run.ts,
// which runs every dist/bench/*.js, does not take it for a benchmark): a throw-away PostgreSQL database, the app
// started on 127.0.0.1, and a school with a published framework, modules, a session and thousands of learners who
// passed it, written with set-based SQL.
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { AppConfig } from '../../src/config/app-config.js';
import type { Database } from '../../src/database/database.js';
import { createThrowAwayDatabase } from '../../src/database/throw-away-database.js';

export const BENCH_ENV = {
  JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256',
  DEMO_DATA: 'false',
  ADMIN_EMAIL: 'admin@bench.example',
  ADMIN_PASSWORD: 'bench-admin-password',
  PORT: '0',
  // An https base URL: the schools sign as did:web, resolved from our own database, as in production.
  PUBLIC_BASE_URL: 'https://competences.bench.example',
  // A fixed key-encryption key, so that every process of a run (the app that prepares the data, the servers measured)
  // opens the same issuer keys.
  KEY_ENCRYPTION_KEY: '6b656b2d6f662d7468652d62656e63686d61726b2d6e6f742d612d7365637265',
  // No per-address budget on public verification: the load generator is one address.
  VERIFY_RATE_LIMIT: '0',
};

export interface Stats {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1);
  return { n: sorted.length, mean, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

/** Peak resident memory of this process: sampled, and the kernel's high-water mark. */
export function rssSampler(): { peakMb(): number; stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  timer.unref();
  const peakMb = () => Math.max(peak, process.resourceUsage().maxRSS * 1024) / 1e6;
  return {
    peakMb,
    stop: () => {
      clearInterval(timer);
      return peakMb();
    },
  };
}

/** A throw-away database bench_<prefix>_<random> on the server, dropped afterwards. */
export const freshPostgresDatabase = (serverUrl: string, prefix: string) => createThrowAwayDatabase(serverUrl, `bench_${prefix}`);

export interface BenchApp {
  app: INestApplication;
  config: AppConfig;
  database: Database;
  /** http://127.0.0.1:<port> */
  base: string;
  call<T = Record<string, any>>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** The real application on a database (PostgreSQL URL, or embedded PGlite in memory), listening on 127.0.0.1 only. */
export async function startBenchApp(url: string | undefined, env: Record<string, string> = {}): Promise<BenchApp> {
  const { createApp } = await import('../../src/app.js');
  const { AuthService } = await import('../../src/auth/auth.service.js');
  const { loadConfig } = await import('../../src/config/app-config.js');
  const { openDatabase } = await import('../../src/database/database.js');
  const config = loadConfig({ ...BENCH_ENV, ...(url ? { DATABASE_URL: url } : {}), ...env });
  const database = await openDatabase({ url, pgliteDir: 'memory://' });
  const app = await createApp(config, { database, logger: ['error'] });
  await app.get(AuthService).ensureFirstAdmin();
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
  const call = async <T>(method: string, path: string, body?: unknown, token?: string) => {
    const send = () =>
      fetch(`${base}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      // A kept-alive connection the server closed while this process was busy signing: the request never left.
      if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
      response = await send();
    }
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  };
  return {
    app,
    config,
    database,
    base,
    call,
    // The app closes the database (and the embedded server) at shutdown.
    close: () => app.close(),
  };
}

export function expectStatus(response: { status: number; body: unknown }, status: number, what: string): void {
  if (response.status !== status)
    throw new Error(`${what}: expected HTTP ${status}, got ${response.status}: ${JSON.stringify(response.body).slice(0, 800)}`);
}

export interface School {
  adminToken: string;
  registrarToken: string;
  schoolId: string;
  schoolSlug: string;
  hospitalId: string;
  frameworkId: string;
  itemIds: string[];
  /** Modules of 3, 4 and 5 learning outcomes. */
  modules: { id: string; code: string; outcomes: number }[];
}

/** An administrator, a school and its registrar, a hospital employing the learners, a published framework of 12 competencies, 3 modules. */
export async function prepareSchool(bench: BenchApp, slug = 'ensm-bench'): Promise<School> {
  const { call, config } = bench;
  const db = bench.database.dataSource;
  const login = async (email: string, password: string) => {
    const response = await call<{ accessToken: string }>('POST', '/auth/login', { email, password });
    expectStatus(response, 200, `login ${email}`);
    return response.body.accessToken;
  };
  const adminToken = await login(config.admin.email, config.admin.password);
  const post = async (path: string, body: unknown, token = adminToken, status = 201) => {
    const response = await call('POST', path, body, token);
    expectStatus(response, status, `POST ${path}`);
    return response.body;
  };
  const school = await post('/institutions', {
    slug,
    kind: 'school',
    name: { fr: 'École nationale supérieure de management (benchmark)' },
    country: 'DZ',
    website: 'https://ensm.bench.example',
  });
  const hospital = await post('/institutions', { slug: `${slug}-chu`, kind: 'hospital', name: { fr: 'CHU de benchmark' }, country: 'DZ' });
  const registrarEmail = `registrar@${slug}.example`;
  await post('/users', {
    email: registrarEmail,
    password: 'bench-registrar-password',
    displayName: 'Registrar',
    role: 'registrar',
    institutionId: school.id,
  });
  const registrarToken = await login(registrarEmail, 'bench-registrar-password');

  const framework = await post('/frameworks', {
    title: { fr: 'Management hospitalier', en: 'Hospital management' },
    version: '2026.1',
    ownerInstitutionId: school.id,
  });
  await post(`/frameworks/${framework.id}/scales`, {
    code: 'profondeur',
    title: { fr: 'Degré de profondeur' },
    levels: [
      { rank: 1, code: 'notions', label: { fr: 'Notions générales' } },
      { rank: 2, code: 'pratique', label: { fr: 'Connaissances détaillées' } },
      { rank: 3, code: 'maitrise', label: { fr: 'Connaissances approfondies' } },
      { rank: 4, code: 'expertise', label: { fr: 'Expertise' } },
    ],
  });
  const domain = await post(`/frameworks/${framework.id}/items`, {
    code: 'MH',
    itemType: 'domain',
    label: { fr: 'Management hospitalier' },
  });
  const itemIds: string[] = [];
  const labels = [
    'Déclencher le plan blanc',
    'Animer une cellule de crise',
    'Piloter un budget de pôle',
    'Conduire un projet qualité',
    'Gérer les risques associés aux soins',
    'Organiser la continuité des soins',
    'Encadrer une équipe soignante',
    'Négocier un contrat de pôle',
    'Analyser un tableau de bord',
    'Conduire le changement',
    'Communiquer en situation de crise',
    'Gérer les approvisionnements',
  ];
  for (const [i, label] of labels.entries()) {
    const item = await post(`/frameworks/${framework.id}/items`, {
      code: `MH-${i + 1}`,
      itemType: 'competency',
      kind: 'skill',
      parentId: domain.id,
      label: { fr: label, en: `Competency ${i + 1}` },
    });
    itemIds.push(item.id);
  }
  await post(`/frameworks/${framework.id}/publish`, {}, adminToken, 200);

  const modules: School['modules'] = [];
  for (const [index, outcomes] of [3, 4, 5].entries()) {
    const code = ['GC-SSE', 'PIL-STR', 'QUAL-RISK'][index];
    const [module] = await db.query(
      `INSERT INTO training_module (code, title, description, "ownerInstitutionId", hours, "ectsCredits", modality, language)
       VALUES ($1, $2, $3, $4, $5, $6, 'hybrid', 'fr') RETURNING id`,
      [
        code,
        { fr: `Module ${code} : gestion et pilotage` },
        { fr: `Module de formation continue ${code} pour les cadres de santé.` },
        school.id,
        21 + 7 * index,
        2 + index,
      ],
    );
    await db.query(
      `INSERT INTO learning_outcome ("moduleId", position, "itemId", "itemIdentifier", "levelId", "levelRank")
       SELECT $1, o.position, i.id, i.identifier, l.id, l.rank
       FROM unnest($2::uuid[]) WITH ORDINALITY AS o(item, position) JOIN framework_item i ON i.id = o.item
       JOIN proficiency_scale s ON s."frameworkId" = i."frameworkId" JOIN proficiency_level l ON l."scaleId" = s.id AND l.rank = 2 + (o.position % 3)`,
      [module.id, itemIds.slice(index * 4, index * 4 + outcomes)],
    );
    modules.push({ id: module.id, code, outcomes });
  }
  return {
    adminToken,
    registrarToken,
    schoolId: school.id,
    schoolSlug: slug,
    hospitalId: hospital.id,
    frameworkId: framework.id,
    itemIds,
    modules,
  };
}

/**
 * A session of `moduleId` with `learners` new learners, every one of them enrolled, completed and passed (a final
 * exam between 10 and 20 out of 20), all in four set-based statements. Returns the session id.
 */
export async function passedSession(bench: BenchApp, school: School, moduleId: string, learners: number, tag: string): Promise<string> {
  const db = bench.database.dataSource;
  const [session] = await db.query(
    `INSERT INTO training_session (code, "moduleId", "institutionId", "startsOn", "endsOn", place, trainers, capacity)
     VALUES ($1, $2, $3, '2026-03-09', '2026-03-13', 'Alger, amphithéâtre A', '["Pr. Hamidi"]', $4) RETURNING id`,
    [`S-${tag}`, moduleId, school.schoolId, learners],
  );
  await db.query(
    `INSERT INTO learner ("givenName", "familyName", "staffNumber", email, "employerInstitutionId")
     SELECT 'Agent' || g, 'Urgences-' || $2 || '-' || g, $2 || '-' || lpad(g::text, 6, '0'), 'agent' || g || '.' || $2 || '@chu.bench.example', $1
     FROM generate_series(1, $3) AS g`,
    [school.hospitalId, tag, learners],
  );
  await db.query(
    `INSERT INTO enrolment ("sessionId", "learnerId", status, "attendanceRate", "completedAt")
     SELECT $1, l.id, 'completed', 90 + (row_number() OVER (ORDER BY l."staffNumber")) % 11, now()
     FROM learner l WHERE l."employerInstitutionId" = $2 AND l."staffNumber" LIKE $3 || '-%'`,
    [session.id, school.hospitalId, tag],
  );
  await db.query(
    `INSERT INTO assessment ("enrolmentId", kind, score, "maxScore", "passMark", passed, "assessedAt")
     SELECT e.id, 'final_exam', 10 + (row_number() OVER (ORDER BY e.id)) % 21 / 2.0, 20, 10, true, now()
     FROM enrolment e WHERE e."sessionId" = $1`,
    [session.id],
  );
  return session.id;
}

/**
 * CPU time (ms) the PostgreSQL server spends for one database, when it runs on this machine: the backends serving
 * that database, read from /proc (best effort: null when /proc or pg_stat_activity cannot tell).
 */
export function serverCpu(serverUrl: string, database: string): { start(): Promise<void>; stop(): Promise<number | null> } {
  const ticks = (pid: number): number | null => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  };
  const backends = async (): Promise<number[]> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return (await client.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [database])).rows.map((row) => Number(row.pid));
    } finally {
      await client.end();
    }
  };
  let before = new Map<number, number>();
  return {
    async start() {
      before = new Map(
        (await backends()).flatMap((pid) => {
          const t = ticks(pid);
          return t === null ? [] : [[pid, t] as [number, number]];
        }),
      );
    },
    async stop() {
      const pids = await backends();
      if (!pids.length || pids.every((pid) => ticks(pid) === null)) return null;
      // 100 ticks a second (CLK_TCK on Linux).
      return pids.reduce((sum, pid) => sum + Math.max(0, (ticks(pid) ?? 0) - (before.get(pid) ?? 0)), 0) * 10;
    },
  };
}

/** CPU time (ms) a process and its descendants have used so far, from /proc; null when it cannot be read. */
export function processTreeCpuMs(pid: number): number | null {
  const own = (id: number): { ticks: number; children: number[] } | null => {
    try {
      const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
      const children = readFileSync(`/proc/${id}/task/${id}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      return { ticks: Number(fields[11]) + Number(fields[12]), children };
    } catch {
      return null;
    }
  };
  const root = own(pid);
  if (!root) return null;
  // 100 ticks a second (CLK_TCK on Linux).
  let ms = root.ticks * 10;
  for (const child of root.children) ms += processTreeCpuMs(child) ?? 0;
  return ms;
}

/** CPU time (user + system, ms) this process spends in `work`. */
export async function withCpu<T>(work: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  const start = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(start);
  return { result, cpuMs: (used.user + used.system) / 1000 };
}

export const fmt = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');
