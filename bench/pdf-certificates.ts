// Renders a batch of bilingual certificate PDFs (module certificates and co-accredited diplomas, French + Arabic) with
// one renderer, as a nightly issuance run would, and prints per-certificate p50/p95, the batch time and PDF sizes.
// Run: npm run build && node dist/bench/pdf-certificates.js [count]
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { CertificateRenderer } from '../src/documents/certificate-renderer.js';
import type { CertificateView, LocalizedLabel } from '../src/documents/certificate-view.js';
import {
  FRAMEWORK_ITEMS,
  type RenderableCredential,
  newCertificateFixtures,
  verificationUrlFor,
} from '../src/documents/testing/certificate-fixtures.js';

const COUNT = Number(process.argv[2] ?? 1000);
const WARM_UP = 20;

const LEARNERS: LocalizedLabel[] = [
  { fr: 'Nadia Benkhelifa', ar: 'نادية بن خليفة' },
  { fr: 'Karim Haddad', ar: 'كريم حداد' },
  { fr: 'Amina Boudiaf', ar: 'أمينة بوضياف' },
  { fr: 'Yacine Merabet', ar: 'ياسين مرابط' },
  { fr: 'Leïla Saïdi', ar: 'ليلى سعيدي' },
  { fr: 'Sofiane Cherif-Bouzid', ar: 'سفيان شريف بوزيد' },
  { fr: 'Camille Lefèvre' },
  { fr: 'Hugo Martin-Delacroix' },
];

/** The i-th certificate of the batch: its own id, learner, date and competencies (the proof is not re-made: rendering does not read it). */
function variant(template: RenderableCredential, index: number): RenderableCredential {
  const uuid = `6f1c2a4e-8d3b-4c1a-9e55-${index.toString(16).padStart(12, '0')}`;
  const credential = { ...template.credential, id: `urn:uuid:${uuid}` };
  const competencyCount = 1 + (index % FRAMEWORK_ITEMS.length);
  const view: CertificateView = {
    ...template.view,
    credentialId: credential.id,
    verificationUrl: verificationUrlFor(credential.id),
    learnerName: LEARNERS[index % LEARNERS.length],
    issuedOn: new Date(Date.UTC(2026, index % 12, 1 + (index % 28))),
    competencies: FRAMEWORK_ITEMS.slice(0, competencyCount).map(({ code, label }) => ({ code, label })),
  };
  return { credential, view };
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  const fixtures = await newCertificateFixtures();
  const templates = [fixtures.moduleCertificate, fixtures.coAccreditedDiploma];

  const setupStart = performance.now();
  const renderer = CertificateRenderer.create();
  const setupMs = performance.now() - setupStart;
  const firstStart = performance.now();
  await renderer.render(templates[0]);
  const firstMs = performance.now() - firstStart;
  for (let i = 0; i < WARM_UP; i += 1) await renderer.render(variant(templates[i % 2], i));

  const inputs = Array.from({ length: COUNT }, (_, i) => variant(templates[i % 2], WARM_UP + i));
  const samples: number[] = [];
  const sizes: Record<'certificate' | 'diploma', number[]> = { certificate: [], diploma: [] };
  const cpuStart = process.cpuUsage();
  const batchStart = performance.now();
  for (const [i, input] of inputs.entries()) {
    const start = performance.now();
    const pdf = await renderer.render(input);
    samples.push(performance.now() - start);
    sizes[i % 2 === 0 ? 'certificate' : 'diploma'].push(pdf.length);
  }
  const batchMs = performance.now() - batchStart;
  const cpu = process.cpuUsage(cpuStart);
  samples.sort((a, b) => a - b);

  console.log(`PDF certificates, ${COUNT} renders (half module certificates, half co-accredited diplomas), French + Arabic`);
  console.log(
    `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`renderer setup (fonts parsed, artwork built): ${setupMs.toFixed(1)} ms; first certificate: ${firstMs.toFixed(1)} ms`);
  console.log(
    `per certificate: p50 ${quantile(samples, 0.5).toFixed(2)} ms, p95 ${quantile(samples, 0.95).toFixed(2)} ms, max ${samples[samples.length - 1].toFixed(2)} ms`,
  );
  console.log(
    `batch: ${(batchMs / 1000).toFixed(2)} s for ${COUNT} (${(batchMs / COUNT).toFixed(2)} ms each, CPU ${((cpu.user + cpu.system) / 1000 / COUNT).toFixed(2)} ms each)`,
  );
  for (const [kind, list] of Object.entries(sizes)) {
    if (!list.length) continue;
    const mean = list.reduce((sum, size) => sum + size, 0) / list.length;
    console.log(`PDF size, ${kind}: mean ${kib(mean)}, min ${kib(Math.min(...list))}, max ${kib(Math.max(...list))}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
