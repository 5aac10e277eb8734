/**
 * What a new succession event must satisfy before it is recorded (product.md §3, §9). Pure: the
 * caller resolves codes to agencies and loads the links already recorded.
 */
import { existsOn, type SuccessionStep } from './succession.js';

/** One link of a new event, by agency code. */
export interface NewLink {
  fromCode: string;
  toCode: string;
  isMain?: boolean;
  scope?: string | null;
}

/** A problem with one field of the input, as the validation pipe reports it. */
export interface LinkProblem {
  field: string;
  problem: string;
}

/**
 * The problems of the links' shape alone: at least one; none from an agency to itself; no link
 * twice; at most one main successor per old agency; a RENAME is one agency to one other.
 */
export function linkShapeProblems(kind: string, links: readonly NewLink[]): LinkProblem[] {
  const problems: LinkProblem[] = [];
  if (links.length === 0)
    problems.push({ field: 'links', problem: 'links cần ít nhất một liên kết' });
  const seen = new Set<string>();
  const mains = new Map<string, number>();
  links.forEach((l, i) => {
    if (l.fromCode === l.toCode)
      problems.push({
        field: `links.${i}.toCode`,
        problem: `Cơ quan ${l.fromCode} không thể kế thừa chính mình`,
      });
    const key = `${l.fromCode}>${l.toCode}`;
    if (seen.has(key))
      problems.push({
        field: `links.${i}`,
        problem: `Liên kết ${l.fromCode} → ${l.toCode} bị lặp lại`,
      });
    seen.add(key);
    if (l.isMain) mains.set(l.fromCode, (mains.get(l.fromCode) ?? 0) + 1);
  });
  for (const [from, count] of mains)
    if (count > 1)
      problems.push({
        field: 'links',
        problem: `${from} có ${count} cơ quan kế thừa chính; chỉ được một`,
      });
  if (kind === 'RENAME' && links.length !== 1)
    problems.push({
      field: 'links',
      problem: 'Đổi tên (RENAME) là đúng một liên kết: tên cũ → tên mới',
    });
  return problems;
}

interface Validity {
  code: string;
  validFrom: string | null;
  validUntil: string | null;
}

/** The day before a `YYYY-MM-DD` day. */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Why an old agency cannot cease on `effectiveOn`, or null: it must exist under its name up to
 * that day (the day before it), and not have ceased before it.
 */
export function fromAgencyProblem(agency: Validity, effectiveOn: string): string | null {
  if (!existsOn(agency, dayBefore(effectiveOn)))
    return `${agency.code} không tồn tại vào ngày ${dayBefore(effectiveOn)}, trước ngày hiệu lực ${effectiveOn}`;
  return null;
}

/** Why a new agency cannot take over on `effectiveOn`, or null: it must exist that day. */
export function toAgencyProblem(agency: Validity, effectiveOn: string): string | null {
  if (!existsOn(agency, effectiveOn))
    return `${agency.code} không tồn tại vào ngày hiệu lực ${effectiveOn}`;
  return null;
}

/**
 * A loop the links would close, as the agencies along it (first = last), or null. Any cycle in
 * the graph of old → new agencies is refused, whatever the days: an agency's duties never come
 * back to it (a re-created agency is a new one).
 */
export function successionLoop(links: readonly { from: string; to: string }[]): string[] | null {
  const next = new Map<string, string[]>();
  for (const l of links) next.set(l.from, [...(next.get(l.from) ?? []), l.to]);
  const state = new Map<string, 'OPEN' | 'DONE'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'OPEN');
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      if (state.get(to) === 'OPEN') return [...stack.slice(stack.indexOf(to)), to];
      if (!state.has(to)) {
        const found = visit(to);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'DONE');
    return null;
  };
  for (const node of [...next.keys()].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

/**
 * Every agency `start`'s duties have passed to by `day`, directly or down a chain (events in
 * effect only): where the secretariat may place an addressee a split left ambiguous.
 */
export function successorsReachable(
  start: string,
  day: string,
  byFrom: ReadonlyMap<string, readonly SuccessionStep[]>,
): Set<string> {
  const found = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const s of byFrom.get(current) ?? [])
      if (s.effectiveOn <= day && s.to !== start && !found.has(s.to)) {
        found.add(s.to);
        queue.push(s.to);
      }
  }
  return found;
}
