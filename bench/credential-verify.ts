// Benchmark of POST /credentials/verify over HTTP: a few hundred real credentials are issued first (Open Badges 3.0
// certificates of three modules through the bulk batch, and co-accredited diplomas carrying two proofs), then a load
// generator in a separate process (lean keep-alive sockets, bench/support/http-client.ts: it shares the 2 cores) drives
// the endpoint of the app listening on 127.0.0.1 only: a closed loop at a fixed concurrency for the capacity, then an
// open loop at the target rate for the latency at that rate (a closed loop of C clients cannot show a p95 below
// C / throughput, whatever the server does).
// Side by side: the bare verifyCredential rate (src/credentials/vc/verifier.ts) on the same credentials, one core.
// Target: 400 verifications/s with p95 < 25 ms, on this machine's 2 cores. PostgreSQL (DATABASE_URL set: a throw-away
// database bench_verify_<random>) runs the real server, dist/src/main.js, as one process and as a 2-worker cluster
// (WEB_CONCURRENCY=2); the embedded PGlite can only be one process (the app serving from this benchmark's process).
// npm run build && node dist/bench/credential-verify.js
// Environment: BENCH_DURATION (s, default 20), BENCH_WARMUP (s, default 3), BENCH_CONCURRENCY (default 16), BENCH_RATE (default 400),
// BENCH_TARGETS (e.g. "postgresql": only the databases named, default both), BENCH_WORKERS (PostgreSQL server processes to try, default "1,2"), BENCH_SERVER_NODE_ARGS (node options for those servers, e.g. --cpu-prof).
import 'reflect-metadata';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import {
  BENCH_ENV,
  expectStatus,
  fmt,
  freshPostgresDatabase,
  passedSession,
  prepareSchool,
  processTreeCpuMs,
  rssSampler,
  serverCpu,
  startBenchApp,
  stats,
  withCpu,
} from './support/credential-fixtures.js';
import { ConnectionPool, jsonPost } from './support/http-client.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
const WARM_UP_S = Number(process.env.BENCH_WARMUP ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const TARGET_RATE = Number(process.env.BENCH_RATE ?? 400);
const TARGET_P95_MS = 25;
const CERTIFICATES_PER_MODULE = 100;
const DIPLOMAS = 4;
const BARE_RUNS = 1_000;

interface LoadResult {
  client: string;
  mode: string;
  completed: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** Open loop: requests not sent because too many were already waiting. */
  dropped: number;
  errorSample?: string;
  clientCpuMsPerRequest: number;
  totalRequests: number;
}
interface RunResult extends LoadResult {
  server: string;
  serverCpuMsPerRequest: number | null;
  dbCpuMsPerRequest: number | null;
  peakServerRssMb: number | null;
}
interface TargetResult {
  target: string;
  credentials: { certificates: number; diplomas: number };
  bare: { library: number; withDatabase: number; byKind: Record<string, number> };
  runs: RunResult[];
}

// ---- Parent ----------------------------------------------------------------------------------------------------

function main(): void {
  console.log(
    `credential-verify: POST /credentials/verify; node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  );
  console.log(
    `closed loop: ${CONCURRENCY} concurrent clients, ${WARM_UP_S} s warm-up + ${DURATION_S} s; open loop: ${TARGET_RATE} requests/s, same durations`,
  );
  const targets: [string, string][] = [['PGlite (embedded)', '']];
  if (process.env.DATABASE_URL) targets.push(['PostgreSQL', process.env.DATABASE_URL]);
  const only = process.env.BENCH_TARGETS?.split(',').map((name) => name.trim().toLowerCase());
  if (only) targets.splice(0, targets.length, ...targets.filter(([name]) => only.some((wanted) => name.toLowerCase().startsWith(wanted))));
  const results: TargetResult[] = [];
  for (const [name, url] of targets) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--serve', name, url], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      env: process.env,
      maxBuffer: 1 << 26,
    });
    const lines = (child.stdout ?? '').trim().split('\n');
    if (child.status !== 0) {
      console.log(lines.join('\n'));
      console.log(`${name}: the run failed (${child.signal ? `signal ${child.signal}` : `exit ${child.status}`})`);
      process.exitCode = 1;
      continue;
    }
    if (lines.length > 1) console.log(lines.slice(0, -1).join('\n'));
    results.push(JSON.parse(lines[lines.length - 1]) as TargetResult);
  }
  if (!results.length) return;
  console.log(
    `\nSummary: target ${TARGET_RATE} verifications/s with p95 < ${TARGET_P95_MS} ms (2 cores shared by server, database and load generator)`,
  );
  console.log(
    `${'server'.padEnd(42)}${'load'.padEnd(12)}${'req/s'.padStart(8)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'errors'.padStart(8)}${'CPU ms/req app+db'.padStart(19)}  bare verifyCredential/s (library; +db)`,
  );
  for (const result of results) {
    for (const run of result.runs) {
      const met = run.errors === 0 && run.throughput >= TARGET_RATE * 0.97 && run.p95 < TARGET_P95_MS;
      // A missed target is reported; only failed verifications fail the run.
      if (run.errors > 0) process.exitCode = 1;
      const cpu =
        run.serverCpuMsPerRequest === null
          ? '-'
          : `${fmt(run.serverCpuMsPerRequest, 2)}${run.dbCpuMsPerRequest === null ? '' : `+${fmt(run.dbCpuMsPerRequest, 2)}`}`;
      console.log(
        `${run.server.padEnd(42)}${run.mode.padEnd(12)}${fmt(run.throughput, 0).padStart(8)}${fmt(run.p50).padStart(8)}${fmt(run.p95).padStart(8)}${fmt(run.p99).padStart(8)}${String(run.errors + run.dropped).padStart(8)}${cpu.padStart(19)}  ${fmt(result.bare.library, 0)}; ${fmt(result.bare.withDatabase, 0)}${run.mode.startsWith('open') ? `  ${met ? 'met' : 'MISSED'}` : ''}`,
      );
    }
  }
}

// ---- One database: prepare, measure the bare library, serve, load --------------------------------------------

async function serveTarget(target: string, serverUrl: string): Promise<void> {
  const { IssuerIdentityService } = await import('../src/credentials/issuers/issuer-identity.service.js');
  const { VcEnvironment } = await import('../src/credentials/vc-environment.service.js');
  const { createDocumentLoader } = await import('../src/credentials/vc/document-loader.js');
  const { verifyCredential } = await import('../src/credentials/vc/verifier.js');
  const log = (line: string) => console.log(line);
  log(`\n==== ${target} ====`);
  const fresh = serverUrl ? await freshPostgresDatabase(serverUrl, 'verify') : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'verify-bench-'));
  let bench: Awaited<ReturnType<typeof startBenchApp>> | undefined = await startBenchApp(fresh?.url);
  try {
    const db = bench.database.dataSource;
    const [{ version }] = (await db.query(`SELECT version()`)) as { version: string }[];
    log(`server: ${version.split(',')[0]}${fresh ? ` (database ${fresh.name})` : ''}`);

    // -- Credentials: certificates of three modules (3, 4, 5 competencies) in bulk, then co-accredited diplomas.
    const started = performance.now();
    const school = await prepareSchool(bench);
    const partner = await bench.call(
      'POST',
      '/institutions',
      { slug: 'ehesp-bench', kind: 'school', name: { fr: 'École des hautes études en santé publique (benchmark)' }, country: 'FR' },
      school.adminToken,
    );
    expectStatus(partner, 201, 'create the partner school');
    expectStatus(
      await bench.call(
        'POST',
        '/users',
        {
          email: 'registrar@ehesp-bench.example',
          password: 'bench-registrar-password',
          displayName: 'Partner registrar',
          role: 'registrar',
          institutionId: partner.body.id,
        },
        school.adminToken,
      ),
      201,
      'create the partner registrar',
    );
    const partnerLogin = await bench.call<{ accessToken: string }>('POST', '/auth/login', {
      email: 'registrar@ehesp-bench.example',
      password: 'bench-registrar-password',
    });
    for (const [index, module] of school.modules.entries()) {
      const sessionId = await passedSession(bench, school, module.id, CERTIFICATES_PER_MODULE, `cert${index}`);
      const batch = await bench.call('POST', `/sessions/${sessionId}/credential-batches`, undefined, school.registrarToken);
      expectStatus(batch, 202, 'start a batch');
      for (
        let state = batch.body;
        state.state !== 'completed';
        state = (await bench.call('GET', `/credential-batches/${batch.body.id}`, undefined, school.registrarToken)).body
      ) {
        if (state.state === 'failed') throw new Error(`batch failed: ${JSON.stringify(state)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const programme = await bench.call(
      'POST',
      '/programmes',
      {
        code: 'DMH',
        kind: 'diploma',
        title: { fr: 'Diplôme de management hospitalier' },
        awardingInstitutionIds: [school.schoolId, partner.body.id],
        minimumAverage: 50,
        modules: [
          { moduleId: school.modules[0].id, required: true },
          { moduleId: school.modules[1].id, required: true },
        ],
      },
      school.registrarToken,
    );
    expectStatus(programme, 201, 'create the co-accredited programme');
    const first = await passedSession(bench, school, school.modules[0].id, DIPLOMAS, 'dipl');
    const [{ id: second }] = (await db.query(
      `INSERT INTO training_session (code, "moduleId", "institutionId", "startsOn", "endsOn", place, trainers, capacity)
       VALUES ('S-dipl2', $1, $2, '2026-04-06', '2026-04-10', 'Alger', '[]', $3) RETURNING id`,
      [school.modules[1].id, school.schoolId, DIPLOMAS],
    )) as { id: string }[];
    await db.query(
      `INSERT INTO enrolment ("sessionId", "learnerId", status, "attendanceRate", "completedAt") SELECT $2, "learnerId", 'completed', 100, now() FROM enrolment WHERE "sessionId" = $1`,
      [first, second],
    );
    await db.query(
      `INSERT INTO assessment ("enrolmentId", kind, score, "maxScore", "passMark", passed, "assessedAt") SELECT id, 'final_exam', 15, 20, 10, true, now() FROM enrolment WHERE "sessionId" = $1`,
      [second],
    );
    const diplomaLearners = (
      (await db.query(`SELECT "learnerId" FROM enrolment WHERE "sessionId" = $1`, [first])) as { learnerId: string }[]
    ).map((row) => row.learnerId);
    for (const learnerId of diplomaLearners) {
      const prepared = await bench.call(
        'POST',
        '/credentials/diplomas',
        { programmeId: programme.body.id, learnerId },
        school.registrarToken,
      );
      expectStatus(prepared, 201, 'prepare a diploma');
      expectStatus(
        await bench.call('POST', `/credentials/${prepared.body.id}/signatures`, {}, partnerLogin.body.accessToken),
        200,
        'co-sign a diploma',
      );
    }
    const rows = (await db.query(`SELECT kind, document FROM credential WHERE state = 'issued' ORDER BY kind DESC, id`)) as {
      kind: string;
      document: Record<string, unknown>;
    }[];
    // Diplomas spread through the list, so every stretch of the load has some.
    const certificates = rows.filter((row) => row.kind === 'certificate');
    const diplomas = rows.filter((row) => row.kind === 'diploma');
    const step = Math.floor(certificates.length / Math.max(1, diplomas.length));
    const documents = certificates
      .flatMap((row, i) => (i % step === 0 && diplomas[i / step] ? [row, diplomas[i / step]] : [row]))
      .map((row) => row.document);
    log(
      `credentials: ${certificates.length} certificates (modules of 3, 4, 5 competencies, 2 status entries each) and ${diplomas.length} co-accredited diplomas (2 proofs), issued in ${fmt((performance.now() - started) / 1000)} s`,
    );
    const file = join(dir, 'credentials.json');
    writeFileSync(file, JSON.stringify(documents));

    // -- The bare library on the same credentials, one core.
    const identity = bench.app.get(IssuerIdentityService);
    const environment = bench.app.get(VcEnvironment);
    const dids = new Map<string, Awaited<ReturnType<typeof identity.resolveOwnDid>>>();
    for (const document of documents) {
      for (const proof of [document.proof].flat() as { verificationMethod: string }[]) {
        const did = proof.verificationMethod.split('#')[0];
        if (!dids.has(did)) dids.set(did, await identity.resolveOwnDid(did));
      }
    }
    const memoryLoader = createDocumentLoader({
      resolveDidWeb: async (did) => {
        const found = dids.get(did);
        if (!found) throw new Error(`unknown ${did}`);
        return found;
      },
    });
    const bareRun = async (label: string, verify: (document: Record<string, unknown>) => Promise<boolean>) => {
      for (const document of documents.slice(0, 50))
        if (!(await verify(document))) throw new Error(`${label}: a benchmark credential does not verify`);
      const byKind: Record<string, number[]> = { certificate: [], diploma: [] };
      const t0 = performance.now();
      const { cpuMs } = await withCpu(async () => {
        for (let i = 0; i < BARE_RUNS; i++) {
          const document = documents[i % documents.length];
          const s = performance.now();
          if (!(await verify(document))) throw new Error(`${label}: a benchmark credential does not verify`);
          byKind[[document.proof].flat().length > 1 ? 'diploma' : 'certificate'].push(performance.now() - s);
        }
      });
      const rate = (BARE_RUNS * 1000) / (performance.now() - t0);
      log(
        `bare verifyCredential, ${label}: ${fmt(rate, 0)} verifications/s on one core (CPU ${fmt(cpuMs / BARE_RUNS, 2)} ms each; certificate p50 ${fmt(stats(byKind.certificate).p50, 2)} ms, diploma p50 ${fmt(stats(byKind.diploma).p50, 2)} ms)`,
      );
      return { rate, byKind: { certificate: stats(byKind.certificate).p50, diploma: stats(byKind.diploma).p50 } };
    };
    const library = await bareRun(
      'proofs only (DID documents in memory, no status check)',
      async (credential) => (await verifyCredential({ credential, documentLoader: memoryLoader })).verified,
    );
    const withDatabase = await bareRun(
      'as the service calls it (DIDs and both status lists from the database)',
      async (credential) =>
        (await verifyCredential({ credential, documentLoader: environment.documentLoader, checkStatus: environment.checkStatus })).verified,
    );

    // -- Serve and load.
    const runs: RunResult[] = [];
    const measure = async (server: string, base: string, serverPid: number | null, selfServed: boolean) => {
      for (const mode of [`closed:${CONCURRENCY}`, `open:${TARGET_RATE}`]) {
        log(
          `load average before ${server}, ${mode}: ${loadavg()
            .map((v) => v.toFixed(2))
            .join(' ')}`,
        );
        const dbCpu = fresh ? serverCpu(serverUrl, fresh.name) : undefined;
        await dbCpu?.start();
        const cpuBefore = selfServed ? process.cpuUsage() : undefined;
        const treeBefore = serverPid ? processTreeCpuMs(serverPid) : null;
        const rss = selfServed ? rssSampler() : undefined;
        let peakServerRssMb: number | null = null;
        const sampler = serverPid
          ? setInterval(() => {
              const mb = treeRssMb(serverPid);
              if (mb !== null) peakServerRssMb = Math.max(peakServerRssMb ?? 0, mb);
            }, 200)
          : undefined;
        const load = await runLoadGenerator(base, file, mode);
        clearInterval(sampler);
        const serverCpuMs = selfServed
          ? (() => {
              const used = process.cpuUsage(cpuBefore);
              return (used.user + used.system) / 1000;
            })()
          : serverPid && treeBefore !== null
            ? (processTreeCpuMs(serverPid) ?? treeBefore) - treeBefore
            : null;
        const dbCpuMs = (await dbCpu?.stop()) ?? null;
        if (rss) peakServerRssMb = rss.stop();
        const run: RunResult = {
          ...load,
          server,
          peakServerRssMb,
          serverCpuMsPerRequest: serverCpuMs === null ? null : serverCpuMs / Math.max(1, load.totalRequests),
          dbCpuMsPerRequest: dbCpuMs === null ? null : dbCpuMs / Math.max(1, load.totalRequests),
        };
        log(
          `${server}, ${mode === `closed:${CONCURRENCY}` ? `${CONCURRENCY} concurrent clients` : `${TARGET_RATE} requests/s offered`}: ${fmt(run.throughput, 0)} verifications/s, p50 ${fmt(run.p50)} ms, p95 ${fmt(run.p95)} ms, p99 ${fmt(run.p99)} ms, max ${fmt(run.max)} ms, ${run.errors} errors${run.dropped ? `, ${run.dropped} not sent (over 256 waiting)` : ''}${run.errorSample ? ` (${run.errorSample})` : ''}`,
        );
        log(
          `  CPU per verification: server ${run.serverCpuMsPerRequest === null ? '-' : fmt(run.serverCpuMsPerRequest, 2)} ms${run.dbCpuMsPerRequest === null ? '' : `, PostgreSQL ${fmt(run.dbCpuMsPerRequest, 2)} ms`}, load generator (${run.client}) ${fmt(run.clientCpuMsPerRequest, 2)} ms; server peak RSS ${peakServerRssMb === null ? '-' : `${fmt(peakServerRssMb, 0)} MB`}`,
        );
        runs.push(run);
      }
    };
    if (!fresh) {
      await measure('PGlite, 1 process (embedded DB)', bench.base, null, true);
    } else {
      // The real server, dist/src/main.js, on the same database; the app used to prepare the data is closed first.
      await bench.close();
      bench = undefined;
      for (const workers of (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number)) {
        const server = await startServer(fresh.url, workers);
        try {
          await measure(
            workers === 1 ? 'PostgreSQL, 1 process' : `PostgreSQL, ${workers} workers (WEB_CONCURRENCY)`,
            server.base,
            server.child.pid!,
            false,
          );
          if (server.errors().length) log(`  the server logged:\n    ${server.errors().join('\n    ')}`);
        } finally {
          await server.stop();
        }
      }
    }
    const result: TargetResult = {
      target,
      credentials: { certificates: certificates.length, diplomas: diplomas.length },
      bare: { library: library.rate, withDatabase: withDatabase.rate, byKind: library.byKind },
      runs,
    };
    console.log(JSON.stringify(result));
  } finally {
    await bench?.close();
    await fresh?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function treeRssMb(pid: number): number | null {
  try {
    const own = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return own / 1e6 + children.reduce((sum, child) => sum + (treeRssMb(child) ?? 0), 0);
  } catch {
    return null;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** dist/src/main.js on the benchmark's database, listening on 127.0.0.1 only; WEB_CONCURRENCY workers. */
async function startServer(
  databaseUrl: string,
  workers: number,
): Promise<{ base: string; child: ChildProcess; errors(): string[]; stop(): Promise<void> }> {
  const port = await freePort();
  const main = fileURLToPath(new URL('../src/main.js', import.meta.url));
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the server.
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), main], {
    env: {
      ...process.env,
      ...BENCH_ENV,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      WEB_CONCURRENCY: String(workers),
      JOB_WORKERS: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let listening = 0;
  // What the server logged as errors (Nest writes them to stderr), to show when requests failed.
  const errorLines: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    for (const line of chunk.toString().split('\n'))
      if (line.trim() && errorLines.length < 20) errorLines.push(stripVTControlCharacters(line).slice(0, 400));
  });
  // Each process that serves (the only one, or every worker) logs "Listening on" once.
  child.stdout!.on('data', (chunk: Buffer) => {
    listening += chunk.toString().split('Listening on').length - 1;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (listening < workers) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) throw new Error(`the server did not start in 60 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expectStatus(
    await fetch(`${base}/health`).then(async (response) => ({ status: response.status, body: await response.text() })),
    200,
    'server health',
  );
  return {
    base,
    child,
    errors: () => errorLines,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

function runLoadGenerator(base: string, file: string, mode: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--load', base, file, mode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the load generator exited with ${code}: ${out}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult);
    });
  });
}

// ---- Load generator (its own process) ------------------------------------------------------------------------

const VERIFIED = Buffer.from('{"verified":true,');

async function load(base: string, file: string, mode: string): Promise<void> {
  const { hostname, port } = new URL(base);
  const requests = (JSON.parse(readFileSync(file, 'utf8')) as unknown[]).map((verifiableCredential) =>
    jsonPost(`${hostname}:${port}`, '/credentials/verify', JSON.stringify({ verifiableCredential })),
  );
  const [kind, value] = mode.split(':');
  let next = 0;
  let errors = 0;
  let errorSample: string | undefined;
  let total = 0;
  const latencies: number[] = [];
  const start = performance.now();
  const from = start + WARM_UP_S * 1000;
  const end = from + DURATION_S * 1000;
  const pool = new ConnectionPool(Number(port), hostname, kind === 'closed' ? Number(value) : 64);
  const cpuStart = process.cpuUsage();
  /** One verification; latency counted from `due` (its scheduled time in the open loop), completions inside the window. */
  const once = async (due: number): Promise<void> => {
    const request = requests[next++ % requests.length];
    let ok = false;
    try {
      const answer = await pool.request(request);
      // The verdict's first member: {"verified":true,… (its members come in a fixed order).
      ok = answer.status === 200 && answer.body.subarray(0, VERIFIED.length).equals(VERIFIED);
      if (!ok) errorSample ??= `HTTP ${answer.status} ${answer.body.subarray(0, 300).toString()}`;
    } catch (error) {
      errorSample ??= (error as Error).message;
    }
    const done = performance.now();
    total++;
    if (done >= from && done <= end) {
      latencies.push(done - due);
      if (!ok) errors++;
    }
  };
  let dropped = 0;
  if (kind === 'closed') {
    await Promise.all(
      Array.from({ length: Number(value) }, async () => {
        while (performance.now() < end) await once(performance.now());
      }),
    );
  } else {
    const interval = 1000 / Number(value);
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; ; i++) {
      const due = start + i * interval;
      if (due >= end) break;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (inFlight.size >= 256) {
        if (due >= from) dropped++;
        continue;
      }
      const request = once(due).finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    await Promise.all(inFlight);
  }
  const cpu = process.cpuUsage(cpuStart);
  pool.close();
  const s = stats(latencies);
  const result: LoadResult = {
    client: 'keep-alive sockets',
    mode,
    completed: latencies.length,
    throughput: latencies.length / DURATION_S,
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    max: s.max,
    errors,
    dropped,
    errorSample,
    clientCpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, total),
    totalRequests: total,
  };
  console.log(JSON.stringify(result));
}

// Last, so every constant above is initialised before it runs.
if (process.argv[2] === '--serve') await serveTarget(process.argv[3], process.argv[4]);
else if (process.argv[2] === '--load') await load(process.argv[3], process.argv[4], process.argv[5]);
else main();
