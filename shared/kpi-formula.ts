import type { Counters } from './counters';
import type { KpiDef } from './kpi-def';
import type { Lang } from './format';

/**
 * A KPI's formula in words, for the panel "Vì sao có con số này" (why this number): what is counted,
 * and what is divided by what, as KPIS.md and Decision 766 define it.
 */

type Words = { vi: string; en: string };

/** The counters a formula reads, named as a reader of the wall knows them. */
const FIELD_WORDS: Partial<Record<keyof Counters | string, Words>> = {
  received: { vi: 'hồ sơ tiếp nhận', en: 'dossiers received' },
  online: { vi: 'hồ sơ tiếp nhận trực tuyến', en: 'dossiers received online' },
  in_person: { vi: 'hồ sơ tiếp nhận trực tiếp', en: 'dossiers received in person' },
  post: { vi: 'hồ sơ qua bưu chính công ích', en: 'dossiers received by post' },
  fullOnline: { vi: 'hồ sơ trực tuyến toàn trình', en: 'dossiers fully online' },
  synced: { vi: 'hồ sơ đồng bộ lên Cổng DVC quốc gia', en: 'dossiers synced to the national portal' },
  withFee: { vi: 'hồ sơ có phí, lệ phí', en: 'dossiers with a fee' },
  paidOnline: { vi: 'hồ sơ nộp phí trực tuyến', en: 'dossiers paid online' },
  digitised: { vi: 'hồ sơ được số hóa', en: 'dossiers digitised' },
  reused: { vi: 'hồ sơ tái sử dụng dữ liệu số', en: 'dossiers reusing digital data' },
  resolvedEarly: { vi: 'hồ sơ giải quyết trước hạn', en: 'dossiers resolved early' },
  resolvedOnDue: { vi: 'hồ sơ giải quyết đúng hạn', en: 'dossiers resolved on time' },
  resolvedLate: { vi: 'hồ sơ giải quyết trễ hạn', en: 'dossiers resolved late' },
  resolveMs: { vi: 'tổng thời gian giải quyết', en: 'total resolution time' },
  resultIssued: { vi: 'hồ sơ đã trả kết quả', en: 'dossiers with a result issued' },
  resultElectronic: { vi: 'kết quả điện tử', en: 'electronic results' },
  payments: { vi: 'giao dịch thanh toán trực tuyến', en: 'online payments' },
  paymentsVnd: { vi: 'số tiền thanh toán trực tuyến', en: 'amount paid online' },
  openNotLate: { vi: 'hồ sơ đang xử lý trong hạn', en: 'open dossiers within their due time' },
  openLate: { vi: 'hồ sơ đang xử lý đã quá hạn', en: 'open dossiers past their due time' },
};

const fieldWords = (field: string, lang: Lang): string => {
  const known = FIELD_WORDS[field];
  if (known) return known[lang];
  // Task counters: "nq57.overdue".
  return lang === 'vi' ? `nhiệm vụ (${field})` : `tasks (${field})`;
};
const sumWords = (fields: readonly string[], lang: Lang) =>
  fields.map((f) => fieldWords(f, lang)).join(' + ');

/** "Hồ sơ giải quyết trước hạn + đúng hạn ÷ hồ sơ đã giải quyết", in the reader's language. */
export function formulaWords(def: KpiDef, lang: Lang): string {
  const f = def.formula;
  switch (f.kind) {
    case 'count':
      return lang === 'vi' ? `Đếm ${sumWords(f.of, lang)}` : `Count of ${sumWords(f.of, lang)}`;
    case 'ratio':
      return `(${sumWords(f.num, lang)}) ÷ (${sumWords(f.den, lang)})`;
    case 'mean':
      return `${fieldWords(f.sum, lang)} ÷ (${sumWords(f.count, lang)})`;
    case 'satisfaction':
      return lang === 'vi'
        ? '100% − (tỷ lệ hồ sơ trễ hạn trong số đã giải quyết + tỷ lệ đánh giá không hài lòng)'
        : '100% − (late share of dossiers resolved + share of ratings dissatisfied)';
  }
}

/** Whether the KPI is a share of something, so its numerator and denominator mean "n of d" dossiers. */
export const isShare = (def: KpiDef): boolean => def.formula.kind === 'ratio';

/**
 * What the numerator and the denominator of a KPI count, in words (the report's page of definitions);
 * null for a part the KPI has not (a count has no denominator).
 */
export function termWords(def: KpiDef, lang: Lang): { numerator: string | null; denominator: string | null } {
  const f = def.formula;
  switch (f.kind) {
    case 'count':
      return { numerator: sumWords(f.of, lang), denominator: null };
    case 'ratio':
      return { numerator: sumWords(f.num, lang), denominator: sumWords(f.den, lang) };
    case 'mean':
      return { numerator: fieldWords(f.sum, lang), denominator: sumWords(f.count, lang) };
    case 'satisfaction':
      return lang === 'vi'
        ? {
            numerator: 'hồ sơ giải quyết trễ hạn + lượt đánh giá không hài lòng',
            denominator: 'hồ sơ đã giải quyết + lượt đánh giá',
          }
        : {
            numerator: 'dossiers resolved late + ratings dissatisfied',
            denominator: 'dossiers resolved + ratings',
          };
  }
}
