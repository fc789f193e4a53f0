// Generated from events/**/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { StandaloneValidator } from '../../validatorRuntime';
import type { ReceiptAttachedV1 } from '../types';

export declare const validateReceiptAttachedV1: StandaloneValidator<ReceiptAttachedV1>;
