// Generated from services/expenses/src/http/schemas/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { StandaloneValidator } from '@spendwise/contracts/validatorRuntime';
import type { CreateExpenseRequest, ExpenseIdPath, ListExpensesQuery, ReceiptUploadRequest, UpdateExpenseRequest } from './http';

export declare const validateCreateExpenseRequest: StandaloneValidator<CreateExpenseRequest>;
export declare const validateExpenseIdPath: StandaloneValidator<ExpenseIdPath>;
export declare const validateListExpensesQuery: StandaloneValidator<ListExpensesQuery>;
export declare const validateReceiptUploadRequest: StandaloneValidator<ReceiptUploadRequest>;
export declare const validateUpdateExpenseRequest: StandaloneValidator<UpdateExpenseRequest>;
