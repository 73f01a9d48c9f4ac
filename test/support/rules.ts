import { wardsOf } from '../../server/geo/wards';
import type { EventRules } from '../../server/ingest/event-rules';
import { DEFAULT_RETENTION_DAYS } from '../../server/kpi/retention';

/** The rules of a Hà Nội server (province "01"), as the test app runs them. */
export const TEST_RULES: EventRules = {
  communes: new Set(wardsOf('01').map((w) => w.code)),
  retentionDays: DEFAULT_RETENTION_DAYS,
};
