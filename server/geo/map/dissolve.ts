import { provinceByCode } from '../../../shared/provinces';
import { union, type MultiPolygon } from './clip';
import { oldProvinceOutline } from './old-provinces';

const cache = new Map<string, MultiPolygon>();

/**
 * The outline of a province of 2025: the union of the former provinces it took over. Cached, because
 * every province's map also draws its neighbours for context.
 */
export function provinceOutline(code: string): MultiPolygon {
  const cached = cache.get(code);
  if (cached) return cached;
  const province = provinceByCode(code);
  if (!province) throw new Error(`Unknown province code "${code}"`);
  const [first, ...rest] = province.mergedFrom.map(oldProvinceOutline);
  if (!first) throw new Error(`Province ${code} merges no former province`);
  const outline = union(first, ...rest);
  cache.set(code, outline);
  return outline;
}
