import { useState } from 'preact/hooks';
import {
  ApiProblem,
  type Category,
  type CurrencyCode,
  type Expense,
  type ExpenseChange,
  type NewExpense,
  newIdempotencyKey,
} from '../api';
import { useApp } from '../app/context';
import { categoryName, usable } from '../lib/categories';
import {
  amountInput,
  defaultCurrency,
  formatDay,
  formatMoney,
  parseAmount,
  rememberCurrency,
  today,
} from '../lib/format';
import { Dialog } from '../ui/Dialog';
import { Field, ProblemNotice, SubmitButton } from '../ui/parts';

export const CURRENCIES = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'JPY',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'CAD',
  'AUD',
  'INR',
];

interface Draft {
  amount: string;
  currency: string;
  date: string;
  categoryId: string;
  merchant: string;
  note: string;
  tags: string;
}

const draftOf = (expense: Expense | undefined, month: string): Draft => ({
  amount: expense ? amountInput(expense.amount) : '',
  currency: expense?.amount.currency ?? defaultCurrency(),
  // A new expense in another month than the current one starts on that month's first day.
  date: expense?.date ?? (today().startsWith(month) ? today() : `${month}-01`),
  categoryId: expense?.categoryId ?? '',
  merchant: expense?.merchant ?? '',
  note: expense?.note ?? '',
  tags: expense?.tags.join(', ') ?? '',
});

const tagsOf = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/** The change from `before` to the draft, as PATCH wants it (null clears merchant and note). */
function changeOf(before: Expense, draft: Draft, minorUnits: number): ExpenseChange {
  const change: ExpenseChange = {};
  if (minorUnits !== before.amount.minorUnits || draft.currency !== before.amount.currency)
    change.amount = { minorUnits, currency: draft.currency as CurrencyCode };
  if (draft.date !== before.date) change.date = draft.date;
  if (draft.categoryId && draft.categoryId !== before.categoryId) change.categoryId = draft.categoryId;
  if (draft.merchant.trim() !== (before.merchant ?? '')) change.merchant = draft.merchant.trim() || null;
  if (draft.note.trim() !== (before.note ?? '')) change.note = draft.note.trim() || null;
  const tags = tagsOf(draft.tags);
  if (tags.join('\u0000') !== before.tags.join('\u0000')) change.tags = tags;
  return change;
}

const CATEGORY_PROBLEMS = ['UNKNOWN_CATEGORY', 'CATEGORY_ARCHIVED'];

function newExpenseOf(draft: Draft, minorUnits: number): NewExpense {
  const body: NewExpense = {
    amount: { minorUnits, currency: draft.currency as CurrencyCode },
    date: draft.date,
  };
  if (draft.categoryId) body.categoryId = draft.categoryId;
  if (draft.merchant.trim()) body.merchant = draft.merchant.trim();
  if (draft.note.trim()) body.note = draft.note.trim();
  const tags = tagsOf(draft.tags);
  if (tags.length) body.tags = tags;
  return body;
}

/**
 * Adds or edits an expense. One Idempotency-Key per opened form: a double click, or a retry after a lost
 * answer, records one expense. A 412 shows the newer version and lets the person keep theirs or take it.
 */
export function ExpenseDialog({
  expense,
  month,
  categories,
  onClose,
  onSaved,
}: {
  expense?: Expense;
  month: string;
  categories: Category[] | undefined;
  onClose: () => void;
  onSaved: (saved: Expense, created: boolean) => void;
}) {
  const { api } = useApp();
  const [draft, setDraft] = useState(() => draftOf(expense, month));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [theirs, setTheirs] = useState<Expense>();
  const [base, setBase] = useState(expense);
  const update = (field: keyof Draft) => (event: Event) =>
    setDraft({ ...draft, [field]: (event.currentTarget as HTMLInputElement).value });

  const failed = async (error: unknown, against: Expense | undefined) => {
    if (error instanceof ApiProblem && error.code === 'VERSION_MISMATCH' && against) {
      setTheirs(await api.expenses.get(against.expenseId).catch(() => undefined));
    } else if (error instanceof ApiProblem && CATEGORY_PROBLEMS.includes(error.code)) {
      setErrors({ categoryId: error.detail });
    } else if (error instanceof ApiProblem && error.errors.length) {
      setErrors(error.fieldErrors());
    }
    setFailure(error);
  };

  const save = async (against: Expense | undefined) => {
    const minorUnits = parseAmount(draft.amount, draft.currency);
    if (!minorUnits) {
      setErrors({ amount: 'Enter an amount greater than zero, such as 12.50' });
      return;
    }
    setBusy(true);
    setErrors({});
    setFailure(undefined);
    rememberCurrency(draft.currency);
    try {
      if (!against) {
        onSaved(await api.expenses.create(newExpenseOf(draft, minorUnits), idempotencyKey), true);
        return;
      }
      const change = changeOf(against, draft, minorUnits);
      onSaved(Object.keys(change).length ? await api.expenses.update(against, change) : against, false);
    } catch (error) {
      await failed(error, against);
    } finally {
      setBusy(false);
    }
  };

  const keepMine = () => {
    if (!theirs) return;
    const newer = theirs;
    setTheirs(undefined);
    setBase(newer);
    void save(newer);
  };
  const takeTheirs = () => theirs && onSaved(theirs, false);

  return (
    <Dialog title={expense ? 'Edit expense' : 'Add expense'} onClose={onClose}>
      <form
        class="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void save(base);
        }}
      >
        {theirs ? (
          <Conflict theirs={theirs} categories={categories} onKeepMine={keepMine} onTakeTheirs={takeTheirs} />
        ) : (
          <ProblemNotice error={failure} />
        )}
        <div class="form__row">
          <Field label="Amount" error={errors.amount}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="amount"
                inputMode="decimal"
                autoComplete="off"
                required
                value={draft.amount}
                onInput={update('amount')}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field label="Currency" error={errors.currency}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                name="currency"
                value={draft.currency}
                onChange={update('currency')}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                {[...new Set([draft.currency, ...CURRENCIES])].map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Date" error={errors.date}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="date"
              type="date"
              required
              value={draft.date}
              onInput={update('date')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field label="Merchant" error={errors.merchant}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="merchant"
              maxLength={200}
              value={draft.merchant}
              onInput={update('merchant')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field
          label="Category"
          error={errors.categoryId}
          hint={expense ? undefined : 'Leave it to Spendwise and your merchant rules decide.'}
        >
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="categoryId"
              value={draft.categoryId}
              onChange={update('categoryId')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            >
              {!expense && <option value="">Let Spendwise decide</option>}
              {expense && !usable(categories).some((c) => c.categoryId === expense.categoryId) && (
                <option value={expense.categoryId}>{categoryName(categories, expense.categoryId)}</option>
              )}
              {usable(categories).map((c) => (
                <option key={c.categoryId} value={c.categoryId}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Note" error={errors.note}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              name="note"
              rows={2}
              maxLength={1000}
              value={draft.note}
              onInput={update('note')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field label="Tags" error={errors.tags} hint="Separate tags with commas.">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="tags"
              value={draft.tags}
              onInput={update('tags')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <div class="form__actions">
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
          <SubmitButton busy={busy} disabled={busy || Boolean(theirs)}>
            {expense ? 'Save changes' : 'Add expense'}
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}

function Conflict({
  theirs,
  categories,
  onKeepMine,
  onTakeTheirs,
}: {
  theirs: Expense;
  categories: Category[] | undefined;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  return (
    <div class="notice notice--warning" role="alert">
      <p>
        <strong>This expense was changed elsewhere</strong> while you were editing it. The newer version is:
      </p>
      <p class="conflict__theirs">
        {formatMoney(theirs.amount)} on {formatDay(theirs.date)}
        {theirs.merchant ? ` at ${theirs.merchant}` : ''} in {categoryName(categories, theirs.categoryId)}
        {theirs.note ? ` — “${theirs.note}”` : ''}
      </p>
      <div class="form__actions">
        <button type="button" class="button" onClick={onTakeTheirs}>
          Take theirs
        </button>
        <button type="button" class="button button--primary" onClick={onKeepMine}>
          Keep mine
        </button>
      </div>
    </div>
  );
}
