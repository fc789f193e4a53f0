// Generated from docs/openapi/expenses.openapi.json by `pnpm openapi` (openapi-typescript). Do not edit.
export interface paths {
    "/expenses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A month of expenses, optionally one category, paginated
         * @description a month of expenses, optionally one category, paginated
         */
        get: operations["listExpenses"];
        put?: never;
        /**
         * Records an expense and its ExpenseRecorded event
         * @description records an expense and its ExpenseRecorded event
         */
        post: operations["createExpense"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/expenses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get expense */
        get: operations["getExpense"];
        put?: never;
        post?: never;
        /** Delete expense */
        delete: operations["deleteExpense"];
        options?: never;
        head?: never;
        /**
         * Optimistic concurrency with If-Match
         * @description optimistic concurrency with If-Match
         */
        patch: operations["updateExpense"];
        trace?: never;
    };
    "/expenses/{id}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A short-lived presigned GET of the attached receipt
         * @description a short-lived presigned GET of the attached receipt
         */
        get: operations["getReceipt"];
        put?: never;
        /**
         * A presigned POST for a receipt file, recorded as the pending upload
         * @description a presigned POST for a receipt file, recorded as the pending upload
         */
        post: operations["requestReceiptUpload"];
        /**
         * Detaches the receipt;
         * @description detaches the receipt; its file is deleted from the ReceiptRemoved event
         */
        delete: operations["removeReceipt"];
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
         * CreateExpenseRequest
         * @description Body of POST /expenses. The owner comes from the caller's token, never from the body.
         */
        CreateExpenseRequest: {
            amount: components["schemas"]["Money"];
            categoryId?: components["schemas"]["CategoryId"];
            /**
             * Format: date
             * @description Day the money was spent (YYYY-MM-DD)
             */
            date: string;
            merchant?: components["schemas"]["Merchant"];
            note?: components["schemas"]["Note"];
            tags?: components["schemas"]["Tags"];
        };
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
         * ExpensePageResponse
         * @description A page of GET /expenses: the month's expenses, newest first; nextCursor while more remain.
         */
        ExpensePageResponse: {
            items: components["schemas"]["ExpenseSnapshot"][];
            /** @description Pass as `cursor` to read the next page */
            nextCursor?: string;
        };
        /**
         * ExpenseResponse
         * @description An expense as its API answers it (201 from POST /expenses, 200 from GET and PATCH /expenses/{id}): the snapshot; the owner is implied by the token.
         */
        ExpenseResponse: components["schemas"]["ExpenseSnapshot"];
        /**
         * ExpenseSnapshot
         * @description The full state of an expense at one version
         */
        ExpenseSnapshot: {
            amount: components["schemas"]["Money"];
            categoryId: components["schemas"]["CategoryId"];
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date
             * @description Day the money was spent (YYYY-MM-DD)
             */
            date: string;
            expenseId: components["schemas"]["ExpenseId"];
            merchant?: components["schemas"]["Merchant"];
            note?: components["schemas"]["Note"];
            /** @description The attached receipt; absent when the expense has none */
            receipt?: components["schemas"]["Receipt"];
            tags: components["schemas"]["Tags"];
            /** Format: date-time */
            updatedAt: string;
            /** @description Starts at 1 and grows by one with every change */
            version: number;
        };
        /**
         * GatewayError
         * @description API Gateway's own answer (e.g. the JWT authorizer's 401), before the service's code runs
         */
        GatewayError: {
            message: string;
        };
        /**
         * Merchant
         * @description Where the money was spent, as the user typed it
         */
        Merchant: string;
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
         * Note
         * @description Free text from the user
         */
        Note: string;
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
         * Receipt
         * @description The checked receipt file attached to an expense
         */
        Receipt: {
            /**
             * Format: date-time
             * @description When the checked file was attached
             */
            attachedAt: string;
            contentType: components["schemas"]["ReceiptContentType"];
            receiptId: components["schemas"]["ReceiptId"];
            /** @description Size in bytes, at most 10 MiB */
            size: number;
        };
        /**
         * ReceiptContentType
         * @description Media types a receipt may have; the file's first bytes must match it
         * @enum {string}
         */
        ReceiptContentType: "image/jpeg" | "image/png" | "image/webp" | "image/heic" | "application/pdf";
        /**
         * ReceiptId
         * Format: uuid
         * @description Id of one uploaded receipt file (the last segment of its object key)
         */
        ReceiptId: string;
        /**
         * ReceiptResponse
         * @description The expense's receipt (200 from GET /expenses/{id}/receipt): a short-lived presigned GET of the file and its checked type.
         */
        ReceiptResponse: {
            contentType: components["schemas"]["ReceiptContentType"];
            /** Format: date-time */
            expiresAt: string;
            /**
             * Format: uri
             * @description Download link, valid until expiresAt
             */
            url: string;
        };
        /**
         * ReceiptUploadRequest
         * @description Body of POST /expenses/{id}/receipt: the type of the file the client is about to upload.
         */
        ReceiptUploadRequest: {
            contentType: components["schemas"]["ReceiptContentType"];
        };
        /**
         * ReceiptUploadResponse
         * @description A presigned S3 POST (201 from POST /expenses/{id}/receipt): send a multipart/form-data POST to `url` with every field of `fields` first and the file last, as `file`, before `expiresAt`. The policy pins the key, the Content-Type and a size of 1 byte to 10 MiB; the receipt is attached once the file passes the checks.
         */
        ReceiptUploadResponse: {
            /**
             * Format: date-time
             * @description When the upload policy expires
             */
            expiresAt: string;
            /** @description Form fields to send before the file (key, Content-Type, policy, signature) */
            fields: {
                [key: string]: string;
            };
            /**
             * Format: uri
             * @description Where to POST the form
             */
            url: string;
        };
        /**
         * Tag
         * @description A label: starts with a letter or digit, then letters, digits, spaces, underscores or dashes; 1 to 32 characters
         */
        Tag: string;
        /**
         * Tags
         * @description Up to 10 distinct labels
         */
        Tags: components["schemas"]["Tag"][];
        /**
         * UpdateExpenseRequest
         * @description Body of PATCH /expenses/{id}: the fields to change. `null` clears an optional field.
         */
        UpdateExpenseRequest: {
            amount?: components["schemas"]["Money"];
            categoryId?: components["schemas"]["CategoryId"];
            /** Format: date */
            date?: string;
            merchant?: components["schemas"]["Merchant"] | null;
            note?: components["schemas"]["Note"] | null;
            tags?: components["schemas"]["Tags"];
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
        /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
        IdempotentReplayed: "true";
        /** @description Path of the resource created or to poll */
        Location: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listExpenses: {
        parameters: {
            query: {
                categoryId?: components["schemas"]["CategoryId"];
                cursor?: string;
                /** @description Page size, 1 to 100 (default 50) */
                limit?: string;
                /** @description Calendar month, YYYY-MM */
                month: string;
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
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExpensePageResponse"];
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
            /** @description Problem: `INSUFFICIENT_SCOPE`, `ORIGIN_NOT_ALLOWED` */
            403: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSUFFICIENT_SCOPE" | "ORIGIN_NOT_ALLOWED";
                    };
                };
            };
            /** @description Problem: `EXPENSE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EXPENSE_NOT_FOUND";
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
            /** @description Problem: `CATEGORY_ARCHIVED`, `IDEMPOTENCY_KEY_REUSED`, `UNKNOWN_CATEGORY` */
            422: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "IDEMPOTENCY_KEY_REUSED" | "UNKNOWN_CATEGORY";
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
    createExpense: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key you choose per logical request: a retry with the same key and body gets the first answer again (Idempotent-Replayed: true) instead of a second resource */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateExpenseRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    Location: components["headers"]["Location"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExpenseResponse"];
                };
            };
            /** @description Problem: `INVALID_IDEMPOTENCY_KEY`, `INVALID_JSON`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INVALID_IDEMPOTENCY_KEY" | "INVALID_JSON" | "VALIDATION_FAILED";
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
            /** @description Problem: `INSUFFICIENT_SCOPE`, `ORIGIN_NOT_ALLOWED` */
            403: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSUFFICIENT_SCOPE" | "ORIGIN_NOT_ALLOWED";
                    };
                };
            };
            /** @description Problem: `EXPENSE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EXPENSE_NOT_FOUND";
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
            /** @description Problem: `CATEGORY_ARCHIVED`, `IDEMPOTENCY_KEY_REUSED`, `UNKNOWN_CATEGORY` */
            422: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "IDEMPOTENCY_KEY_REUSED" | "UNKNOWN_CATEGORY";
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
    getExpense: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag you hold: 304 without a body while it is still current */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                id: components["schemas"]["ExpenseId"];
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
                    "application/json": components["schemas"]["ExpenseResponse"];
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
            /** @description Problem: `INSUFFICIENT_SCOPE`, `ORIGIN_NOT_ALLOWED` */
            403: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSUFFICIENT_SCOPE" | "ORIGIN_NOT_ALLOWED";
                    };
                };
            };
            /** @description Problem: `EXPENSE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EXPENSE_NOT_FOUND";
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
            /** @description Problem: `CATEGORY_ARCHIVED`, `IDEMPOTENCY_KEY_REUSED`, `UNKNOWN_CATEGORY` */
            422: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "IDEMPOTENCY_KEY_REUSED" | "UNKNOWN_CATEGORY";
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
    deleteExpense: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read: the change applies only to that version (412 otherwise) */
                "If-Match"?: string;
            };
            path: {
                id: components["schemas"]["ExpenseId"];
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
            /** @description Problem: `INSUFFICIENT_SCOPE`, `ORIGIN_NOT_ALLOWED` */
            403: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSUFFICIENT_SCOPE" | "ORIGIN_NOT_ALLOWED";
                    };
                };
            };
            /** @description Problem: `EXPENSE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EXPENSE_NOT_FOUND";
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
            /** @description Problem: `CATEGORY_ARCHIVED`, `IDEMPOTENCY_KEY_REUSED`, `UNKNOWN_CATEGORY` */
            422: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "IDEMPOTENCY_KEY_REUSED" | "UNKNOWN_CATEGORY";
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
    updateExpense: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the version you read: the change applies only to that version (412 otherwise) */
                "If-Match": string;
            };
            path: {
                id: components["schemas"]["ExpenseId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateExpenseRequest"];
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
                    "application/json": components["schemas"]["ExpenseResponse"];
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
            /** @description Problem: `INSUFFICIENT_SCOPE`, `ORIGIN_NOT_ALLOWED` */
            403: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSUFFICIENT_SCOPE" | "ORIGIN_NOT_ALLOWED";
                    };
                };
            };
            /** @description Problem: `EXPENSE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EXPENSE_NOT_FOUND";
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
            /** @description Problem: `CATEGORY_ARCHIVED`, `IDEMPOTENCY_KEY_REUSED`, `UNKNOWN_CATEGORY` */
            422: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "IDEMPOTENCY_KEY_REUSED" | "UNKNOWN_CATEGORY";
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
    getReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["ExpenseId"];
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
                    "application/json": components["schemas"]["ReceiptResponse"];
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
            /** @description Problem: `INSUFFICIENT_SCOPE`, `ORIGIN_NOT_ALLOWED` */
            403: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSUFFICIENT_SCOPE" | "ORIGIN_NOT_ALLOWED";
                    };
                };
            };
            /** @description Problem: `EXPENSE_NOT_FOUND`, `RECEIPT_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EXPENSE_NOT_FOUND" | "RECEIPT_NOT_FOUND";
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
            /** @description Problem: `CATEGORY_ARCHIVED`, `IDEMPOTENCY_KEY_REUSED`, `UNKNOWN_CATEGORY` */
            422: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "IDEMPOTENCY_KEY_REUSED" | "UNKNOWN_CATEGORY";
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
    requestReceiptUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["ExpenseId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReceiptUploadRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptUploadResponse"];
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
            /** @description Problem: `INSUFFICIENT_SCOPE`, `ORIGIN_NOT_ALLOWED` */
            403: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSUFFICIENT_SCOPE" | "ORIGIN_NOT_ALLOWED";
                    };
                };
            };
            /** @description Problem: `EXPENSE_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EXPENSE_NOT_FOUND";
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
            /** @description Problem: `CATEGORY_ARCHIVED`, `UNKNOWN_CATEGORY` */
            422: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "UNKNOWN_CATEGORY";
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
    removeReceipt: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read: the change applies only to that version (412 otherwise) */
                "If-Match"?: string;
            };
            path: {
                id: components["schemas"]["ExpenseId"];
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
            /** @description Problem: `INSUFFICIENT_SCOPE`, `ORIGIN_NOT_ALLOWED` */
            403: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INSUFFICIENT_SCOPE" | "ORIGIN_NOT_ALLOWED";
                    };
                };
            };
            /** @description Problem: `EXPENSE_NOT_FOUND`, `RECEIPT_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EXPENSE_NOT_FOUND" | "RECEIPT_NOT_FOUND";
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
            /** @description Problem: `CATEGORY_ARCHIVED`, `IDEMPOTENCY_KEY_REUSED`, `UNKNOWN_CATEGORY` */
            422: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "CATEGORY_ARCHIVED" | "IDEMPOTENCY_KEY_REUSED" | "UNKNOWN_CATEGORY";
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
