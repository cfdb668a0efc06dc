// Runs every benchmark in sequence, each in its own process with this environment (DATABASE_URL included): the
// known ones first, then any other compiled dist/bench/*.js. Prints a header per benchmark and a summary of exit
// statuses and durations; exits non-zero when one failed.
// npm run bench            (builds, then runs them all)
// node dist/bench/run.js gap-analysis vc-library      (only those)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KNOWN = ['esco-import', 'vc-library', 'gap-analysis'];

interface Outcome {
  name: string;
  status: string;
  ok: boolean;
  seconds: number;
}

async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const self = fileURLToPath(import.meta.url)
    .split(/[\\/]/)
    .pop()!
    .replace(/\.js$/, '');
  const others = readdirSync(here)
    .filter((file) => file.endsWith('.js'))
    .map((file) => file.slice(0, -3))
    .filter((name) => name !== self && !KNOWN.includes(name))
    .sort();
  const wanted = process.argv.slice(2);
  const names = [...KNOWN, ...others].filter((name) => !wanted.length || wanted.includes(name));
  const unknown = wanted.filter((name) => !names.includes(name));
  if (unknown.length) {
    console.error(`No benchmark named ${unknown.join(', ')} (there are: ${[...KNOWN, ...others].join(', ')})`);
    process.exitCode = 1;
    return;
  }

  const outcomes: Outcome[] = [];
  for (const [index, name] of names.entries()) {
    const file = join(here, `${name}.js`);
    console.log(
      `\n${'='.repeat(100)}\n[${index + 1}/${names.length}] ${name}  (node ${file}${process.env.DATABASE_URL ? ', DATABASE_URL set' : ''})\n${'='.repeat(100)}`,
    );
    if (!existsSync(file)) {
      console.log(`${file} is missing: was the build run?`);
      outcomes.push({ name, status: 'missing', ok: false, seconds: 0 });
      continue;
    }
    const started = performance.now();
    const { code, signal } = await run(file);
    const seconds = (performance.now() - started) / 1000;
    outcomes.push({ name, status: signal ? `signal ${signal}` : `exit ${code}`, ok: code === 0, seconds });
  }

  console.log(`\n${'='.repeat(100)}\nSummary`);
  for (const outcome of outcomes) {
    console.log(
      `  ${outcome.name.padEnd(24)}${(outcome.ok ? 'ok' : 'FAILED').padEnd(8)}${outcome.status.padEnd(16)}${outcome.seconds.toFixed(1).padStart(8)} s`,
    );
  }
  const failed = outcomes.filter((outcome) => !outcome.ok);
  const total = outcomes.reduce((sum, outcome) => sum + outcome.seconds, 0);
  console.log(
    `${outcomes.length - failed.length}/${outcomes.length} benchmarks succeeded in ${total.toFixed(1)} s${failed.length ? `; failed: ${failed.map((o) => o.name).join(', ')}` : ''}`,
  );
  if (failed.length || outcomes.length === 0) process.exitCode = 1;
}

function run(file: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { stdio: 'inherit', env: process.env });
    child.once('error', (error) => {
      console.error(`cannot start ${file}: ${error.message}`);
      resolve({ code: null, signal: null });
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

await main();
