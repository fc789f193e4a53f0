// Generated from services/insights/src/http/schemas/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { Month, ReportId } from '@spendwise/contracts';

/**
 * Path parameters of /insights/reports/{id}.
 */
export interface ReportIdPath {
  id: ReportId;
}

/**
 * Query of GET /insights/reports: the month whose reports to list.
 */
export interface ReportListQuery {
  month: Month;
}

/**
 * The structured answer the model must give for a monthly report (the input of its submit_report tool). Validated before anyone sees it.
 */
export interface ReportModelAnswer {
  /**
   * Two to four sentences on the month, citing amounts exactly as given
   */
  summary: string;
  /**
   * Short factual observations taken from the data
   *
   * @minItems 1
   * @maxItems 5
   */
  highlights: string[];
  /**
   * Exactly three practical, specific recommendations for next month
   *
   * @minItems 3
   * @maxItems 3
   */
  recommendations: {
    title: string;
    detail: string;
  }[];
}

/**
 * Body of POST /insights/reports: the month to report on. The owner comes from the caller's token, never from the body.
 */
export interface ReportRequest {
  month: Month;
}

/**
 * Query string of GET /insights/summary. Values arrive as strings.
 */
export interface SummaryQuery {
  /**
   * Calendar month, YYYY-MM
   */
  month: string;
}
