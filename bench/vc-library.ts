// Cost of one credential signature and one verification (eddsa-rdfc-2022) on one core, for a minimal VC 2.0
// credential, an Open Badges 3.0 certificate and a two-proof co-accredited diploma; signatures also with the stock
// library call (vc.issue with the key pair's own signer, which imports the secret key at every signature).
// Run: npm run build && node dist/bench/vc-library.js [iterations]
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type JsonObject, issueCredential } from '../src/credentials/vc/issuer.js';
import {
  newCoAccreditedDiploma,
  newCrisisManagementCertificate,
  newDocumentLoader,
  newEhespRennes,
  newEnsmAlger,
  newLearner,
} from '../src/credentials/vc/vc-test-factory.js';
import { verifyCredential } from '../src/credentials/vc/verifier.js';

const ITERATIONS = Number(process.argv[2] ?? 500);
const WARM_UP = 50;
const NOW = '2026-09-01T10:00:00Z';

interface Figures {
  name: string;
  mean: number;
  p50: number;
  p95: number;
  opsPerSecond: number;
}

async function measure(name: string, operation: () => Promise<unknown>): Promise<Figures> {
  for (let i = 0; i < WARM_UP; i += 1) await operation();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    const start = performance.now();
    await operation();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, s) => sum + s, 0) / samples.length;
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { name, mean, p50: at(0.5), p95: at(0.95), opsPerSecond: 1000 / mean };
}

async function main(): Promise<void> {
  const [ensm, ehesp] = await Promise.all([newEnsmAlger(), newEhespRennes()]);
  const learnerDid = (await newLearner()).did;
  const documentLoader = newDocumentLoader({ didDocuments: [ensm.didDocument, ehesp.didDocument] });
  const sign = (credential: JsonObject, school = ensm): Promise<JsonObject> =>
    issueCredential({ credential, signer: { keyPair: school.keyPair }, documentLoader, date: '2026-07-01T00:00:00Z' });
  const stockSign = (credential: JsonObject, school = ensm): Promise<JsonObject> =>
    vc.issue({
      credential: structuredClone(credential),
      documentLoader,
      now: '2026-07-01T00:00:00Z',
      suite: new DataIntegrityProof({ signer: school.keyPair.signer(), date: '2026-07-01T00:00:00Z', cryptosuite: eddsaRdfc2022 }),
    });
  const verify = async (credential: JsonObject): Promise<void> => {
    const report = await verifyCredential({ credential, documentLoader, now: NOW });
    if (!report.verified) throw new Error(`benchmark credential does not verify: ${JSON.stringify(report.errors)}`);
  };

  const minimal: JsonObject = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:3e9b1f0a-6c2d-4b8e-a1f3-5d7c9e0b2a4f',
    type: ['VerifiableCredential'],
    name: 'Attestation de présence',
    issuer: ensm.did,
    validFrom: '2026-06-30T00:00:00Z',
    credentialSubject: { id: learnerDid },
  };
  const certificate = newCrisisManagementCertificate({ school: ensm, learnerDid });
  const diploma = await sign(await sign(newCoAccreditedDiploma({ lead: ensm, partner: ehesp, learnerDid })), ehesp);
  const [signedMinimal, signedCertificate] = await Promise.all([sign(minimal), sign(certificate)]);

  const results: Figures[] = [];
  results.push(await measure('VC 2.0 minimal      issue', () => sign(minimal)));
  results.push(await measure('VC 2.0 minimal      issue, stock', () => stockSign(minimal)));
  results.push(await measure('VC 2.0 minimal      verify', () => verify(signedMinimal)));
  results.push(await measure('OB 3.0 certificate  issue', () => sign(certificate)));
  results.push(await measure('OB 3.0 certificate  issue, stock', () => stockSign(certificate)));
  results.push(await measure('OB 3.0 certificate  verify', () => verify(signedCertificate)));
  results.push(await measure('OB 3.0 diploma, 2 proofs verify', () => verify(diploma)));

  console.log(`vc-library: ${ITERATIONS} operations after ${WARM_UP} warm-up, sequential (one core)`);
  console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);
  console.log(`${'operation'.padEnd(34)}${'mean ms'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'ops/s'.padStart(9)}`);
  for (const r of results) {
    console.log(
      `${r.name.padEnd(34)}${r.mean.toFixed(2).padStart(9)}${r.p50.toFixed(2).padStart(9)}${r.p95.toFixed(2).padStart(9)}${r.opsPerSecond.toFixed(0).padStart(9)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
