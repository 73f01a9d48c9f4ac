import type { KpiId } from './kpis';
import type { KpiKey } from './socket';

/**
 * "Change against the same time yesterday": the province's value of a KPI yesterday at the same minute
 * of the day, travelling in the province feed as an ordinary key ("province|yesterday.received"). Only
 * KPIs that can be rebuilt exactly from yesterday's minute counters get one; a tile shows no comparison
 * rather than a guessed one.
 */
export const yesterdayKey = (kpiId: KpiId): KpiKey => `province|yesterday.${kpiId}`;
