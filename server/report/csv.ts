import type { DossierRow } from '../../shared/dossier-list';
import { NO_VALUE } from '../../shared/format';
import type { PeriodResponse } from '../../shared/history';
import { VN_OFFSET_MS } from '../../shared/time';

/** Excel reads a CSV as UTF-8 (Vietnamese intact) only when it starts with the byte order mark. */
export const BOM = '\uFEFF';

/** An instant as ISO 8601 in Asia/Ho_Chi_Minh: "2025-11-12T14:30:00+07:00". */
export const isoVn = (t: number): string =>
  new Date(Math.floor(t / 1000) * 1000 + VN_OFFSET_MS).toISOString().replace('.000Z', '+07:00');

/** One field: quoted when it holds a separator, a quote or a line break (RFC 4180). */
function field(v: string | number | null): string {
  const s = v === null ? NO_VALUE : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const line = (cells: readonly (string | number | null)[]) => cells.map(field).join(',') + '\r\n';

export const KPI_HEADER = [
  'id',
  'Chỉ số',
  'Giá trị',
  'Tử số',
  'Mẫu số',
  'Đơn vị',
  'Mục tiêu',
  'Kỳ',
  'Số liệu tính đến',
] as const;

/**
 * One row per KPI, the values exactly as GET /api/v1/kpis/period answers them (unknown is "—", never
 * 0); the period as "<period> <from>/<to>"; as-of the KPI's newest word, else the answer's time.
 */
export function kpiCsv(r: PeriodResponse): string {
  const period = `${r.period} ${r.from}/${r.to}`;
  let out = line(KPI_HEADER);
  for (const k of r.kpis) {
    const asOf = k.asOf === null ? r.serverTime : Date.parse(k.asOf);
    out += line([
      k.id,
      k.label.vi,
      k.value,
      k.numerator,
      k.denominator,
      k.unit,
      k.target,
      period,
      isoVn(asOf),
    ]);
  }
  return out;
}

export const DOSSIER_HEADER = [
  'Mã hồ sơ',
  'Thủ tục',
  'Cơ quan',
  'Xã/phường',
  'Tiếp nhận',
  'Hạn xử lý',
  'Trễ (giờ)',
] as const;

/** The list of dossiers after the KPIs, a blank line between; how late in hours (negative: still due). */
export function dossierCsv(
  rows: readonly DossierRow[],
  names: { agency(id: string): string; commune(code: string): string },
): string {
  let out = line(DOSSIER_HEADER);
  for (const d of rows) {
    out += line([
      d.id,
      d.procedure,
      names.agency(d.agency),
      names.commune(d.commune),
      isoVn(d.receivedAt),
      isoVn(d.dueAt),
      Math.round((d.lateMs / 3_600_000) * 10) / 10,
    ]);
  }
  return out;
}
