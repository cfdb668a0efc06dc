// The lines of our own sources that match a rule, for the specs that keep a habit of the code base (queries in
// repositories, time from the clock): each hit as `path:line: text`, the path relative to src/.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const SRC = new URL('../..', import.meta.url).pathname;

/** The .ts files under `path` (or `path` itself), specs left out, and files whose name `skip` refuses. */
export function sourceFiles(path: string, skip: (name: string) => boolean = () => false): string[] {
  if (path.endsWith('.ts')) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    const child = join(path, entry.name);
    if (entry.isDirectory()) return sourceFiles(child, skip);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !skip(entry.name) ? [child] : [];
  });
}

export interface SourceHit {
  /** Relative to src/. */
  file: string;
  /** `file:line: text`. */
  where: string;
}

export function linesMatching(paths: string[], rule: RegExp): SourceHit[] {
  return paths.flatMap((path) => {
    const file = relative(SRC, path);
    return readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, index) => (rule.test(line) ? [{ file, where: `${file}:${index + 1}: ${line.trim()}` }] : []));
  });
}
