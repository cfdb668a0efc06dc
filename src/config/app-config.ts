// Configuration read once from the environment at start, validated and typed; a bad variable stops the boot.
import { randomBytes } from 'node:crypto';

export interface AppConfig {
  port: number;
  publicBaseUrl: string;
  /** PostgreSQL server URL; absent means the embedded PGlite database. */
  databaseUrl?: string;
  pgliteDir: string;
  jwt: { secret: string; ttlSeconds: number; generated: boolean };
  admin: { email: string; password: string };
  loadDemoData: boolean;
  login: { maxFailures: number; windowSeconds: number };
  bodyLimit: string;
  /** Largest uploaded file (imports, PDFs to verify). */
  importMaxBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max}`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, fallback?: string, protocols = ['http:', 'https:']): string | undefined => {
    const raw = env[name] || fallback;
    if (!raw) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) problems.push(`${name} must use ${protocols.join(' or ')}`);
    } catch {
      problems.push(`${name} must be a URL`);
    }
    return raw.replace(/\/+$/, '');
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!['true', 'false', '1', '0'].includes(raw)) problems.push(`${name} must be true or false`);
    return raw === 'true' || raw === '1';
  };

  const port = int('PORT', 3000, 0, 65535);
  const production = env.NODE_ENV === 'production';

  const secret = env.JWT_SECRET;
  if (secret !== undefined && secret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (production && !secret) problems.push('JWT_SECRET is required when NODE_ENV=production');

  const adminPassword = env.ADMIN_PASSWORD ?? 'admin-demo-2026';
  if (adminPassword.length < 10) problems.push('ADMIN_PASSWORD must be at least 10 characters');
  if (production && !env.ADMIN_PASSWORD) problems.push('ADMIN_PASSWORD is required when NODE_ENV=production');

  const config: AppConfig = {
    port,
    publicBaseUrl: url('PUBLIC_BASE_URL', `http://localhost:${port}`)!,
    databaseUrl: url('DATABASE_URL', undefined, ['postgres:', 'postgresql:']),
    pgliteDir: env.PGLITE_DIR || './data',
    jwt: {
      secret: secret ?? randomBytes(32).toString('base64url'),
      ttlSeconds: int('JWT_TTL_SECONDS', 3600, 60, 7 * 24 * 3600),
      generated: !secret,
    },
    admin: { email: (env.ADMIN_EMAIL ?? 'admin@demo.example').toLowerCase(), password: adminPassword },
    loadDemoData: bool('DEMO_DATA', !production),
    login: {
      maxFailures: int('LOGIN_MAX_FAILURES', 5, 1, 1000),
      windowSeconds: int('LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    },
    bodyLimit: env.BODY_LIMIT || '1mb',
    importMaxBytes: int('IMPORT_MAX_BYTES', 100 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
