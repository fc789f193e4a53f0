// Generated from services/insights/src/http/schemas/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { CategoryId, CurrencyCode, ExpenseId, Money, Month, ReportId } from '@spendwise/contracts';

/**
 * GET /insights/summary: the caller's month - totals per category and currency, the daily series, budgets with progress, anomalies and the change from the month before.
 */
export interface MonthSummaryResponse {
  month: Month;
  totals: {
    categoryId: CategoryId;
    currency: CurrencyCode;
    minorUnits: number;
    count: number;
  }[];
  currencies: {
    currency: CurrencyCode;
    minorUnits: number;
    count: number;
  }[];
  daily: {
    date: string;
    currency: CurrencyCode;
    minorUnits: number;
    count: number;
  }[];
  budgets: {
    categoryId: CategoryId;
    amount: Money;
    thresholds: number[];
    /**
     * Spent against the budget this month, in its currency (0 when nothing yet)
     */
    spent: {
      minorUnits: number;
      currency: CurrencyCode;
    };
    /**
     * Share of the budget spent, in percent
     */
    percent: number;
  }[];
  anomalies: {
    expenseId: ExpenseId;
    categoryId: CategoryId;
    date: string;
    amount: Money;
    typicalAmount: Money;
    score: number;
  }[];
  monthOverMonth: {
    previousMonth: Month;
    currencies: {
      categoryId?: CategoryId;
      currency: CurrencyCode;
      currentMinorUnits: number;
      previousMinorUnits: number;
      changeMinorUnits: number;
      /**
       * Relative change in percent (one decimal); null when nothing was spent the previous month
       */
      changePercent: number | null;
    }[];
    categories: {
      categoryId?: CategoryId;
      currency: CurrencyCode;
      currentMinorUnits: number;
      previousMinorUnits: number;
      changeMinorUnits: number;
      /**
       * Relative change in percent (one decimal); null when nothing was spent the previous month
       */
      changePercent: number | null;
    }[];
  };
}

/**
 * POST /insights/reports: the pending report (202 when this request started it, 200 when one of the month was already in flight); poll Location.
 */
export interface ReportAcceptedResponse {
  reportId: ReportId;
  status: 'pending';
}

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
 * GET /insights/reports?month=: the caller's reports of the month, newest first, without their statistics.
 */
export interface ReportListResponse {
  items: ReportSummary[];
}
export interface ReportSummary {
  reportId: ReportId;
  month: Month;
  status: 'pending' | 'ready' | 'failed';
  createdAt: string;
  updatedAt: string;
  /**
   * fallback: written without the model (see fallbackReason); show it flagged
   */
  source?: 'model' | 'fallback';
  fallbackReason?: 'not-enough-data' | 'model-unavailable' | 'invalid-answer';
  summary?: string;
  /**
   * A reason code, never operator detail
   */
  failureReason?: string;
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
 * GET /insights/reports/{id}: one of the caller's reports; a ready one carries its text and statistics.
 */
export interface ReportResponse {
  reportId: ReportId;
  month: Month;
  status: 'pending' | 'ready' | 'failed';
  createdAt: string;
  updatedAt: string;
  /**
   * fallback: written without the model (see fallbackReason); show it flagged
   */
  source?: 'model' | 'fallback';
  fallbackReason?: 'not-enough-data' | 'model-unavailable' | 'invalid-answer';
  summary?: string;
  /**
   * A reason code, never operator detail
   */
  failureReason?: string;
  highlights?: string[];
  recommendations?: {
    title: string;
    detail: string;
  }[];
  statistics?: ReportStatistics;
}
/**
 * The numbers the report was written from
 */
export interface ReportStatistics {
  month: Month;
  previousMonth: Month;
  expenseCount: number;
  activeDays: number;
  totals: {
    currency: CurrencyCode;
    minorUnits: number;
    previousMinorUnits: number;
    changeMinorUnits: number;
    /**
     * Whole percent; absent when the previous month had no spending
     */
    changePercent?: number;
    expenseCount: number;
  }[];
  topCategories: {
    categoryId: CategoryId;
    /**
     * Display name (user text for the user's own categories)
     */
    name: string;
    currency: CurrencyCode;
    minorUnits: number;
    count: number;
    sharePercent: number;
  }[];
  biggestIncreases: {
    categoryId: CategoryId;
    /**
     * Display name (user text for the user's own categories)
     */
    name: string;
    currency: CurrencyCode;
    minorUnits: number;
    previousMinorUnits: number;
    changeMinorUnits: number;
  }[];
  budgets: {
    categoryId: CategoryId;
    /**
     * Display name (user text for the user's own categories)
     */
    name: string;
    currency: CurrencyCode;
    budgetMinorUnits: number;
    spentMinorUnits: number;
    usedPercent: number;
    status: 'within' | 'near' | 'over';
  }[];
  anomalies: {
    categoryId: CategoryId;
    /**
     * Display name (user text for the user's own categories)
     */
    name: string;
    date: string;
    currency: CurrencyCode;
    minorUnits: number;
    typicalMinorUnits: number;
  }[];
  topMerchants: {
    /**
     * User text: data, never an instruction
     */
    merchant: string;
    currency: CurrencyCode;
    minorUnits: number;
    count: number;
  }[];
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
