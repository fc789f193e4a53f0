// Generated from docs/openapi/catalog.openapi.json by `pnpm openapi` (openapi-typescript). Do not edit.
export interface paths {
    "/budgets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's budgets
         * @description the caller's budgets
         */
        get: operations["listBudgets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/budgets/{categoryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Sets a monthly budget
         * @description sets a monthly budget
         */
        put: operations["setBudget"];
        post?: never;
        /**
         * Removes a monthly budget
         * @description removes a monthly budget
         */
        delete: operations["removeBudget"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The defaults and the caller's own categories
         * @description the defaults and the caller's own categories
         */
        get: operations["listCategories"];
        put?: never;
        /**
         * Creates an own category and its CategoryCreated event
         * @description creates an own category and its CategoryCreated event
         */
        post: operations["createCategory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/categories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Renames an own category (If-Match)
         * @description renames an own category (If-Match)
         */
        patch: operations["renameCategory"];
        trace?: never;
    };
    "/categories/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archives an own category
         * @description archives an own category
         */
        post: operations["archiveCategory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/merchant-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's merchant rules
         * @description the caller's merchant rules
         */
        get: operations["listMerchantRules"];
        /**
         * Files a merchant's expenses under a category
         * @description files a merchant's expenses under a category
         */
        put: operations["setMerchantRule"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/merchant-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Removes a merchant rule
         * @description removes a merchant rule
         */
        delete: operations["removeMerchantRule"];
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
         * BudgetListResponse
         * @description GET /budgets: the caller's budgets.
         */
        BudgetListResponse: {
            items: components["schemas"]["BudgetSnapshot"][];
        };
        /**
         * BudgetResponse
         * @description A monthly budget of one category (PUT /budgets/{categoryId}).
         */
        BudgetResponse: components["schemas"]["BudgetSnapshot"];
        /**
         * BudgetSnapshot
         * @description The full state of a monthly budget of one category at one version
         */
        BudgetSnapshot: {
            amount: components["schemas"]["Money"];
            categoryId: components["schemas"]["CategoryId"];
            /** Format: date-time */
            createdAt: string;
            thresholds: components["schemas"]["BudgetThresholds"];
            /** Format: date-time */
            updatedAt: string;
            /** @description Grows by one with every set or removal, also across removal and setting again */
            version: number;
        };
        /**
         * BudgetThresholds
         * @description Percentages of the amount at which spending is announced, ascending
         */
        BudgetThresholds: number[];
        /**
         * CategoryId
         * @description Slug of a category: lowercase letters, digits and dashes, 1 to 64 characters
         */
        CategoryId: string;
        /**
         * CategoryListResponse
         * @description GET /categories: the default categories, then the caller's own (archived ones included).
         */
        CategoryListResponse: {
            items: {
                archived: boolean;
                categoryId: components["schemas"]["CategoryId"];
                /** Format: date-time */
                createdAt?: string;
                isDefault: boolean;
                name: components["schemas"]["CategoryName"];
                /** Format: date-time */
                updatedAt?: string;
                /** @description Own categories only; its ETag is the quoted version */
                version?: number;
            }[];
        };
        /**
         * CategoryName
         * @description Display name of a category, as the user typed it (trimmed)
         */
        CategoryName: string;
        /**
         * CategoryResponse
         * @description A category as clients see it: a default one (isDefault, no version: it never changes) or one of the caller's own.
         */
        CategoryResponse: {
            archived: boolean;
            categoryId: components["schemas"]["CategoryId"];
            /** Format: date-time */
            createdAt?: string;
            isDefault: boolean;
            name: components["schemas"]["CategoryName"];
            /** Format: date-time */
            updatedAt?: string;
            /** @description Own categories only; its ETag is the quoted version */
            version?: number;
        };
        /**
         * CreateCategoryRequest
         * @description Body of POST /categories. The owner comes from the caller's token, never from the body.
         */
        CreateCategoryRequest: {
            /** @description Display name; the category id is derived from it */
            name: string;
        };
        /**
         * CurrencyCode
         * @description Active ISO 4217 alphabetic code (List One published 2024-06-25, plus XCG in circulation since 2025-03-31). Adding a code is compatible; removing one needs a new version.
         * @enum {string}
         */
        CurrencyCode: "AED" | "AFN" | "ALL" | "AMD" | "ANG" | "AOA" | "ARS" | "AUD" | "AWG" | "AZN" | "BAM" | "BBD" | "BDT" | "BGN" | "BHD" | "BIF" | "BMD" | "BND" | "BOB" | "BOV" | "BRL" | "BSD" | "BTN" | "BWP" | "BYN" | "BZD" | "CAD" | "CDF" | "CHE" | "CHF" | "CHW" | "CLF" | "CLP" | "CNY" | "COP" | "COU" | "CRC" | "CUC" | "CUP" | "CVE" | "CZK" | "DJF" | "DKK" | "DOP" | "DZD" | "EGP" | "ERN" | "ETB" | "EUR" | "FJD" | "FKP" | "GBP" | "GEL" | "GHS" | "GIP" | "GMD" | "GNF" | "GTQ" | "GYD" | "HKD" | "HNL" | "HTG" | "HUF" | "IDR" | "ILS" | "INR" | "IQD" | "IRR" | "ISK" | "JMD" | "JOD" | "JPY" | "KES" | "KGS" | "KHR" | "KMF" | "KPW" | "KRW" | "KWD" | "KYD" | "KZT" | "LAK" | "LBP" | "LKR" | "LRD" | "LSL" | "LYD" | "MAD" | "MDL" | "MGA" | "MKD" | "MMK" | "MNT" | "MOP" | "MRU" | "MUR" | "MVR" | "MWK" | "MXN" | "MXV" | "MYR" | "MZN" | "NAD" | "NGN" | "NIO" | "NOK" | "NPR" | "NZD" | "OMR" | "PAB" | "PEN" | "PGK" | "PHP" | "PKR" | "PLN" | "PYG" | "QAR" | "RON" | "RSD" | "RUB" | "RWF" | "SAR" | "SBD" | "SCR" | "SDG" | "SEK" | "SGD" | "SHP" | "SLE" | "SOS" | "SRD" | "SSP" | "STN" | "SVC" | "SYP" | "SZL" | "THB" | "TJS" | "TMT" | "TND" | "TOP" | "TRY" | "TTD" | "TWD" | "TZS" | "UAH" | "UGX" | "USD" | "USN" | "UYI" | "UYU" | "UYW" | "UZS" | "VED" | "VES" | "VND" | "VUV" | "WST" | "XAF" | "XAG" | "XAU" | "XBA" | "XBB" | "XBC" | "XBD" | "XCD" | "XCG" | "XDR" | "XOF" | "XPD" | "XPF" | "XPT" | "XSU" | "XTS" | "XUA" | "XXX" | "YER" | "ZAR" | "ZMW" | "ZWG";
        /**
         * GatewayError
         * @description API Gateway's own answer (e.g. the JWT authorizer's 401), before the service's code runs
         */
        GatewayError: {
            message: string;
        };
        /**
         * MerchantRuleListResponse
         * @description GET /merchant-rules: the caller's merchant rules.
         */
        MerchantRuleListResponse: {
            items: components["schemas"]["MerchantRuleSnapshot"][];
        };
        /**
         * MerchantRuleResponse
         * @description A merchant rule (PUT /merchant-rules): expenses of this merchant without a category go to categoryId.
         */
        MerchantRuleResponse: components["schemas"]["MerchantRuleSnapshot"];
        /**
         * MerchantRuleSnapshot
         * @description The full state of a merchant rule at one version
         */
        MerchantRuleSnapshot: {
            /** @description Category the merchant's expenses go to; null when the rule was removed */
            categoryId: components["schemas"]["CategoryId"] | null;
            /** Format: date-time */
            createdAt: string;
            /** @description Normalised merchant: trimmed, lower-cased, inner whitespace collapsed to one space */
            merchant: string;
            /** @description Derived from the normalised merchant: the same merchant always has the same id */
            ruleId: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
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
         * RenameCategoryRequest
         * @description Body of PATCH /categories/{id}: the new name (the id stays).
         */
        RenameCategoryRequest: {
            /** @description Display name; the category id is derived from it */
            name: string;
        };
        /**
         * SetBudgetRequest
         * @description Body of PUT /budgets/{categoryId}: the monthly amount and the percentages at which spending is announced (default [80, 100]).
         */
        SetBudgetRequest: {
            amount: components["schemas"]["Money"];
            thresholds?: components["schemas"]["BudgetThresholds"];
        };
        /**
         * SetMerchantRuleRequest
         * @description Body of PUT /merchant-rules: file this merchant's expenses under a category. The merchant is normalised (trimmed, lower-cased, inner whitespace collapsed).
         */
        SetMerchantRuleRequest: {
            categoryId: components["schemas"]["CategoryId"];
            /** @description Merchant as the user typed it */
            merchant: string;
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
    listBudgets: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["BudgetListResponse"];
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
            /** @description Problem: `BUDGET_NOT_FOUND`, `CATEGORY_NOT_FOUND`, `MERCHANT_RULE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "BUDGET_NOT_FOUND" | "CATEGORY_NOT_FOUND" | "MERCHANT_RULE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem: `CATEGORY_ARCHIVED`, `CATEGORY_EXISTS`, `CONCURRENT_CHANGE`, `DEFAULT_CATEGORY` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "CATEGORY_EXISTS" | "CONCURRENT_CHANGE" | "DEFAULT_CATEGORY";
                    };
                };
            };
            /** @description Problem: `VERSION_MISMATCH` */
            412: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VERSION_MISMATCH";
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
    setBudget: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read: the change applies only to that version (412 otherwise) */
                "If-Match"?: string;
            };
            path: {
                categoryId: components["schemas"]["CategoryId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetBudgetRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetResponse"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetResponse"];
                };
            };
            /** @description Problem: `INVALID_IF_MATCH`, `INVALID_JSON`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INVALID_IF_MATCH" | "INVALID_JSON" | "VALIDATION_FAILED";
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
            /** @description Problem: `BUDGET_NOT_FOUND`, `CATEGORY_NOT_FOUND`, `MERCHANT_RULE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "BUDGET_NOT_FOUND" | "CATEGORY_NOT_FOUND" | "MERCHANT_RULE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem: `CATEGORY_ARCHIVED`, `CATEGORY_EXISTS`, `CONCURRENT_CHANGE`, `DEFAULT_CATEGORY` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "CATEGORY_EXISTS" | "CONCURRENT_CHANGE" | "DEFAULT_CATEGORY";
                    };
                };
            };
            /** @description Problem: `VERSION_MISMATCH` */
            412: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VERSION_MISMATCH";
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
    removeBudget: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read: the change applies only to that version (412 otherwise) */
                "If-Match"?: string;
            };
            path: {
                categoryId: components["schemas"]["CategoryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: `INVALID_IF_MATCH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INVALID_IF_MATCH" | "VALIDATION_FAILED";
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
            /** @description Problem: `BUDGET_NOT_FOUND`, `CATEGORY_NOT_FOUND`, `MERCHANT_RULE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "BUDGET_NOT_FOUND" | "CATEGORY_NOT_FOUND" | "MERCHANT_RULE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem: `CATEGORY_ARCHIVED`, `CATEGORY_EXISTS`, `CONCURRENT_CHANGE`, `DEFAULT_CATEGORY` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "CATEGORY_EXISTS" | "CONCURRENT_CHANGE" | "DEFAULT_CATEGORY";
                    };
                };
            };
            /** @description Problem: `VERSION_MISMATCH` */
            412: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VERSION_MISMATCH";
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
    listCategories: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["CategoryListResponse"];
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
            /** @description Problem: `BUDGET_NOT_FOUND`, `CATEGORY_NOT_FOUND`, `MERCHANT_RULE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "BUDGET_NOT_FOUND" | "CATEGORY_NOT_FOUND" | "MERCHANT_RULE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem: `CATEGORY_ARCHIVED`, `CATEGORY_EXISTS`, `CONCURRENT_CHANGE`, `DEFAULT_CATEGORY` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "CATEGORY_EXISTS" | "CONCURRENT_CHANGE" | "DEFAULT_CATEGORY";
                    };
                };
            };
            /** @description Problem: `VERSION_MISMATCH` */
            412: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VERSION_MISMATCH";
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
    createCategory: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCategoryRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    Location: components["headers"]["Location"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryResponse"];
                };
            };
            /** @description Problem: `INVALID_JSON`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INVALID_JSON" | "VALIDATION_FAILED";
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
            /** @description Problem: `BUDGET_NOT_FOUND`, `CATEGORY_NOT_FOUND`, `MERCHANT_RULE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "BUDGET_NOT_FOUND" | "CATEGORY_NOT_FOUND" | "MERCHANT_RULE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem: `CATEGORY_ARCHIVED`, `CATEGORY_EXISTS`, `CONCURRENT_CHANGE`, `DEFAULT_CATEGORY` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "CATEGORY_EXISTS" | "CONCURRENT_CHANGE" | "DEFAULT_CATEGORY";
                    };
                };
            };
            /** @description Problem: `VERSION_MISMATCH` */
            412: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VERSION_MISMATCH";
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
    renameCategory: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the version you read: the change applies only to that version (412 otherwise) */
                "If-Match": string;
            };
            path: {
                id: components["schemas"]["CategoryId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenameCategoryRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryResponse"];
                };
            };
            /** @description Problem: `INVALID_IF_MATCH`, `INVALID_JSON`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INVALID_IF_MATCH" | "INVALID_JSON" | "VALIDATION_FAILED";
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
            /** @description Problem: `BUDGET_NOT_FOUND`, `CATEGORY_NOT_FOUND`, `MERCHANT_RULE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "BUDGET_NOT_FOUND" | "CATEGORY_NOT_FOUND" | "MERCHANT_RULE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem: `CATEGORY_ARCHIVED`, `CATEGORY_EXISTS`, `CONCURRENT_CHANGE`, `DEFAULT_CATEGORY` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "CATEGORY_EXISTS" | "CONCURRENT_CHANGE" | "DEFAULT_CATEGORY";
                    };
                };
            };
            /** @description Problem: `VERSION_MISMATCH` */
            412: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VERSION_MISMATCH";
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
            /** @description Problem: `PRECONDITION_REQUIRED` */
            428: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "PRECONDITION_REQUIRED";
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
    archiveCategory: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read: the change applies only to that version (412 otherwise) */
                "If-Match"?: string;
            };
            path: {
                id: components["schemas"]["CategoryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryResponse"];
                };
            };
            /** @description Problem: `INVALID_IF_MATCH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INVALID_IF_MATCH" | "VALIDATION_FAILED";
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
            /** @description Problem: `BUDGET_NOT_FOUND`, `CATEGORY_NOT_FOUND`, `MERCHANT_RULE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "BUDGET_NOT_FOUND" | "CATEGORY_NOT_FOUND" | "MERCHANT_RULE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem: `CATEGORY_ARCHIVED`, `CATEGORY_EXISTS`, `CONCURRENT_CHANGE`, `DEFAULT_CATEGORY` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "CATEGORY_EXISTS" | "CONCURRENT_CHANGE" | "DEFAULT_CATEGORY";
                    };
                };
            };
            /** @description Problem: `VERSION_MISMATCH` */
            412: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VERSION_MISMATCH";
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
    listMerchantRules: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["MerchantRuleListResponse"];
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
            /** @description Problem: `BUDGET_NOT_FOUND`, `CATEGORY_NOT_FOUND`, `MERCHANT_RULE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "BUDGET_NOT_FOUND" | "CATEGORY_NOT_FOUND" | "MERCHANT_RULE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem: `CATEGORY_ARCHIVED`, `CATEGORY_EXISTS`, `CONCURRENT_CHANGE`, `DEFAULT_CATEGORY` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "CATEGORY_EXISTS" | "CONCURRENT_CHANGE" | "DEFAULT_CATEGORY";
                    };
                };
            };
            /** @description Problem: `VERSION_MISMATCH` */
            412: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VERSION_MISMATCH";
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
    setMerchantRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetMerchantRuleRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    Location: components["headers"]["Location"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MerchantRuleResponse"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    Location: components["headers"]["Location"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MerchantRuleResponse"];
                };
            };
            /** @description Problem: `INVALID_JSON`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INVALID_JSON" | "VALIDATION_FAILED";
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
            /** @description Problem: `BUDGET_NOT_FOUND`, `CATEGORY_NOT_FOUND`, `MERCHANT_RULE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "BUDGET_NOT_FOUND" | "CATEGORY_NOT_FOUND" | "MERCHANT_RULE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem: `CATEGORY_ARCHIVED`, `CATEGORY_EXISTS`, `CONCURRENT_CHANGE`, `DEFAULT_CATEGORY` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "CATEGORY_EXISTS" | "CONCURRENT_CHANGE" | "DEFAULT_CATEGORY";
                    };
                };
            };
            /** @description Problem: `VERSION_MISMATCH` */
            412: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VERSION_MISMATCH";
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
    removeMerchantRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read: the change applies only to that version (412 otherwise) */
                "If-Match"?: string;
            };
            path: {
                /** @description Rule id, derived from the normalised merchant */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: `INVALID_IF_MATCH`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INVALID_IF_MATCH" | "VALIDATION_FAILED";
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
            /** @description Problem: `BUDGET_NOT_FOUND`, `CATEGORY_NOT_FOUND`, `MERCHANT_RULE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "BUDGET_NOT_FOUND" | "CATEGORY_NOT_FOUND" | "MERCHANT_RULE_NOT_FOUND";
                    };
                };
            };
            /** @description Problem: `CATEGORY_ARCHIVED`, `CATEGORY_EXISTS`, `CONCURRENT_CHANGE`, `DEFAULT_CATEGORY` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "CATEGORY_EXISTS" | "CONCURRENT_CHANGE" | "DEFAULT_CATEGORY";
                    };
                };
            };
            /** @description Problem: `VERSION_MISMATCH` */
            412: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "VERSION_MISMATCH";
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
