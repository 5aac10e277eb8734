/** The lists whose filters a user may save: the pilot board and the letters list. */
export const SAVED_FILTER_LISTS = ['board', 'letters'] as const;
export type SavedFilterList = (typeof SAVED_FILTER_LISTS)[number];

/** Each list's filters, in the order its form shows them; nothing else is saved. */
export const FILTER_KEYS: Record<SavedFilterList, readonly string[]> = {
  board: ['q', 'state', 'agency', 'blocked'],
  letters: ['q', 'state', 'addressee', 'agency', 'pilot'],
};

/** A name is short enough to read in a row of links. */
export const NAME_MAX = 80;
/** Enough for every view someone comes back to; past it, one is deleted first. */
export const SAVED_MAX = 30;
/** The longest value of one filter (a search text, a code). */
export const VALUE_MAX = 200;
/** The longest query string: every filter of a list at its longest, percent-encoded. */
export const QUERY_MAX = 2000;

/**
 * A saved filter's query string, checked: "state=QUA_HAN&agency=SYT" in the list's own filters,
 * each at most once and not blank, at least one of them. Answers the query in a canonical form
 * (the list's order, blanks dropped) or what is wrong with it, in Vietnamese, for the `query`
 * field. Nothing outside the list's filters is kept silently: a key the list does not have is a
 * mistake (or a page of another list), and is said to be one.
 */
export function parseFilterQuery(
  list: SavedFilterList,
  query: string,
): { query: string } | { problem: string } {
  const text = query.startsWith('?') ? query.slice(1) : query;
  const pairs: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
      value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      return { problem: `query không đúng dạng chuỗi truy vấn (mã % sai ở “${part}”)` };
    }
    pairs.push([key, value.normalize('NFC').trim()]);
  }
  const allowed = FILTER_KEYS[list];
  const unknown = [...new Set(pairs.map(([k]) => k).filter((k) => !allowed.includes(k)))];
  if (unknown.length > 0)
    return {
      problem: `query có bộ lọc không thuộc danh sách này: ${unknown.join(', ')} (chỉ nhận ${allowed.join(', ')})`,
    };
  const seen = new Set<string>();
  for (const [key] of pairs) {
    if (seen.has(key)) return { problem: `query nêu bộ lọc ${key} hơn một lần` };
    seen.add(key);
  }
  const long = pairs.find(([, v]) => v.length > VALUE_MAX);
  if (long) return { problem: `query có giá trị của ${long[0]} dài quá ${VALUE_MAX} ký tự` };
  const values = new Map(pairs.filter(([, v]) => v !== ''));
  if (values.size === 0) return { problem: 'query chưa có bộ lọc nào để lưu' };
  const canonical = new URLSearchParams();
  for (const key of allowed) if (values.has(key)) canonical.set(key, values.get(key)!);
  return { query: canonical.toString() };
}

/** A name as saved: spaces collapsed (the validators have trimmed it and made it NFC). */
export const savedFilterName = (name: string): string => name.replace(/\s+/g, ' ');
