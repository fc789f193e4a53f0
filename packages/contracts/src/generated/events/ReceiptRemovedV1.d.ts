// Generated from events/**/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { StandaloneValidator } from '../../validatorRuntime';
import type { ReceiptRemovedV1 } from '../types';

export declare const validateReceiptRemovedV1: StandaloneValidator<ReceiptRemovedV1>;
