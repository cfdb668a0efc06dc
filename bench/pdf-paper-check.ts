// What the paper check adds to verifying an uploaded certificate PDF: extraction alone (before) against extraction,
// redraw and structural comparison (after), per verification, on the fixtures' module certificate and diploma.
// The single-definition check (pdf-object-definitions.ts) is measured on its own line.
// The credential's signature check and the snapshot query are left out: they are the same before and after.
// Run: npm run build && node dist/bench/pdf-paper-check.js [count]
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { extractEmbeddedCredential } from '../src/documents/certificate-extractor.js';
import { CertificateRenderer } from '../src/documents/certificate-renderer.js';
import { DecodeBudget } from '../src/documents/pdf-decoding.js';
import { checkSingleDefinitions } from '../src/documents/pdf-object-definitions.js';
import { comparePrintedPdf } from '../src/documents/printed-pages.js';
import { newCertificateFixtures } from '../src/documents/testing/certificate-fixtures.js';

const COUNT = Number(process.argv[2] ?? 200);
const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function main(): Promise<void> {
  const fixtures = await newCertificateFixtures();
  const renderer = CertificateRenderer.create();
  const inputs = [fixtures.moduleCertificate, fixtures.coAccreditedDiploma];
  const pdfs = await Promise.all(inputs.map((input) => renderer.render(input)));

  const run = async (label: string, withPaper: boolean, withDefinitions = false): Promise<void> => {
    const samples: number[] = [];
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < COUNT + 10; i += 1) {
      const start = performance.now();
      const budget = new DecodeBudget();
      const extracted = await extractEmbeddedCredential(pdfs[i % 2], { maxBytes: 10 * 1024 * 1024, budget });
      if (!extracted.ok) throw new Error(extracted.message);
      if (withPaper) {
        const uploaded = await new DecodeBudget().load(pdfs[i % 2]);
        if (withDefinitions && !checkSingleDefinitions(uploaded, pdfs[i % 2]).single) throw new Error('a genuine PDF was found ambiguous');
        const expected = await new DecodeBudget(Number.POSITIVE_INFINITY).load(
          await renderer.render({ view: inputs[i % 2].view, credential: extracted.credential }),
        );
        if (!comparePrintedPdf(uploaded, expected, budget).same) throw new Error('a genuine PDF did not compare equal');
      }
      if (i >= 10) samples.push(performance.now() - start);
    }
    const cpu = process.cpuUsage(cpuStart);
    samples.sort((a, b) => a - b);
    console.log(
      `${label}: p50 ${quantile(samples, 0.5).toFixed(2)} ms, p95 ${quantile(samples, 0.95).toFixed(2)} ms, CPU ${((cpu.user + cpu.system) / 1000 / (COUNT + 10)).toFixed(2)} ms per verification`,
    );
  };

  console.log(`PDF verification, ${COUNT} uploads (module certificate and co-accredited diploma alternately)`);
  console.log(
    `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await run('before (extraction only)', false);
  await run('after (extraction + paper check)', true);
  await run('after (extraction + single-definition check + paper check)', true, true);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
