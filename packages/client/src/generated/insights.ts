// Generated from docs/openapi/insights.openapi.json by `pnpm openapi` (openapi-typescript). Do not edit.
export interface paths {
    "/insights/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's reports of a month
         * @description the caller's reports of a month
         */
        get: operations["listReports"];
        put?: never;
        /**
         * Records a pending report and starts its workflow (one in flight per month, a daily limit)
         * @description records a pending report and starts its workflow (one in flight per month, a daily limit)
         */
        post: operations["requestReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/insights/reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of the caller's reports
         * @description one of the caller's reports
         */
        get: operations["getReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/insights/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's month with budgets and the change from the month before
         * @description the caller's month with budgets and the change from the month before
         */
        get: operations["getSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * CategoryId
         * @description Slug of a category: lowercase letters, digits and dashes, 1 to 64 characters
         */
        CategoryId: string;
        /**
         * CurrencyCode
         * @description Active ISO 4217 alphabetic code (List One published 2024-06-25, plus XCG in circulation since 2025-03-31). Adding a code is compatible; removing one needs a new version.
         * @enum {string}
         */
        CurrencyCode: "AED" | "AFN" | "ALL" | "AMD" | "ANG" | "AOA" | "ARS" | "AUD" | "AWG" | "AZN" | "BAM" | "BBD" | "BDT" | "BGN" | "BHD" | "BIF" | "BMD" | "BND" | "BOB" | "BOV" | "BRL" | "BSD" | "BTN" | "BWP" | "BYN" | "BZD" | "CAD" | "CDF" | "CHE" | "CHF" | "CHW" | "CLF" | "CLP" | "CNY" | "COP" | "COU" | "CRC" | "CUC" | "CUP" | "CVE" | "CZK" | "DJF" | "DKK" | "DOP" | "DZD" | "EGP" | "ERN" | "ETB" | "EUR" | "FJD" | "FKP" | "GBP" | "GEL" | "GHS" | "GIP" | "GMD" | "GNF" | "GTQ" | "GYD" | "HKD" | "HNL" | "HTG" | "HUF" | "IDR" | "ILS" | "INR" | "IQD" | "IRR" | "ISK" | "JMD" | "JOD" | "JPY" | "KES" | "KGS" | "KHR" | "KMF" | "KPW" | "KRW" | "KWD" | "KYD" | "KZT" | "LAK" | "LBP" | "LKR" | "LRD" | "LSL" | "LYD" | "MAD" | "MDL" | "MGA" | "MKD" | "MMK" | "MNT" | "MOP" | "MRU" | "MUR" | "MVR" | "MWK" | "MXN" | "MXV" | "MYR" | "MZN" | "NAD" | "NGN" | "NIO" | "NOK" | "NPR" | "NZD" | "OMR" | "PAB" | "PEN" | "PGK" | "PHP" | "PKR" | "PLN" | "PYG" | "QAR" | "RON" | "RSD" | "RUB" | "RWF" | "SAR" | "SBD" | "SCR" | "SDG" | "SEK" | "SGD" | "SHP" | "SLE" | "SOS" | "SRD" | "SSP" | "STN" | "SVC" | "SYP" | "SZL" | "THB" | "TJS" | "TMT" | "TND" | "TOP" | "TRY" | "TTD" | "TWD" | "TZS" | "UAH" | "UGX" | "USD" | "USN" | "UYI" | "UYU" | "UYW" | "UZS" | "VED" | "VES" | "VND" | "VUV" | "WST" | "XAF" | "XAG" | "XAU" | "XBA" | "XBB" | "XBC" | "XBD" | "XCD" | "XCG" | "XDR" | "XOF" | "XPD" | "XPF" | "XPT" | "XSU" | "XTS" | "XUA" | "XXX" | "YER" | "ZAR" | "ZMW" | "ZWG";
        /**
         * ExpenseId
         * Format: uuid
         * @description Id of an expense
         */
        ExpenseId: string;
        /**
         * GatewayError
         * @description API Gateway's own answer (e.g. the JWT authorizer's 401), before the service's code runs
         */
        GatewayError: {
            message: string;
        };
        /**
         * Money
         * @description An amount as a whole number of the currency minor unit (cents for EUR, yen for JPY) and its ISO 4217 code. Never a float, so sums never drift.
         */
        Money: {
            currency: components["schemas"]["CurrencyCode"];
            /** @description Amount in minor units of the currency, at least 1 */
            minorUnits: number;
        };
        /**
         * Month
         * @description A calendar month, YYYY-MM
         */
        Month: string;
        /**
         * MonthSummaryResponse
         * @description GET /insights/summary: the caller's month - totals per category and currency, the daily series, budgets with progress, anomalies and the change from the month before.
         */
        MonthSummaryResponse: {
            anomalies: {
                amount: components["schemas"]["Money"];
                categoryId: components["schemas"]["CategoryId"];
                /** Format: date */
                date: string;
                expenseId: components["schemas"]["ExpenseId"];
                score: number;
                typicalAmount: components["schemas"]["Money"];
            }[];
            budgets: {
                amount: components["schemas"]["Money"];
                categoryId: components["schemas"]["CategoryId"];
                /** @description Share of the budget spent, in percent */
                percent: number;
                /** @description Spent against the budget this month, in its currency (0 when nothing yet) */
                spent: {
                    currency: components["schemas"]["CurrencyCode"];
                    minorUnits: number;
                };
                thresholds: number[];
            }[];
            currencies: {
                count: number;
                currency: components["schemas"]["CurrencyCode"];
                minorUnits: number;
            }[];
            daily: {
                count: number;
                currency: components["schemas"]["CurrencyCode"];
                /** Format: date */
                date: string;
                minorUnits: number;
            }[];
            month: components["schemas"]["Month"];
            monthOverMonth: {
                categories: {
                    categoryId?: components["schemas"]["CategoryId"];
                    changeMinorUnits: number;
                    /** @description Relative change in percent (one decimal); null when nothing was spent the previous month */
                    changePercent: number | null;
                    currency: components["schemas"]["CurrencyCode"];
                    currentMinorUnits: number;
                    previousMinorUnits: number;
                }[];
                currencies: {
                    categoryId?: components["schemas"]["CategoryId"];
                    changeMinorUnits: number;
                    /** @description Relative change in percent (one decimal); null when nothing was spent the previous month */
                    changePercent: number | null;
                    currency: components["schemas"]["CurrencyCode"];
                    currentMinorUnits: number;
                    previousMinorUnits: number;
                }[];
                previousMonth: components["schemas"]["Month"];
            };
            totals: {
                categoryId: components["schemas"]["CategoryId"];
                count: number;
                currency: components["schemas"]["CurrencyCode"];
                minorUnits: number;
            }[];
        };
        /**
         * Problem
         * @description An application/problem+json document (RFC 9457) as every Spendwise API renders it (toProblemDocument): `code` is the stable, machine-readable reason; `detail` is safe to show; `errors` points at the offending fields. Other extension members (e.g. currentVersion, limit) may appear.
         */
        Problem: {
            /** @description Stable machine-readable reason, SCREAMING_SNAKE_CASE */
            code: string;
            detail: string;
            /** @description Field-level violations */
            errors?: {
                message: string;
                /** @description JSON Pointer into the request, e.g. /body/amount/minorUnits or /query/month */
                path: string;
            }[];
            /** @description The request id (or correlation id) of the failed request */
            instance: string;
            status: number;
            /** @description The status line's reason phrase */
            title: string;
            /**
             * Format: uri
             * @description https://spendwise.dev/problems/<code in kebab-case>
             */
            type: string;
        };
        /**
         * ReportAcceptedResponse
         * @description POST /insights/reports: the pending report (202 when this request started it, 200 when one of the month was already in flight); poll Location.
         */
        ReportAcceptedResponse: {
            reportId: components["schemas"]["ReportId"];
            /** @constant */
            status: "pending";
        };
        /**
         * ReportId
         * Format: uuid
         * @description Id of an insight report
         */
        ReportId: string;
        /**
         * ReportListResponse
         * @description GET /insights/reports?month=: the caller's reports of the month, newest first, without their statistics.
         */
        ReportListResponse: {
            items: {
                /** Format: date-time */
                createdAt: string;
                /** @description A reason code, never operator detail */
                failureReason?: string;
                /** @enum {unknown} */
                fallbackReason?: "not-enough-data" | "model-unavailable" | "invalid-answer";
                month: components["schemas"]["Month"];
                reportId: components["schemas"]["ReportId"];
                /**
                 * @description fallback: written without the model (see fallbackReason); show it flagged
                 * @enum {unknown}
                 */
                source?: "model" | "fallback";
                /** @enum {unknown} */
                status: "pending" | "ready" | "failed";
                summary?: string;
                /** Format: date-time */
                updatedAt: string;
            }[];
        };
        /**
         * ReportRequest
         * @description Body of POST /insights/reports: the month to report on. The owner comes from the caller's token, never from the body.
         */
        ReportRequest: {
            month: components["schemas"]["Month"];
        };
        /**
         * ReportResponse
         * @description GET /insights/reports/{id}: one of the caller's reports; a ready one carries its text and statistics.
         */
        ReportResponse: {
            /** Format: date-time */
            createdAt: string;
            /** @description A reason code, never operator detail */
            failureReason?: string;
            /** @enum {unknown} */
            fallbackReason?: "not-enough-data" | "model-unavailable" | "invalid-answer";
            highlights?: string[];
            month: components["schemas"]["Month"];
            recommendations?: {
                detail: string;
                title: string;
            }[];
            reportId: components["schemas"]["ReportId"];
            /**
             * @description fallback: written without the model (see fallbackReason); show it flagged
             * @enum {unknown}
             */
            source?: "model" | "fallback";
            /**
             * ReportStatistics
             * @description The numbers the report was written from
             */
            statistics?: {
                activeDays: number;
                anomalies: {
                    categoryId: components["schemas"]["CategoryId"];
                    currency: components["schemas"]["CurrencyCode"];
                    /** Format: date */
                    date: string;
                    minorUnits: number;
                    /** @description Display name (user text for the user's own categories) */
                    name: string;
                    typicalMinorUnits: number;
                }[];
                biggestIncreases: {
                    categoryId: components["schemas"]["CategoryId"];
                    changeMinorUnits: number;
                    currency: components["schemas"]["CurrencyCode"];
                    minorUnits: number;
                    /** @description Display name (user text for the user's own categories) */
                    name: string;
                    previousMinorUnits: number;
                }[];
                budgets: {
                    budgetMinorUnits: number;
                    categoryId: components["schemas"]["CategoryId"];
                    currency: components["schemas"]["CurrencyCode"];
                    /** @description Display name (user text for the user's own categories) */
                    name: string;
                    spentMinorUnits: number;
                    /** @enum {unknown} */
                    status: "within" | "near" | "over";
                    usedPercent: number;
                }[];
                expenseCount: number;
                month: components["schemas"]["Month"];
                previousMonth: components["schemas"]["Month"];
                topCategories: {
                    categoryId: components["schemas"]["CategoryId"];
                    count: number;
                    currency: components["schemas"]["CurrencyCode"];
                    minorUnits: number;
                    /** @description Display name (user text for the user's own categories) */
                    name: string;
                    sharePercent: number;
                }[];
                topMerchants: {
                    count: number;
                    currency: components["schemas"]["CurrencyCode"];
                    /** @description User text: data, never an instruction */
                    merchant: string;
                    minorUnits: number;
                }[];
                totals: {
                    changeMinorUnits: number;
                    /** @description Whole percent; absent when the previous month had no spending */
                    changePercent?: number;
                    currency: components["schemas"]["CurrencyCode"];
                    expenseCount: number;
                    minorUnits: number;
                    previousMinorUnits: number;
                }[];
            };
            /** @enum {unknown} */
            status: "pending" | "ready" | "failed";
            summary?: string;
            /** Format: date-time */
            updatedAt: string;
        };
    };
    responses: never;
    parameters: {
        /** @description The ETag you hold: 304 without a body while it is still current */
        IfNoneMatch: string;
    };
    requestBodies: never;
    headers: {
        /** @description How the client may keep the answer */
        CacheControl: string;
        /** @description Correlation id of the request (sent back as received in x-correlation-id, or new) */
        CorrelationId: string;
        /** @description Strong entity tag of the representation: send it in If-Match to change it, If-None-Match to re-read */
        ETag: string;
        /** @description Path of the resource created or to poll */
        Location: string;
        /** @description Seconds to wait before retrying */
        RetryAfter: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listReports: {
        parameters: {
            query: {
                month: components["schemas"]["Month"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportListResponse"];
                };
            };
            /** @description Problem: `VALIDATION_FAILED` */
            400: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem: `NOT_AN_ACCESS_TOKEN`, `UNAUTHENTICATED` */
            401: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOT_AN_ACCESS_TOKEN" | "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Problem: `INSUFFICIENT_SCOPE` */
            403: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSUFFICIENT_SCOPE";
                    };
                };
            };
            /** @description Problem: `INTERNAL_ERROR` */
            500: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INTERNAL_ERROR";
                    };
                };
            };
        };
    };
    requestReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    Location: components["headers"]["Location"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportAcceptedResponse"];
                };
            };
            /** @description Accepted */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportAcceptedResponse"];
                };
            };
            /** @description Problem: `INVALID_JSON`, `INVALID_MONTH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INVALID_JSON" | "INVALID_MONTH" | "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem: `NOT_AN_ACCESS_TOKEN`, `UNAUTHENTICATED` */
            401: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOT_AN_ACCESS_TOKEN" | "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Problem: `INSUFFICIENT_SCOPE` */
            403: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSUFFICIENT_SCOPE";
                    };
                };
            };
            /** @description Problem: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Problem: `UNSUPPORTED_MEDIA_TYPE` */
            415: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description Problem: `REPORT_LIMIT_REACHED` */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "REPORT_LIMIT_REACHED";
                    };
                };
            };
            /** @description Problem: `INTERNAL_ERROR` */
            500: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INTERNAL_ERROR";
                    };
                };
            };
            /** @description Problem: `REPORT_NOT_STARTED` */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "REPORT_NOT_STARTED";
                    };
                };
            };
        };
    };
    getReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["ReportId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportResponse"];
                };
            };
            /** @description Problem: `VALIDATION_FAILED` */
            400: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem: `NOT_AN_ACCESS_TOKEN`, `UNAUTHENTICATED` */
            401: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOT_AN_ACCESS_TOKEN" | "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Problem: `INSUFFICIENT_SCOPE` */
            403: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSUFFICIENT_SCOPE";
                    };
                };
            };
            /** @description Problem: `REPORT_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "REPORT_NOT_FOUND";
                    };
                };
            };
            /** @description Problem: `INTERNAL_ERROR` */
            500: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INTERNAL_ERROR";
                    };
                };
            };
        };
    };
    getSummary: {
        parameters: {
            query: {
                /** @description Calendar month, YYYY-MM */
                month: string;
            };
            header?: {
                /** @description The ETag you hold: 304 without a body while it is still current */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    ETag: components["headers"]["ETag"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MonthSummaryResponse"];
                };
            };
            /** @description Not Modified: the representation you hold (If-None-Match) is current */
            304: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: `VALIDATION_FAILED` */
            400: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /** @description Problem: `NOT_AN_ACCESS_TOKEN`, `UNAUTHENTICATED` */
            401: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOT_AN_ACCESS_TOKEN" | "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Problem: `INSUFFICIENT_SCOPE` */
            403: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSUFFICIENT_SCOPE";
                    };
                };
            };
            /** @description Problem: `INTERNAL_ERROR` */
            500: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INTERNAL_ERROR";
                    };
                };
            };
        };
    };
}
