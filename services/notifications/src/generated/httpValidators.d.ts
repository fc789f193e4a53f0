// Generated from services/notifications/src/http/schemas/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { StandaloneValidator } from '@spendwise/contracts/validatorRuntime';
import type { ListNotificationsQuery, NotificationIdPath, PutPreferencesRequest } from './http';

export declare const validateListNotificationsQuery: StandaloneValidator<ListNotificationsQuery>;
export declare const validateNotificationIdPath: StandaloneValidator<NotificationIdPath>;
export declare const validatePutPreferencesRequest: StandaloneValidator<PutPreferencesRequest>;
