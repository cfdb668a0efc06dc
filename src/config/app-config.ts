// Configuration read once from the environment at start, validated and typed; a bad variable stops the boot.
import { randomBytes } from 'node:crypto';
import { loadKeyEncryptionKey } from '../credentials/vc/key-encryption.js';
import { DEFAULT_TIMEOUTS, type DatabaseTimeouts } from '../database/timeouts.js';
import { weakKeyReason, weakSecretReason } from './secret-strength.js';

/** NODE_ENV, spelt exactly: anything else (`Production`, `prod`) stops the boot instead of meaning development. */
export const ENVIRONMENTS = ['production', 'development', 'test'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** The demo's published passwords (README): never an administrator's password in production. */
const DEMO_PASSWORDS = ['admin-demo-2026', 'demo-password-2026'];

export interface AppConfig {
  /** NODE_ENV; unset means development. */
  environment: Environment;
  port: number;
  /** Address to listen on (HOST, e.g. 127.0.0.1); every interface when unset. */
  host?: string;
  publicBaseUrl: string;
  /** PostgreSQL server URL; absent means the embedded PGlite database. */
  databaseUrl?: string;
  pgliteDir: string;
  /** Bounds on every wait for the PostgreSQL server (DB_*_TIMEOUT_MS); see database/timeouts.ts. */
  databaseTimeouts: DatabaseTimeouts;
  jwt: { secret: string; ttlSeconds: number; generated: boolean };
  admin: { email: string; password: string };
  loadDemoData: boolean;
  /** Login attempts allowed per window (see auth/login-throttle.ts). */
  login: { perAddressAndAccount: number; perAccount: number; perAddress: number; windowSeconds: number };
  /** Largest JSON request body, in bytes (BODY_LIMIT: bytes, or with kb / mb). */
  bodyLimitBytes: number;
  /** Largest uploaded file (imports, PDFs to verify). */
  importMaxBytes: number;
  /** Public verification requests allowed per client address and minute (0: no limit, e.g. for benchmarks). */
  verifyRateLimit: number;
  /** Whether this process works background jobs (bulk issuance); a web-only process can turn them off. */
  jobWorkers: boolean;
  credentials: {
    /** 32-byte key that encrypts the schools' private signing keys; absent in development (see IssuerKeysService). */
    keyEncryptionKey?: Buffer;
    /** did:web (the DID document served by this service) or did:key (self-contained, for an offline demo). */
    didMethod: 'web' | 'key';
    /** External issuers, besides our own schools, whose credentials verification reports as trusted. */
    trustedIssuerDids: string[];
    /** Accept the W3C examples context (its @vocab lets any property through): for running the W3C test suites only. */
    acceptExamplesContext: boolean;
    /**
     * The VC-API issuer endpoints sign whatever claim a registrar sends (no record behind it): for W3C test-suite runs
     * only. Off, they answer 403; the school's certificates and diplomas are issued from its records.
     */
    vcApiIssuance: boolean;
  };
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

  const byteSize = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(raw.trim());
    const bytes = match
      ? Number(match[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[(match[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb']
      : NaN;
    if (!(bytes >= 1024 && bytes <= 1024 * 1024 * 1024))
      problems.push(`${name} must be a size between 1kb and 1024mb (e.g. 1mb, 512kb or a number of bytes)`);
    return bytes;
  };

  const port = int('PORT', 3000, 0, 65535);
  const environment = env.NODE_ENV === undefined ? 'development' : (env.NODE_ENV as Environment);
  if (!ENVIRONMENTS.includes(environment))
    problems.push(`NODE_ENV must be production, development or test, spelt so (lower case); "${env.NODE_ENV}" is none of them`);
  const production = environment === 'production';

  const secret = env.JWT_SECRET;
  const weakSecret = secret === undefined ? undefined : weakSecretReason(secret);
  if (weakSecret) problems.push(`JWT_SECRET ${weakSecret}`);
  if (production && !secret) problems.push('JWT_SECRET is required when NODE_ENV=production');

  const adminPassword = env.ADMIN_PASSWORD ?? 'admin-demo-2026';
  if (adminPassword.length < 10) problems.push('ADMIN_PASSWORD must be at least 10 characters');
  if (production && !env.ADMIN_PASSWORD) problems.push('ADMIN_PASSWORD is required when NODE_ENV=production');
  else if (production && DEMO_PASSWORDS.includes(adminPassword))
    problems.push('ADMIN_PASSWORD must not be a demo password (README) when NODE_ENV=production');

  const databaseUrl = url('DATABASE_URL', undefined, ['postgres:', 'postgresql:']);
  let keyEncryptionKey: Buffer | undefined;
  if (env.KEY_ENCRYPTION_KEY || env.KEY_ENCRYPTION_KEY_FILE) {
    try {
      keyEncryptionKey = loadKeyEncryptionKey({
        value: env.KEY_ENCRYPTION_KEY || undefined,
        file: env.KEY_ENCRYPTION_KEY_FILE || undefined,
        source: 'KEY_ENCRYPTION_KEY',
      });
      const weakKey = weakKeyReason(keyEncryptionKey);
      if (weakKey) problems.push(`KEY_ENCRYPTION_KEY ${weakKey}: generate one (openssl rand -hex 32)`);
    } catch (error) {
      problems.push((error as Error).message);
    }
  } else if (production) {
    problems.push('KEY_ENCRYPTION_KEY or KEY_ENCRYPTION_KEY_FILE is required when NODE_ENV=production');
  } else if (env.DATABASE_URL) {
    // The development key lives beside the embedded database; one made up for this process would leave every issuer
    // key sealed under it unopenable (no signature, no revocation) after a restart.
    problems.push(
      'KEY_ENCRYPTION_KEY or KEY_ENCRYPTION_KEY_FILE is required with DATABASE_URL: issuer keys stored in a database server must outlive this process (openssl rand -hex 32)',
    );
  }
  const loadDemoData = bool('DEMO_DATA', !production);
  if (production && loadDemoData) problems.push('DEMO_DATA cannot be true when NODE_ENV=production: the demo publishes its passwords');
  const login = {
    perAddressAndAccount: int('LOGIN_MAX_FAILURES', 5, 1, 1000),
    perAccount: int('LOGIN_ACCOUNT_MAX_FAILURES', 20, 2, 10_000),
    perAddress: int('LOGIN_ADDRESS_MAX_FAILURES', 50, 1, 100_000),
    windowSeconds: int('LOGIN_WINDOW_SECONDS', 900, 1, 86400),
  };
  if (login.perAccount <= login.perAddressAndAccount)
    problems.push('LOGIN_ACCOUNT_MAX_FAILURES must be greater than LOGIN_MAX_FAILURES, or one address could lock an account out');
  if (login.perAddress < login.perAddressAndAccount) problems.push('LOGIN_ADDRESS_MAX_FAILURES must be at least LOGIN_MAX_FAILURES');
  const didMethod = env.ISSUER_DID_METHOD || undefined;
  if (didMethod && didMethod !== 'web' && didMethod !== 'key') problems.push('ISSUER_DID_METHOD must be web or key');
  const trustedIssuerDids = (env.TRUSTED_ISSUER_DIDS ?? '')
    .split(',')
    .map((did) => did.trim())
    .filter(Boolean);
  for (const did of trustedIssuerDids)
    if (!/^did:[a-z0-9]+:\S+$/.test(did)) problems.push(`TRUSTED_ISSUER_DIDS has an invalid DID: ${did}`);

  const databaseTimeouts: DatabaseTimeouts = {
    connectMs: int('DB_CONNECT_TIMEOUT_MS', DEFAULT_TIMEOUTS.connectMs, 100, 600_000),
    statementMs: int('DB_STATEMENT_TIMEOUT_MS', DEFAULT_TIMEOUTS.statementMs, 100, 3_600_000),
    queryMs: int('DB_QUERY_TIMEOUT_MS', DEFAULT_TIMEOUTS.queryMs, 100, 3_600_000),
  };
  // The server cancels a slow statement first and the connection stays good; our side gives up only on silence.
  if (databaseTimeouts.queryMs <= databaseTimeouts.statementMs)
    problems.push('DB_QUERY_TIMEOUT_MS must be longer than DB_STATEMENT_TIMEOUT_MS');

  const publicBaseUrl = url('PUBLIC_BASE_URL', `http://localhost:${port}`)!;
  const config: AppConfig = {
    environment,
    port,
    host: env.HOST || undefined,
    publicBaseUrl,
    databaseUrl,
    pgliteDir: env.PGLITE_DIR || './data',
    databaseTimeouts,
    jwt: {
      secret: secret ?? randomBytes(32).toString('base64url'),
      ttlSeconds: int('JWT_TTL_SECONDS', 3600, 60, 7 * 24 * 3600),
      generated: !secret,
    },
    admin: { email: (env.ADMIN_EMAIL ?? 'admin@demo.example').toLowerCase(), password: adminPassword },
    loadDemoData,
    login,
    bodyLimitBytes: byteSize('BODY_LIMIT', 1024 * 1024),
    importMaxBytes: int('IMPORT_MAX_BYTES', 100 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
    jobWorkers: bool('JOB_WORKERS', true),
    verifyRateLimit: int('VERIFY_RATE_LIMIT', 120, 0, 1_000_000),
    // did:web needs an https origin others can reach; a local demo signs with did:key instead.
    credentials: {
      keyEncryptionKey,
      didMethod: (didMethod as 'web' | 'key' | undefined) ?? (publicBaseUrl.startsWith('https://') ? 'web' : 'key'),
      trustedIssuerDids,
      acceptExamplesContext: bool('ACCEPT_EXAMPLES_CONTEXT', false),
      vcApiIssuance: bool('VC_API_ISSUANCE', false),
    },
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
