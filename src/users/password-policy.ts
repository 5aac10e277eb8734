import { fieldError } from '../common/domain-error.js';
import { normalizeEmail } from './email-address.js';

/** Passwords in the zxcvbn-ts common list (about 49,000 from leaked sets), lower-cased. */
let commonList: Promise<Set<string>> | undefined;
function commonPasswords(): Promise<Set<string>> {
  // Loaded on first use: decompressing the list costs ~50 ms that start-up need not pay.
  commonList ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common']),
  );
  return commonList;
}

/** Vietnamese words people use as passwords, which an English-centred list lacks. */
const LOCAL_WORDS = [
  'matkhau',
  'anhyeuem',
  'emyeuanh',
  'vietnam',
  'khanhhoa',
  'nhatrang',
  'dean06',
];

/**
 * Why this password may not be set for this account, or null. Applied wherever a password is
 * set (the admin API and web page, `npm run cli -- user:create|user:set-password`); the demo
 * accounts are seeded without it. Length is checked by the DTOs (12–256 characters, spaces
 * kept: a passphrase may have them), and on top of it here:
 * - not spaces only, and at least 5 different characters ("aaaaaaaaaaaa", "121212121212");
 * - not a common password, nor one followed by digits or signs ("iloveyou1234", "matkhau@2024");
 * - not containing the account's address or the part before "@" (when 3 characters or more).
 */
export async function passwordProblem(password: string, email: string): Promise<string | null> {
  const plain = password.normalize('NFKC').toLowerCase();
  if (plain.trim() === '') return 'Mật khẩu không được chỉ gồm khoảng trắng.';
  if (new Set(plain).size < 5) return 'Mật khẩu quá đơn giản: cần ít nhất 5 ký tự khác nhau.';
  const list = await commonPasswords();
  const compact = plain.replace(/[\s._-]+/g, '');
  const stem = (s: string) => s.replace(/[\p{N}\p{P}\p{S}\s]+$/u, '');
  const common = [plain, compact, stem(plain), stem(compact)].some(
    (candidate) =>
      candidate.length >= 4 && (list.has(candidate) || LOCAL_WORDS.includes(candidate)),
  );
  if (common) {
    return 'Mật khẩu này quá phổ biến (có trong danh sách mật khẩu hay bị lộ); hãy chọn mật khẩu khác.';
  }
  const address = normalizeEmail(email).toLowerCase();
  const local = address.split('@')[0];
  if (plain.includes(address) || (local.length >= 3 && plain.includes(local))) {
    return 'Mật khẩu không được chứa địa chỉ email của tài khoản.';
  }
  return null;
}

/** Throws 400 VALIDATION_FAILED on the `password` field unless the password may be set. */
export async function assertPasswordAllowed(password: string, email: string): Promise<void> {
  const problem = await passwordProblem(password, email);
  if (problem) throw fieldError('password', problem);
}
