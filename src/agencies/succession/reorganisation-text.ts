/**
 * The reorganisation package's preview and result as plain Vietnamese text: what `npm run cli
 * -- agencies:reorganisation-2025` prints. The web page shows the same answers as tables.
 */
import { vnDate } from '../../common/domain/local-time.js';
import type { SuccessionKind } from '../domain/succession.js';
import type {
  FocalPointsMoveView,
  LeadAgencyMoveView,
  LetterAddresseeOutcomeView,
  OfficerMoveView,
  PackageEventView,
  ReorganisationApplyView,
  ReorganisationPreviewView,
} from './reorganisation.view.js';

export const SUCCESSION_KIND_LABELS: Record<SuccessionKind, string> = {
  MERGE: 'Hợp nhất, sáp nhập',
  SPLIT: 'Chia tách',
  RENAME: 'Đổi tên',
};

export const EVENT_STATUS_LABELS: Record<PackageEventView['status'], string> = {
  ADD: 'sẽ ghi',
  RECORDED: 'đã ghi, chờ thực hiện',
  REALISED: 'đã áp dụng',
};

export const ROLE_NAMES: Record<string, string> = {
  GOVERNMENT_WORKING_GROUP: 'Tổ công tác của Chính phủ (nhận thư đôn đốc)',
};

/** "(từ 01/03/2025)" for a move whose day has not come, "" for one already due. */
export const fromDay = (m: { effectiveOn: string | null; due: boolean }) =>
  m.effectiveOn && !m.due ? ` (từ ${vnDate(m.effectiveOn)})` : '';

export const eventLinks = (e: PackageEventView) =>
  e.links
    .map((l) => `${l.toCode}${l.isMain ? ' (chính)' : l.scope ? ` (${l.scope})` : ''}`)
    .join('; ');

/** Where a letter's addressee's reminders go, in a sentence. */
export function letterOutcomeText(l: LetterAddresseeOutcomeView): string {
  if (l.outcome === 'UNCHANGED') return 'không đổi';
  if (l.outcome === 'HOLDER') return `${l.holderCode} – ${l.holderName}${fromDay(l)}`;
  const choices = l.candidates
    .map((c) => `${c.code}${c.isMain ? ' (chính)' : c.scope ? ` (${c.scope})` : ''}`)
    .join(', ');
  return `chưa rõ cơ quan trả lời: thư ký chọn một trong ${choices}; thư nhắc tạm dừng đến khi chọn${fromDay(l)}`;
}

export const officerText = (o: OfficerMoveView) =>
  `${o.email}: ${o.fromCode} → ${o.toCode}${fromDay(o)}`;

export function leadAgencyText(l: LeadAgencyMoveView): string {
  const what = l.successorAlreadyLeads
    ? `${l.fromCode} thôi chủ trì (${l.toCode} đã chủ trì mô hình)`
    : `${l.fromCode} → ${l.toCode}${l.position === 0 ? '' : ` (vị trí ${l.position + 1})`}`;
  const parts = l.partsElsewhere.length
    ? `; lưu ý: ${l.partsElsewhere.map((p) => `${p.scope ?? 'một phần nhiệm vụ'} chuyển ${p.code}`).join(', ')}`
    : '';
  return `Mô hình ${l.pilotNumber}: ${what}${fromDay(l)}${parts}`;
}

export function focalPointsText(f: FocalPointsMoveView): string {
  return f.outcome === 'CARRIED'
    ? `${f.fromCode} → ${f.toCode}: ${f.emails.join(', ')} (chuyển sang vì ${f.toCode} chưa có đầu mối)${fromDay(f)}`
    : `${f.fromCode}: ${f.emails.join(', ')} giữ nguyên ở cơ quan cũ (${f.toCode} đã có đầu mối riêng)${fromDay(f)}`;
}

const section = (title: string, lines: string[], none = '(không có)') =>
  [title, ...(lines.length ? lines : [none]).map((l) => `  ${l}`)].join('\n');

export function previewText(p: ReorganisationPreviewView): string {
  const changedLetters = p.letters.filter((l) => l.outcome !== 'UNCHANGED');
  const unchanged = p.letters.length - changedLetters.length;
  return [
    `${p.title} (${p.packageKey}) — xem trước ngày ${vnDate(p.asOf)}`,
    p.applied
      ? 'Gói đã được áp dụng: áp dụng lại không thay đổi gì.'
      : 'Chưa áp dụng. Chạy lại với --apply để áp dụng (một giao dịch, có ghi nhật ký).',
    ...(p.problems.length ? [section('Chưa áp dụng được:', p.problems)] : []),
    section('Ghi chú của gói:', p.notes),
    section(
      'Cơ quan, đơn vị mới:',
      p.agencies.map(
        (a) =>
          `${a.action === 'CREATE' ? 'thêm' : 'đã có'} ${a.code} – ${a.name}${a.validFrom ? ` (từ ${vnDate(a.validFrom)})` : ''}`,
      ),
    ),
    section(
      'Cơ quan kết thúc:',
      p.endingAgencies.map(
        (a) =>
          `${a.code} – ${a.name}: ${a.action === 'ENDED' ? 'đã kết thúc' : 'kết thúc'} từ ngày ${vnDate(a.validUntil)}`,
      ),
    ),
    section(
      'Sự kiện kế thừa:',
      p.events.flatMap((e) => [
        `[${EVENT_STATUS_LABELS[e.status]}] ${vnDate(e.effectiveOn)} ${SUCCESSION_KIND_LABELS[e.kind]} (${e.legalBasis}): ${e.links[0]?.fromCode} → ${eventLinks(e)}`,
        ...(e.note ? [`    ${e.note}`] : []),
      ]),
    ),
    section('Kiến nghị còn mở (cơ quan nhận → nơi nhận thư nhắc, đôn đốc):', [
      ...changedLetters.map(
        (l) =>
          `${l.documentNumber ?? '(chưa có số)'}${l.letterDate ? ` ngày ${vnDate(l.letterDate)}` : ''}, ${l.addresseeCode}: ${letterOutcomeText(l)}`,
      ),
      ...(unchanged > 0 ? [`${unchanged} cơ quan nhận khác: không đổi`] : []),
    ]),
    section('Tài khoản cán bộ đầu mối:', p.officers.map(officerText)),
    section('Đơn vị chủ trì mô hình:', p.leadAgencies.map(leadAgencyText)),
    section('Email đầu mối:', p.focalPoints.map(focalPointsText)),
    section(
      'Vai trò:',
      p.roles
        .filter((r) => r.holderCode !== r.agencyCode)
        .map(
          (r) =>
            `${ROLE_NAMES[r.role] ?? r.role}: ${r.agencyCode} → ${r.holderCode}${r.effectiveOn ? ` (từ ${vnDate(r.effectiveOn)})` : ''}`,
        ),
    ),
  ].join('\n\n');
}

export function applyText(r: ReorganisationApplyView): string {
  if (!r.changed)
    return `${r.packageKey}: đã được áp dụng từ trước — lần này không thay đổi gì (ngày ${vnDate(r.asOf)}).`;
  return [
    `${r.packageKey}: đã áp dụng ngày ${vnDate(r.asOf)}.`,
    section('Cơ quan vừa thêm:', r.agenciesCreated),
    section('Sự kiện vừa ghi:', r.eventsRecorded),
    `Sự kiện đã thực hiện việc chuyển: ${r.eventsRealised}`,
    section('Tài khoản cán bộ đã chuyển:', r.officers.map(officerText)),
    section('Đơn vị chủ trì đã chuyển:', r.leadAgencies.map(leadAgencyText)),
    section('Email đầu mối:', r.focalPoints.map(focalPointsText)),
    section(
      'Chờ đến ngày hiệu lực (tự thực hiện vào ngày đó):',
      r.pending.map((e) => `${vnDate(e.effectiveOn)} ${e.packageKey}`),
    ),
  ].join('\n\n');
}
