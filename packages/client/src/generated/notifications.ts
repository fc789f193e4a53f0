// Generated from docs/openapi/notifications.openapi.json by `pnpm openapi` (openapi-typescript). Do not edit.
export interface paths {
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's inbox, newest first, with the unread count
         * @description the caller's inbox, newest first, with the unread count
         */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Marks one inbox item read (idempotent)
         * @description marks one inbox item read (idempotent)
         */
        post: operations["markNotificationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's notification preferences
         * @description the caller's notification preferences
         */
        get: operations["getPreferences"];
        /**
         * Saves preferences and reconciles the e-mail subscription
         * @description saves preferences and reconciles the e-mail subscription
         */
        put: operations["putPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/preferences/webhook-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issues a new webhook signing secret and returns it
         * @description issues a new webhook signing secret and returns it
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Marks the caller's unread items read
         * @description marks the caller's unread items read
         */
        post: operations["markAllNotificationsRead"];
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
         * AlertType
         * @description The kinds of alerts a user can receive
         * @enum {string}
         */
        AlertType: "BudgetThresholdReached" | "SpendingAnomalyDetected" | "InsightReportReady" | "InsightReportFailed";
        /**
         * GatewayError
         * @description API Gateway's own answer (e.g. the JWT authorizer's 401), before the service's code runs
         */
        GatewayError: {
            message: string;
        };
        /**
         * MarkAllReadResponse
         * @description POST /notifications/read-all: how many items were marked read, and whether unread ones remain (call again).
         */
        MarkAllReadResponse: {
            marked: number;
            more: boolean;
        };
        /**
         * NotificationPageResponse
         * @description GET /notifications: the caller's inbox, newest first, with the unread count; nextCursor while more remain.
         */
        NotificationPageResponse: {
            items: {
                /** Format: date-time */
                createdAt: string;
                /** @description The source event's data, for clients that render their own text */
                data: Record<string, never>;
                /** Format: uuid */
                id: string;
                message: string;
                /** Format: date-time */
                occurredAt: string;
                read: boolean;
                readAt: string | null;
                severity: components["schemas"]["Severity"];
                title: string;
                type: components["schemas"]["AlertType"];
            }[];
            nextCursor?: string;
            unreadCount: number;
        };
        /**
         * PreferencesResponse
         * @description The caller's notification preferences. webhookSecret appears only in the answer that issued it (PUT with a new webhook or rotateWebhookSecret, or POST .../webhook-secret): store it then.
         */
        PreferencesResponse: {
            email: string | null;
            emailSubscribed: boolean;
            /** @enum {unknown} */
            syncStatus: "synced" | "pending";
            types: components["schemas"]["AlertType"][];
            updatedAt: string | null;
            version: number;
            /** @description true after the receiver answered 410 Gone: set the webhook again */
            webhookDisabled: boolean;
            /** @description HMAC key of webhook signatures, shown once */
            webhookSecret?: string;
            webhookUrl: string | null;
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
         * PutPreferencesRequest
         * @description Body of PUT /notifications/preferences. Every alert always reaches the inbox; `types` chooses which ones also go to e-mail and the webhook. An absent `email` or `webhookUrl` keeps the current one; null removes it.
         */
        PutPreferencesRequest: {
            /**
             * Format: email
             * @description Where e-mail alerts go (SNS asks the address to confirm the subscription once)
             */
            email?: string | null;
            /** @description true: issue a new signing secret for the current webhook, returned in this response (or, after a 503, in the retry's); POST /notifications/preferences/webhook-secret does the same alone */
            rotateWebhookSecret?: boolean;
            types: components["schemas"]["AlertType"][];
            /** @description HTTPS endpoint that receives signed alert deliveries */
            webhookUrl?: string | null;
        };
        /**
         * Severity
         * @description How urgent an alert is
         * @enum {string}
         */
        Severity: "info" | "warning" | "critical";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description How the client may keep the answer */
        CacheControl: string;
        /** @description Correlation id of the request (sent back as received in x-correlation-id, or new) */
        CorrelationId: string;
        /** @description Seconds to wait before retrying */
        RetryAfter: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listNotifications: {
        parameters: {
            query?: {
                cursor?: string;
                /** @description Page size, 1 to 100 (default 20) */
                limit?: string;
                /** @description true: unread items only */
                unread?: "true" | "false";
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
                    "application/json": components["schemas"]["NotificationPageResponse"];
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
            /** @description Problem: `EMAIL_IN_USE`, `PREFERENCES_CHANGED` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EMAIL_IN_USE" | "PREFERENCES_CHANGED";
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
    markNotificationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of an inbox item */
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
            /** @description Problem: `NOTIFICATION_NOT_FOUND` */
            404: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "NOTIFICATION_NOT_FOUND";
                    };
                };
            };
            /** @description Problem: `EMAIL_IN_USE`, `PREFERENCES_CHANGED` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EMAIL_IN_USE" | "PREFERENCES_CHANGED";
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
    getPreferences: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["PreferencesResponse"];
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
    putPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutPreferencesRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreferencesResponse"];
                };
            };
            /** @description Problem: `INVALID_JSON`, `INVALID_WEBHOOK_URL`, `VALIDATION_FAILED` */
            400: {
                headers: {
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "INVALID_JSON" | "INVALID_WEBHOOK_URL" | "VALIDATION_FAILED";
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
            /** @description Problem: `EMAIL_IN_USE`, `PREFERENCES_CHANGED` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EMAIL_IN_USE" | "PREFERENCES_CHANGED";
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
            /** @description Problem: `SUBSCRIPTION_SYNC_PENDING` */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "SUBSCRIPTION_SYNC_PENDING";
                    };
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["PreferencesResponse"];
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
            /** @description Problem: `EMAIL_IN_USE`, `PREFERENCES_CHANGED`, `WEBHOOK_NOT_SET` */
            409: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-correlation-id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        code?: "EMAIL_IN_USE" | "PREFERENCES_CHANGED" | "WEBHOOK_NOT_SET";
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
    markAllNotificationsRead: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["MarkAllReadResponse"];
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
}
