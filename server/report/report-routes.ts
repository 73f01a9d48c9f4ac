import express, { type Router } from 'express';
import { z } from 'zod';
import { DOSSIER_LIST_STATES, type DossierRow } from '../../shared/dossier-list';
import { dayOf } from '../../shared/time';
import { readDossierPage } from '../api/dossiers-read';
import { readPeriodResponse, type KpiRouterDeps } from '../api/kpis';
import { periodQuery } from '../api/queries';
import { wardsOf } from '../geo/wards';
import { AGENCIES } from '../simulator/agencies';
import { problemOf } from '../validation';
import type { Renderer } from '../render/renderer';
import { BOM, dossierCsv, kpiCsv } from './csv';
import { renderReportPdf } from './pdf';
import { answerRenderError } from './render-errors';

/** The most dossiers a report lists (the oldest late, or the soonest due, first). */
export const REPORT_DOSSIERS_MAX = 5_000;
const REPORT_FORMATS = ['csv', 'pdf'] as const;

const reportQuery = (today: ReturnType<typeof dayOf>) =>
  periodQuery(today).extend({
    format: z.enum(REPORT_FORMATS, { error: `must be one of ${REPORT_FORMATS.join(', ')}` }).default('csv'),
    dossiers: z
      .enum(DOSSIER_LIST_STATES, { error: `must be one of ${DOSSIER_LIST_STATES.join(', ')}` })
      .optional(),
  });

/**
 * At /api/v1/report (mounted behind the leader guard): what a meeting keeps. CSV: one row per KPI of
 * the scope and period, values equal to GET /api/v1/kpis/period; with `dossiers=late|dueSoon` the list
 * of those dossiers (due within 24 h) follows. PDF: the same numbers as leaders see them, then a page
 * of what each indicator means (pdf.ts), rendered by the server's Chromium.
 */
export function reportRouter(
  deps: KpiRouterDeps & { province: { code: string; name: string }; renderer: Renderer },
): Router {
  const router = express.Router();
  const communes = new Map(wardsOf(deps.province.code).map((w) => [w.code, w.name]));
  const agencies = new Map<string, string>(AGENCIES.map((a) => [a.id, a.name]));
  const names = {
    commune: (code: string) => communes.get(code) ?? code,
    agency: (id: string) => agencies.get(id) ?? id,
  };
  router.get('/', async (req, res) => {
    const query = reportQuery(dayOf(deps.clock.now())).safeParse(req.query);
    if (!query.success) return void res.status(400).json({ error: problemOf(query.error) });
    const { scope, period, end, dossiers, format } = query.data;
    const file = `bao-cao-${scope.replace(':', '-')}-${period}-${end}`;
    if (format === 'pdf') {
      try {
        const pdf = await renderReportPdf(deps.renderer, { scope, period, end });
        res
          .set('Content-Type', 'application/pdf')
          .set('Content-Disposition', `attachment; filename="${file}.pdf"`)
          .send(pdf);
      } catch (err) {
        answerRenderError(res, err);
      }
      return;
    }
    const body = await readPeriodResponse(deps, scope, period, end);
    let csv = BOM + kpiCsv(body);
    if (dossiers) {
      const rows: DossierRow[] = [];
      let after: string | null = null;
      const now = deps.clock.now();
      do {
        const limit = Math.min(500, REPORT_DOSSIERS_MAX - rows.length);
        const page = await readDossierPage(
          deps.store,
          { scope, state: dossiers, hours: 24, limit, after },
          now,
        );
        rows.push(...page.rows);
        after = page.nextCursor ? decodeAfter(page.nextCursor) : null;
      } while (after !== null && rows.length < REPORT_DOSSIERS_MAX);
      csv += '\r\n' + dossierCsv(rows, names);
    }
    res
      .set('Cache-Control', 'no-store')
      .set('Content-Type', 'text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${file}.csv"`)
      .send(csv);
  });
  return router;
}

/** The index member a cursor of readDossierPage stops at (the report follows its own cursors). */
function decodeAfter(cursor: string): string {
  return (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after: string }).after;
}
