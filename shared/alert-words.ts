import { KPI_BY_ID, type KpiDef } from './kpis';
import { formatAge, formatCount, formatKpi, formatPercent, type Lang } from './format';
import type { ScopeLevel } from './alert-rules';
import { SOURCE_LABELS, type Source } from './vocabulary';

/**
 * The words of an alert, in pieces: the ticker never cuts a figure (it keeps `figure` pieces whole and
 * lets only the words around them shrink behind an ellipsis), so each alert says which pieces are its
 * numbers. The whole sentence (`message`) is the pieces joined, for titles and screen readers.
 */
export interface AlertPart {
  text: string;
  /** A number (with its unit or sample): always shown whole. */
  figure?: true;
}
export type AlertWords = Record<Lang, AlertPart[]>;

const LANGS: readonly Lang[] = ['vi', 'en'];
const fig = (text: string): AlertPart => ({ text, figure: true });
const words = (text: string): AlertPart => ({ text });

export const sentence = (parts: readonly AlertPart[]): string => parts.map((p) => p.text).join(' ');
export const messageOf = (w: AlertWords) => ({ vi: sentence(w.vi), en: sentence(w.en) });

/** What a KPI's alert calls it, short: the ticker has about 40 characters per alert at 1920 wide. */
const SHORT: Partial<Record<string, Record<Lang, string>>> = {
  onTimeRate: { vi: 'đúng hạn', en: 'on time' },
};
function shortLabel(def: KpiDef & { id?: string }, id: string, lang: Lang): string {
  const short = SHORT[id]?.[lang];
  if (short) return short;
  const full = lang === 'vi' ? def.vi : def.en;
  return full.charAt(0).toLocaleLowerCase(lang) + full.slice(1);
}

const LEVEL_NOUN: Record<ScopeLevel, Record<Lang, string>> = {
  province: { vi: 'tỉnh/thành phố', en: 'provinces' },
  commune: { vi: 'xã/phường', en: 'communes' },
  agency: { vi: 'cơ quan', en: 'agencies' },
};

/** What the alert is about, as the screens name it. */
export interface Figures {
  kpiId: string;
  value: number;
  num: number;
  den: number | null;
  /** The scope's name ("Xã Hồng Vân"); null for the whole province. */
  name: string | null;
}

/** "92,3% (12/13)": a rate with the sample behind it; a count or other KPI as the tiles write it. */
export function figureOf(f: Figures, lang: Lang): string {
  const def = KPI_BY_ID.get(f.kpiId);
  if (!def) return formatCount(f.value, lang);
  if (def.unit === 'percent') {
    const sample = f.den === null ? '' : ` (${formatCount(f.num, lang)}/${formatCount(f.den, lang)})`;
    return `${formatPercent(f.value, lang)}${sample}`;
  }
  if (def.formula.kind === 'count') return formatCount(f.value, lang);
  return formatKpi(def, f.value, lang);
}

const provinceWord: Record<Lang, string> = { vi: 'Toàn tỉnh', en: 'Province' };

/** One scope off its target: "Xã Hồng Vân · đúng hạn [92,3% (12/13)]", "[31] nhiệm vụ quá hạn". */
export function offTargetWords(f: Figures): AlertWords {
  const def = KPI_BY_ID.get(f.kpiId);
  const out = {} as AlertWords;
  for (const lang of LANGS) {
    const label = def ? shortLabel(def, f.kpiId, lang) : f.kpiId;
    const who = f.name ?? provinceWord[lang];
    out[lang] =
      def && def.unit !== 'percent' && def.formula.kind === 'count'
        ? [...(f.name ? [words(`${f.name}:`)] : []), fig(figureOf(f, lang)), words(label)]
        : [words(`${who} · ${label}`), fig(figureOf(f, lang))];
  }
  return out;
}

/**
 * Many scopes of one rule in one line: "[29 xã/phường] dưới mục tiêu đúng hạn · thấp nhất: Xã Hồng Vân
 * [92,3% (12/13)]". `worst` is the one furthest from target.
 */
export function summaryWords(count: number, level: ScopeLevel, worst: Figures): AlertWords {
  const def = KPI_BY_ID.get(worst.kpiId);
  const high = !def?.lowerIsBetter;
  const out = {} as AlertWords;
  for (const lang of LANGS) {
    const label = def ? shortLabel(def, worst.kpiId, lang) : worst.kpiId;
    const noun = LEVEL_NOUN[level][lang];
    const name = worst.name ?? provinceWord[lang];
    const [off, extreme] =
      lang === 'vi'
        ? [high ? `dưới mục tiêu ${label}` : `vượt ngưỡng ${label}`, high ? 'thấp nhất' : 'cao nhất']
        : [high ? `below ${label} target` : `over ${label} limit`, high ? 'lowest' : 'highest'];
    out[lang] = [
      fig(`${formatCount(count, lang)} ${noun}`),
      words(`${off} · ${extreme}: ${name}`),
      fig(figureOf(worst, lang)),
    ];
  }
  return out;
}

/** A source past its freshness budget: "Hệ thống một cửa im lặng từ [12 phút trước]". */
export function silentWords(source: Source, age: number | null): AlertWords {
  const name = SOURCE_LABELS[source];
  if (age === null) {
    return {
      vi: [words(`${name.vi}:`), fig('chưa có dữ liệu')],
      en: [words(`${name.en}:`), fig('no data yet')],
    };
  }
  return {
    vi: [words(`${name.vi} im lặng từ`), fig(formatAge(age, 'vi'))],
    en: [words(`${name.en} silent since`), fig(formatAge(age, 'en'))],
  };
}
