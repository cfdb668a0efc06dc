// Benchmark of bulk issuance: 10,000 learners who passed one module session (set-based SQL), certified end to end
// (eligibility, status index, signature, persistence, audit) by the background batch started over HTTP as the school's
// registrar, side by side with the bare library call (@digitalbazaar/vc's issue with the stock Ed25519 Multikey signer)
// on the same Open Badges 3.0 certificate: one the service issued, proof stripped, signed again with the school's key
// and the app's document loader (measured before and after the batch, which brackets what other load the machine had).
// Our own signing call (issueCredential, src/credentials/vc/issuer.ts, which keeps the imported key) is shown beside it.
// Target: the end-to-end rate is at least half the bare rate. Runs on the embedded database and, when DATABASE_URL is
// set, on a throw-away database bench_cred_<random> created on that server (dropped at the end); each run is a child
// process, so its peak memory is its own.
// npm run build && node dist/bench/credential-issuance.js [learners]
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  expectStatus,
  fmt,
  freshPostgresDatabase,
  passedSession,
  prepareSchool,
  rssSampler,
  serverCpu,
  startBenchApp,
  stats,
  withCpu,
} from './support/credential-fixtures.js';

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 10_000);
const BARE_RUNS = 1_000;
const BARE_WARM_UP = 50;
const TARGET_RATIO = 0.5;

interface RunResult {
  target: string;
  learners: number;
  bareBefore: { rate: number; p50: number; cpuMs: number };
  bareAfter: { rate: number; p50: number; cpuMs: number };
  ourSigning: { rate: number; p50: number; cpuMs: number };
  batch: {
    issued: number;
    failed: number;
    skipped: number;
    wallMs: number;
    serverMs: number;
    rate: number;
    gapP50: number;
    gapP95: number;
    gapP99: number;
    gapMax: number;
    /** CPU per credential: this process (app, job worker, embedded database) and the PostgreSQL backends (null: embedded, or not measurable). */
    appCpuMs: number;
    dbCpuMs: number | null;
  };
  verified: boolean;
  distinctIndexes: number;
  peakRssMb: number;
  setupMs: number;
}

function main(): void {
  console.log(
    `credential-issuance: ${LEARNERS.toLocaleString('en')} OB 3.0 certificates; node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  );
  const targets: [string, string][] = [['PGlite (embedded)', '']];
  if (process.env.DATABASE_URL) targets.push(['PostgreSQL', process.env.DATABASE_URL]);
  const results: RunResult[] = [];
  for (const [name, url] of targets) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--run', name, url], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      env: process.env,
      maxBuffer: 1 << 24,
    });
    const lines = (child.stdout ?? '').trim().split('\n');
    if (child.status !== 0) {
      if (lines.length) console.log(lines.join('\n'));
      console.log(`${name}: the run failed (${child.signal ? `signal ${child.signal}` : `exit ${child.status}`})`);
      process.exitCode = 1;
      continue;
    }
    if (lines.length > 1) console.log(lines.slice(0, -1).join('\n'));
    results.push(JSON.parse(lines[lines.length - 1]) as RunResult);
  }
  if (!results.length) return;
  console.log(
    `\nSummary (rates in credentials/s; bare = the library's vc.issue alone on one core, before / after the batch; ours = issueCredential alone)`,
  );
  console.log(
    `${'database'.padEnd(20)}${'bare'.padStart(14)}${'ours'.padStart(7)}${'end-to-end'.padStart(12)}${'ratio'.padStart(8)}${'p50 ms/cred'.padStart(13)}${'CPU ratio'.padStart(11)}${'peak RSS'.padStart(10)}  target ≥ ${TARGET_RATIO}`,
  );
  for (const r of results) {
    const bare = (r.bareBefore.rate + r.bareAfter.rate) / 2;
    const ratio = r.batch.rate / bare;
    // A missed target is reported; only a wrong result (a credential missing, failed or not verifying) fails the run.
    if (r.batch.issued !== r.learners || r.batch.failed !== 0 || !r.verified) process.exitCode = 1;
    const ok = ratio >= TARGET_RATIO && r.batch.issued === r.learners && r.batch.failed === 0 && r.verified;
    const cpuRatio = (r.bareBefore.cpuMs + r.bareAfter.cpuMs) / 2 / (r.batch.appCpuMs + (r.batch.dbCpuMs ?? 0));
    console.log(
      `${r.target.padEnd(20)}${`${fmt(r.bareBefore.rate, 0)} / ${fmt(r.bareAfter.rate, 0)}`.padStart(14)}${fmt(r.ourSigning.rate, 0).padStart(7)}${fmt(r.batch.rate, 0).padStart(12)}${fmt(ratio, 2).padStart(8)}${fmt(r.batch.gapP50, 2).padStart(13)}${fmt(cpuRatio, 2).padStart(11)}${`${fmt(r.peakRssMb, 0)} MB`.padStart(10)}  ${ok ? 'met' : 'MISSED'}`,
    );
  }
}

async function runOne(target: string, serverUrl: string): Promise<void> {
  const { IssuerIdentityService } = await import('../src/credentials/issuers/issuer-identity.service.js');
  const { VcEnvironment } = await import('../src/credentials/vc-environment.service.js');
  const { issueCredential } = await import('../src/credentials/vc/issuer.js');
  const vc = await import('@digitalbazaar/vc');
  const { DataIntegrityProof } = await import('@digitalbazaar/data-integrity');
  const { cryptosuite } = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite');
  const log = (line: string) => console.log(line);
  log(`\n==== ${target} ====`);
  const fresh = serverUrl ? await freshPostgresDatabase(serverUrl, 'cred') : undefined;
  const bench = await startBenchApp(fresh?.url);
  try {
    const db = bench.database.dataSource;
    const [{ version }] = (await db.query(`SELECT version()`)) as { version: string }[];
    log(`server: ${version.split(',')[0]}${fresh ? ` (database ${fresh.name})` : ''}`);
    const setupStarted = performance.now();
    const school = await prepareSchool(bench);
    const module = school.modules[1];
    const sessionId = await passedSession(bench, school, module.id, LEARNERS, 'batch');
    const sampleSession = await passedSession(bench, school, module.id, 1, 'sample');
    const setupMs = performance.now() - setupStarted;
    log(
      `setup: school, registrar, published framework (12 competencies), modules of 3/4/5 outcomes, ${LEARNERS.toLocaleString('en')} learners enrolled, completed and passed in one session of ${module.code} (${module.outcomes} outcomes): ${fmt(setupMs / 1000)} s`,
    );

    // The reference credential: one certificate the service issued (same module, same shape), proof stripped.
    const [sample] = (await db.query(`SELECT id FROM enrolment WHERE "sessionId" = $1`, [sampleSession])) as { id: string }[];
    const issued = await bench.call('POST', '/credentials/certificates', { enrolmentId: sample.id }, school.registrarToken);
    expectStatus(issued, 201, 'issue the reference certificate');
    const { proof: _proof, ...unsigned } = issued.body.verifiableCredential as Record<string, unknown>;
    log(
      `reference credential: ${JSON.stringify(unsigned).length} bytes of JSON without its proof, ${module.outcomes} alignments, 2 status entries`,
    );
    const signer = await bench.app.get(IssuerIdentityService).unsealedKey(school.schoolId);
    const { documentLoader } = bench.app.get(VcEnvironment);
    // The library as shipped: vc.issue with the stock signer of the school's key pair.
    const stockSigner = signer.signingKey.keyPair!.signer();
    const stockSign = (date: Date) =>
      vc.issue({
        credential: structuredClone(unsigned),
        documentLoader,
        now: date,
        suite: new DataIntegrityProof({ signer: { ...stockSigner, id: signer.verificationMethod }, date, cryptosuite }),
      });
    const ourSign = (date: Date) => issueCredential({ credential: unsigned, signer: signer.signingKey, documentLoader, date });
    const bare = async (sign: (date: Date) => Promise<unknown>) => {
      for (let i = 0; i < BARE_WARM_UP; i++) await sign(new Date());
      const samples: number[] = [];
      const started = performance.now();
      const { cpuMs } = await withCpu(async () => {
        for (let i = 0; i < BARE_RUNS; i++) {
          const t0 = performance.now();
          await sign(new Date());
          samples.push(performance.now() - t0);
        }
      });
      const elapsed = performance.now() - started;
      return { rate: (BARE_RUNS * 1000) / elapsed, p50: stats(samples).p50, cpuMs: cpuMs / BARE_RUNS };
    };
    const bareBefore = await bare(stockSign);
    log(
      `bare vc.issue (stock signer), ${BARE_RUNS} sequential after ${BARE_WARM_UP} warm-up: ${fmt(bareBefore.rate, 0)} credentials/s, p50 ${fmt(bareBefore.p50, 2)} ms, CPU ${fmt(bareBefore.cpuMs, 2)} ms each`,
    );
    const ourSigning = await bare(ourSign);
    log(
      `our issueCredential alone (key kept imported): ${fmt(ourSigning.rate, 0)} credentials/s, p50 ${fmt(ourSigning.p50, 2)} ms, CPU ${fmt(ourSigning.cpuMs, 2)} ms each`,
    );

    // Bulk issuance, as the registrar would start it, timed until the batch is completed.
    log(
      `load average before the batch: ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
    );
    const rss = rssSampler();
    const dbCpu = fresh ? serverCpu(serverUrl, fresh.name) : undefined;
    await dbCpu?.start();
    const cpuAtStart = process.cpuUsage();
    const started = performance.now();
    const start = await bench.call('POST', `/sessions/${sessionId}/credential-batches`, undefined, school.registrarToken);
    expectStatus(start, 202, 'start the batch');
    let batch = start.body;
    let lastLog = started;
    while (batch.state !== 'completed' && batch.state !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const polled = await bench.call('GET', `/credential-batches/${start.body.id}`, undefined, school.registrarToken);
      expectStatus(polled, 200, 'follow the batch');
      batch = polled.body;
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        log(`  … ${batch.issued} issued after ${fmt((lastLog - started) / 1000)} s`);
      }
      if (performance.now() - started > 20 * 60_000) throw new Error('the batch did not finish in 20 minutes');
    }
    const wallMs = performance.now() - started;
    const appCpu = process.cpuUsage(cpuAtStart);
    const appCpuMs = (appCpu.user + appCpu.system) / 1000 / Math.max(1, batch.issued);
    const dbCpuTotal = (await dbCpu?.stop()) ?? null;
    const dbCpuMs = dbCpuTotal === null ? null : dbCpuTotal / Math.max(1, batch.issued);
    const peakRssMb = rss.stop();
    const serverMs = new Date(batch.finishedAt).getTime() - new Date(batch.createdAt).getTime();
    const rate = (batch.issued * 1000) / wallMs;
    // Time between consecutive credentials (issuedAt is taken just before each is signed).
    const times = (
      (await db.query(`SELECT extract(epoch FROM "issuedAt") * 1000 AS t FROM credential WHERE "batchId" = $1 ORDER BY "issuedAt"`, [
        batch.id,
      ])) as { t: string }[]
    ).map((row) => Number(row.t));
    const gaps = stats(times.slice(1).map((t, i) => t - times[i]));
    log(
      `batch ${batch.state}: ${batch.issued} issued, ${batch.skipped} skipped, ${batch.failed} failed in ${fmt(wallMs / 1000, 2)} s (server ${fmt(serverMs / 1000, 2)} s): ${fmt(rate, 0)} credentials/s`,
    );
    log(
      `  per credential (interval between consecutive issuedAt): p50 ${fmt(gaps.p50, 2)} ms, p95 ${fmt(gaps.p95, 2)} ms, p99 ${fmt(gaps.p99, 2)} ms, max ${fmt(gaps.max, 1)} ms`,
    );
    log(
      `  CPU per credential: ${fmt(appCpuMs, 2)} ms in this process (app, job worker${fresh ? '' : ', embedded database'})${dbCpuMs === null ? '' : ` + ${fmt(dbCpuMs, 2)} ms in the PostgreSQL backends`}`,
    );
    log(`  peak RSS ${fmt(peakRssMb, 0)} MB (this process: app, job worker${fresh ? '' : ', embedded database'})`);

    const [{ count: distinctIndexes }] = (await db.query(
      `SELECT count(DISTINCT ("statusListId", "statusListIndex"))::int AS count FROM credential WHERE "batchId" = $1`,
      [batch.id],
    )) as { count: number }[];
    const [{ document }] = (await db.query(`SELECT document FROM credential WHERE "batchId" = $1 ORDER BY random() LIMIT 1`, [
      batch.id,
    ])) as { document: unknown }[];
    const verdict = await bench.call('POST', '/credentials/verify', { verifiableCredential: document });
    const verified = verdict.status === 200 && verdict.body.verified === true;
    log(
      `  check: ${distinctIndexes} distinct status indexes; a random credential of the batch ${verified ? 'verifies' : `DOES NOT VERIFY: ${JSON.stringify(verdict.body).slice(0, 400)}`}`,
    );

    const bareAfter = await bare(stockSign);
    log(
      `bare vc.issue after the batch: ${fmt(bareAfter.rate, 0)} credentials/s, p50 ${fmt(bareAfter.p50, 2)} ms, CPU ${fmt(bareAfter.cpuMs, 2)} ms each`,
    );
    const bareMean = (bareBefore.rate + bareAfter.rate) / 2;
    log(`ratio end-to-end / bare: ${fmt(rate / bareMean, 2)} (target ≥ ${TARGET_RATIO})`);
    const bareCpu = (bareBefore.cpuMs + bareAfter.cpuMs) / 2;
    log(
      `  in CPU time, which other load on the machine does not skew: bare ${fmt(bareCpu, 2)} ms, end to end ${fmt(appCpuMs + (dbCpuMs ?? 0), 2)} ms per credential (ratio ${fmt(bareCpu / (appCpuMs + (dbCpuMs ?? 0)), 2)})`,
    );

    const result: RunResult = {
      target,
      learners: LEARNERS,
      bareBefore,
      bareAfter,
      ourSigning,
      setupMs,
      peakRssMb,
      verified,
      distinctIndexes,
      batch: {
        issued: batch.issued,
        failed: batch.failed,
        skipped: batch.skipped,
        wallMs,
        serverMs,
        rate,
        gapP50: gaps.p50,
        gapP95: gaps.p95,
        gapP99: gaps.p99,
        gapMax: gaps.max,
        appCpuMs,
        dbCpuMs,
      },
    };
    console.log(JSON.stringify(result));
  } finally {
    await bench.close();
    await fresh?.drop();
  }
}

// Last, so every constant above is initialised before it runs.
if (process.argv[2] === '--run') await runOne(process.argv[3], process.argv[4]);
else main();
