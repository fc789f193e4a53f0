// Generated from events/**/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { StandaloneValidator } from '../../validatorRuntime';
import type { NotificationDeliveredV1 } from '../types';

export declare const validateNotificationDeliveredV1: StandaloneValidator<NotificationDeliveredV1>;
