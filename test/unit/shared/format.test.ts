import { afterEach, describe, expect, it } from 'vitest';
import {
  formatAge,
  formatCount,
  formatDate,
  formatDateTime,
  formatKpi,
  formatKpiParts,
  formatPercent,
  formatPercentTick,
  PERCENT_DIGITS,
  formatTime,
  formatVnd,
  formatVndLarge,
  formatWeekday,
  formatChange,
} from '../../../shared/format';
import { KPI_BY_ID } from '../../../shared/kpis';

/** 14:30:05 on 12/11/2025 in Asia/Ho_Chi_Minh (07:30:05 UTC). */
const t = Date.parse('2025-11-12T14:30:05+07:00');
const def = (id: string) => {
  const d = KPI_BY_ID.get(id);
  if (!d) throw new Error(`no KPI ${id}`);
  return d;
};

describe('formatCount(n, lang)', () => {
  it('groups thousands with dots in Vietnamese', () => {
    expect(formatCount(1243294)).toBe('1.243.294');
    expect(formatCount(0)).toBe('0');
  });
  it('groups thousands with commas in English', () => {
    expect(formatCount(1243294, 'en')).toBe('1,243,294');
  });
});

describe('formatPercent(rate, lang)', () => {
  it('writes every rate with exactly one decimal and a decimal comma, so 98,9% and 75,6% compare', () => {
    expect(PERCENT_DIGITS).toBe(1);
    expect(formatPercent(0.9889)).toBe('98,9%');
    expect(formatPercent(0.756)).toBe('75,6%');
    expect(formatPercent(0.9973)).toBe('99,7%');
    expect(formatPercent(0.5)).toBe('50,0%');
    expect(formatPercent(1)).toBe('100,0%');
    expect(formatPercent(0)).toBe('0,0%');
  });
  it('uses a decimal point in English', () => {
    expect(formatPercent(0.8589, 'en')).toBe('85.9%');
  });
  it('writes axis ticks as round percents', () => {
    expect(formatPercentTick(0.9)).toBe('90%');
    expect(formatPercentTick(0.85, 'en')).toBe('85%');
  });
  it('shows "—" for a missing value, never 0% or 100%', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
  it('never rounds a missed 100% up to 100%, nor a non-zero rate down to 0%', () => {
    expect(formatPercent(0.99999)).toBe('99,9%');
    expect(formatPercent(0.000001)).toBe('0,1%');
  });
});

describe('formatVnd(vnd, lang)', () => {
  it('writes đồng in full with the ₫ sign', () => {
    expect(formatVnd(567000)).toBe('567.000 ₫');
    expect(formatVnd(567000, 'en')).toBe('567,000 VND');
  });
});

describe('formatVndLarge(vnd, lang)', () => {
  it('writes trillions as thousands of tỷ, never ICU compact forms', () => {
    expect(formatVndLarge(1.7e12)).toBe('1.700 tỷ đồng');
    expect(formatVndLarge(1.7e12)).not.toMatch(/NT|T$/);
  });
  it('writes billions in tỷ with up to three significant digits', () => {
    expect(formatVndLarge(2.5e9)).toBe('2,5 tỷ đồng');
    expect(formatVndLarge(1.234e9)).toBe('1,23 tỷ đồng');
    expect(formatVndLarge(12.34e9)).toBe('12,3 tỷ đồng');
  });
  it('writes millions in triệu', () => {
    expect(formatVndLarge(850e6)).toBe('850 triệu đồng');
    expect(formatVndLarge(8.5e6)).toBe('8,5 triệu đồng');
  });
  it('moves to tỷ when rounding would reach 1.000 triệu', () => {
    expect(formatVndLarge(999_996_000)).toBe('1 tỷ đồng');
  });
  it('keeps small amounts in triệu đồng, so the wall never mixes "₫" and "đồng"', () => {
    expect(formatVndLarge(567000)).toBe('0,57 triệu đồng');
    expect(formatVndLarge(0)).toBe('0 triệu đồng');
    expect(formatVndLarge(2000)).toBe('< 0,01 triệu đồng');
  });
  it('speaks English when asked', () => {
    expect(formatVndLarge(1.7e12, 'en')).toBe('1,700 billion VND');
    expect(formatVndLarge(850e6, 'en')).toBe('850 million VND');
  });
});

describe('formatDate / formatTime / formatDateTime', () => {
  it('writes the date as dd/mm/yyyy', () => {
    expect(formatDate(t)).toBe('12/11/2025');
    expect(formatDate(t, 'en')).toBe('12 Nov 2025');
  });
  it('writes the time on a 24-hour clock', () => {
    expect(formatTime(t)).toBe('14:30');
    expect(formatTime(t, 'vi', { seconds: true })).toBe('14:30:05');
    expect(formatTime(Date.parse('2025-11-12T00:05:00+07:00'))).toBe('00:05');
  });
  it('names the weekday in Asia/Ho_Chi_Minh', () => {
    expect(formatWeekday(t)).toBe('Thứ Tư');
    expect(formatWeekday(t, 'en')).toBe('Wednesday');
    expect(formatWeekday(Date.parse('2025-11-15T17:30:00Z'))).toBe('Chủ Nhật');
  });
  it('writes time then date', () => {
    expect(formatDateTime(t)).toBe('14:30, 12/11/2025');
  });
  it('counts the day in Asia/Ho_Chi_Minh: 23:30 UTC is already the next morning', () => {
    const lateUtc = Date.parse('2025-11-11T23:30:00Z');
    expect(formatDateTime(lateUtc)).toBe('06:30, 12/11/2025');
  });

  describe('whatever the host time zone', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it.each(['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Europe/London'])(
      'gives the same words with TZ=%s',
      (zone) => {
        process.env.TZ = zone;
        expect(formatDate(t)).toBe('12/11/2025');
        expect(formatTime(t)).toBe('14:30');
        expect(formatWeekday(t)).toBe('Thứ Tư');
        expect(formatDateTime(Date.parse('2025-11-11T23:30:00Z'))).toBe('06:30, 12/11/2025');
      },
    );

    it('really does change the host zone under TZ (the check above is meaningful)', () => {
      process.env.TZ = 'America/Los_Angeles';
      expect(new Date(t).getTimezoneOffset()).toBe(480);
      process.env.TZ = 'Asia/Tokyo';
      expect(new Date(t).getTimezoneOffset()).toBe(-540);
    });
  });
});

describe('formatAge(ms, lang)', () => {
  it('says "vừa xong" for the last few seconds, and for a slightly negative age', () => {
    expect(formatAge(0)).toBe('vừa xong');
    expect(formatAge(9_999)).toBe('vừa xong');
    expect(formatAge(-2_000)).toBe('vừa xong');
  });
  it('counts seconds, minutes, hours and days', () => {
    expect(formatAge(12_000)).toBe('12 giây trước');
    expect(formatAge(3 * 60_000 + 59_000)).toBe('3 phút trước');
    expect(formatAge(2 * 3_600_000 + 5 * 60_000)).toBe('2 giờ trước');
    expect(formatAge(4 * 86_400_000)).toBe('4 ngày trước');
  });
  it('speaks English with plurals', () => {
    expect(formatAge(5_000, 'en')).toBe('just now');
    expect(formatAge(12_000, 'en')).toBe('12 seconds ago');
    expect(formatAge(60_000, 'en')).toBe('1 minute ago');
    expect(formatAge(2 * 3_600_000, 'en')).toBe('2 hours ago');
  });
});

describe('formatKpi(def, value, lang)', () => {
  it('writes percents, money, hours and counts by the KPI unit', () => {
    expect(formatKpi(def('onTimeRate'), 0.9951)).toBe('99,5%');
    expect(formatKpi(def('payments.amount'), 850e6)).toBe('850 triệu đồng');
    expect(formatKpi(def('avgResolutionHours'), 4.5)).toBe('4,5 giờ');
    expect(formatKpi(def('avgResolutionHours'), 4.46)).toBe('4,5 giờ');
    expect(formatKpi(def('received'), 1243294)).toBe('1.243.294 hồ sơ');
    expect(formatKpi(def('payments.count'), 1200)).toBe('1.200 giao dịch');
    expect(formatKpi(def('tasks.overdue'), 12)).toBe('12 nhiệm vụ');
  });
  it('writes money in words on the wall and in full on the tablet, never both styles on one screen', () => {
    expect(formatKpi(def('payments.amount'), 0)).toBe('0 triệu đồng');
    expect(formatKpi(def('payments.amount'), 0, 'vi', 'full')).toBe('0 ₫');
    expect(formatKpi(def('payments.amount'), 850e6, 'vi', 'full')).toBe('850.000.000 ₫');
    expect(formatKpi(def('payments.amount'), 850e6, 'en', 'full')).toBe('850,000,000 VND');
    expect(formatKpi(def('onTimeRate'), 0.75, 'vi', 'full')).toBe('75,0%');
  });
  it('shows "—" for a missing value whatever the unit', () => {
    expect(formatKpi(def('onTimeRate'), null)).toBe('—');
    expect(formatKpi(def('received'), null)).toBe('—');
  });
  it('speaks English when asked', () => {
    expect(formatKpi(def('received'), 1, 'en')).toBe('1 dossier');
    expect(formatKpi(def('received'), 1500, 'en')).toBe('1,500 dossiers');
    expect(formatKpi(def('avgResolutionHours'), 4.5, 'en')).toBe('4.5 hours');
    expect(formatKpi(def('payments.amount'), 1.7e12, 'en')).toBe('1,700 billion VND');
  });
  it('splits number and unit for screens that size them apart', () => {
    expect(formatKpiParts(def('payments.amount'), 1.7e12)).toEqual({ number: '1.700', unit: 'tỷ đồng' });
    expect(formatKpiParts(def('onTimeRate'), 0.5)).toEqual({ number: '50,0%', unit: '' });
  });
});

describe('formatChange(def, value, ref, lang)', () => {
  const count = { unit: 'dossier' as const };
  const rate = { unit: 'percent' as const };

  it('states counts relative to the same time yesterday', () => {
    expect(formatChange(count, 1125, 1000)).toEqual({ direction: 'up', text: '▲ 12,5%' });
    expect(formatChange(count, 900, 1000, 'en')).toEqual({ direction: 'down', text: '▼ 10%' });
  });

  it('states rates in points, never as a ratio of ratios', () => {
    expect(formatChange(rate, 0.982, 0.97)).toEqual({ direction: 'up', text: '▲ 1,2 điểm %' });
    expect(formatChange(rate, 0.95, 0.97, 'en')).toEqual({ direction: 'down', text: '▼ 2 pts' });
  });

  it('says nothing when there is no reference or no ratio to state', () => {
    expect(formatChange(count, 5, 0)).toBeNull();
    expect(formatChange(count, 5, null)).toBeNull();
    expect(formatChange(rate, null, 0.9)).toBeNull();
  });

  it('calls a change that rounds to nothing unchanged', () => {
    expect(formatChange(count, 100_001, 100_000)).toEqual({ direction: 'flat', text: '= không đổi' });
  });
});

describe('rate labels', () => {
  it('name every percent KPI as a rate, so "75,3%" beside it reads as a share, not a count', async () => {
    const { KPIS } = await import('../../../shared/kpis');
    for (const def of KPIS.filter((k) => k.unit === 'percent' && k.id !== 'satisfaction')) {
      expect(def.vi, def.id).toMatch(/^Tỷ lệ /);
      expect(def.en, def.id).toMatch(/rate$/);
    }
    expect(
      formatKpi(
        KPIS.find((k) => k.id === 'onlinePaymentRate')!,
        0.7531,
      ),
    ).toBe('75,3%');
  });
});
