import { Algorithm, hash, verify } from '@node-rs/argon2';

/** The library's default memory (19 MiB), as OWASP recommends for argon2id with 2 passes. */
export const DEFAULT_PASSWORD_HASH_MEMORY_KIB = 19_456;
/** argon2's floor: 8 KiB per lane, one lane. */
const MIN_PASSWORD_HASH_MEMORY_KIB = 8;

/**
 * The memory of argon2id, in KiB: the default, except outside production where
 * PASSWORD_HASH_MEMORY_KIB may lower it (the tests set 64: each hash and sign-in then costs under
 * a millisecond instead of ~35–80 ms of CPU). NODE_ENV=production always hashes with the default,
 * whatever the variable says. A hash records its own cost: verifying follows the stored one.
 */
export function passwordHashMemoryKib(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PASSWORD_HASH_MEMORY_KIB?.trim();
  if (env.NODE_ENV === 'production' || !raw) return DEFAULT_PASSWORD_HASH_MEMORY_KIB;
  const kib = Number(raw);
  if (
    !Number.isInteger(kib) ||
    kib < MIN_PASSWORD_HASH_MEMORY_KIB ||
    kib > DEFAULT_PASSWORD_HASH_MEMORY_KIB
  )
    throw new Error(
      `PASSWORD_HASH_MEMORY_KIB must be an integer between ${MIN_PASSWORD_HASH_MEMORY_KIB} and ${DEFAULT_PASSWORD_HASH_MEMORY_KIB}`,
    );
  return kib;
}

/** argon2id with the library's defaults (19 MiB, 2 passes), as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: Algorithm.Argon2id, memoryCost: passwordHashMemoryKib() });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
