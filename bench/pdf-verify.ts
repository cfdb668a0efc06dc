// Benchmark of POST /verifications with a certificate PDF over real HTTP: what an employer's upload costs, from the
// multipart body to the verdict (extraction, signature and status checks, and, since the paper binding, the redraw and
// comparison of the pages). Sequential requests, so the latency is the work of one verification, not queueing; the
// CPU per request is the whole process's (server and database client), measured around the run.
// npm run build && DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node dist/bench/pdf-verify.js [count]
// Without DATABASE_URL the embedded database is used. Run the same file built from an earlier commit to compare.
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  expectStatus,
  fmt,
  freshPostgresDatabase,
  passedSession,
  prepareSchool,
  startBenchApp,
  stats,
  withCpu,
} from './support/credential-fixtures.js';

const COUNT = Number(process.argv[2] ?? 200);
const WARM_UP = 20;

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const fresh = serverUrl ? await freshPostgresDatabase(serverUrl, 'pdfverify') : undefined;
  const bench = await startBenchApp(fresh?.url);
  try {
    const school = await prepareSchool(bench);
    const sessionId = await passedSession(bench, school, school.modules[2].id, 2, 'pdf');
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
    const [{ id }] = (await bench.database.dataSource.query(`SELECT id FROM credential WHERE state = 'issued' LIMIT 1`)) as {
      id: string;
    }[];
    const download = await fetch(`${bench.base}/credentials/${id}/pdf`, { headers: { authorization: `Bearer ${school.registrarToken}` } });
    if (download.status !== 200) throw new Error(`PDF download answered ${download.status}`);
    const pdf = new Uint8Array(await download.arrayBuffer());

    const verifyOnce = async (): Promise<number> => {
      const form = new FormData();
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'certificat.pdf');
      const started = performance.now();
      const response = await fetch(`${bench.base}/verifications`, { method: 'POST', body: form });
      const body = (await response.json()) as { verified?: boolean };
      if (response.status !== 200 || body.verified !== true)
        throw new Error(`a genuine PDF did not verify: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
      return performance.now() - started;
    };
    for (let i = 0; i < WARM_UP; i++) await verifyOnce();
    const samples: number[] = [];
    const { cpuMs } = await withCpu(async () => {
      for (let i = 0; i < COUNT; i++) samples.push(await verifyOnce());
    });
    const s = stats(samples);
    console.log(
      `POST /verifications, certificate PDF of ${fmt(pdf.length / 1024, 0)} KiB (${fresh ? 'PostgreSQL' : 'PGlite'}), ${COUNT} sequential uploads; load average ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `p50 ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms, p99 ${fmt(s.p99)} ms; CPU ${fmt(cpuMs / COUNT)} ms per verification (server process, client included)`,
    );
  } finally {
    await bench.close();
    await fresh?.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
