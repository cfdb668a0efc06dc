// Refuses secrets that are long enough but not random: a repeated pattern, one kind of character, a key of zeros.
// Cheap structural checks, not a password-strength meter: they catch placeholders (`aaaa…`, `changeme-changeme…`,
// `0000…`) that a real `openssl rand -hex 32` never produces.

/** Why `secret` (JWT_SECRET) cannot sign tokens, or undefined when it passes. */
export function weakSecretReason(secret: string): string | undefined {
  const chars = [...secret];
  if (chars.length < 32) return 'must be at least 32 characters';
  const period = shortestPeriod(chars);
  if (period <= chars.length / 2) return `repeats a pattern of ${period} character${period === 1 ? '' : 's'}`;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((kind) => kind.test(secret)).length;
  if (classes < 2) return 'uses one kind of character only (mix letters, digits or symbols; e.g. openssl rand -base64 32)';
  // Bits by character frequency: ~100 for 32 random hex digits, 6 for 'aaa…a1'.
  if (frequencyBits(chars) < 80) return 'has too little variety to be random (e.g. openssl rand -base64 32)';
  return undefined;
}

/** Why a 32-byte key-encryption key is not random, or undefined when it passes. */
export function weakKeyReason(key: Uint8Array): string | undefined {
  const bytes = [...key];
  const period = shortestPeriod(bytes);
  if (period === 1) return `is one byte repeated (0x${bytes[0].toString(16).padStart(2, '0')})`;
  if (period <= bytes.length / 2) return `repeats a pattern of ${period} bytes`;
  // 32 random bytes hold about 30 different values; fewer than 12 is text or a pattern, not a generated key.
  if (new Set(bytes).size < 12) return 'has too few different bytes to be random';
  return undefined;
}

/** The smallest p such that every item equals the one p places further on (the length when there is none). */
function shortestPeriod<T>(items: T[]): number {
  for (let p = 1; p < items.length; p++) {
    let repeats = true;
    for (let i = 0; i + p < items.length && repeats; i++) repeats = items[i] === items[i + p];
    if (repeats) return p;
  }
  return items.length;
}

function frequencyBits(items: string[]): number {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) bits -= count * Math.log2(count / items.length);
  return bits;
}
