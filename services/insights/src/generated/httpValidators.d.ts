// Generated from services/insights/src/http/schemas/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { StandaloneValidator } from '@spendwise/contracts/validatorRuntime';
import type { ReportIdPath, ReportListQuery, ReportModelAnswer, ReportRequest, SummaryQuery } from './http';

export declare const validateReportIdPath: StandaloneValidator<ReportIdPath>;
export declare const validateReportListQuery: StandaloneValidator<ReportListQuery>;
export declare const validateReportModelAnswer: StandaloneValidator<ReportModelAnswer>;
export declare const validateReportRequest: StandaloneValidator<ReportRequest>;
export declare const validateSummaryQuery: StandaloneValidator<SummaryQuery>;
