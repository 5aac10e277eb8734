/**
 * E-mail addresses have one canonical form, made by one function, at every entry: sign-in, the
 * sign-in throttle's key, account creation and look-ups (API, web, CLI). Accounts are stored in
 * that form and looked up by equality with it, never by a case fold of the database's own.
 *
 * The form: trimmed, NFKC (full-width and other compatibility letters become their plain
 * forms), and A–Z lower-cased — ASCII only, a fold PostgreSQL reproduces exactly (the migration
 * uses `translate`). Other letters are left as typed: account addresses are ASCII-only (see
 * `assertAccountAddress`), so an input with a non-ASCII letter, such as `admİn` with U+0130,
 * matches no account and has a throttle key of its own that guards nothing.
 */
export function normalizeEmail(email: string): string {
  return email
    .normalize('NFKC')
    .trim()
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Printable ASCII without spaces, quotes or brackets: what an account's address may hold. */
export const ACCOUNT_ADDRESS = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;

/**
 * Account addresses are ASCII after normalisation: Vietnamese government and company mail is
 * ASCII, and letters from other scripts are where look-alikes (Cyrillic "а", "İ") come from. A
 * domain in Vietnamese letters is entered in its `xn--` form.
 */
export function isAccountAddress(normalized: string): boolean {
  return ACCOUNT_ADDRESS.test(normalized) && normalized.length <= 254;
}

/**
 * What two addresses look like to a reader: letter groups that pass for one another in most
 * fonts are folded together ("rn"/"m", "vv"/"w", "0"/"o", "1"/"l"), as Unicode's confusable
 * skeletons do for ASCII. Two accounts may not share a skeleton.
 */
export function addressSkeleton(normalized: string): string {
  return normalized
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/0/g, 'o')
    .replace(/[1|]/g, 'l');
}
