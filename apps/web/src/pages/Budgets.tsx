import { useState } from 'preact/hooks';
import { ApiProblem, type Budget, type CurrencyCode } from '../api';
import { useApp } from '../app/context';
import { categoryName, usable } from '../lib/categories';
import { amountInput, defaultCurrency, formatMoney, formatPercent, parseAmount } from '../lib/format';
import { Empty, Field, Loading, PageHeader, ProblemNotice, SubmitButton } from '../ui/parts';
import { useLoad } from '../ui/useLoad';
import { CURRENCIES } from './ExpenseDialog';

/** Monthly budgets per category with the percentages at which an alert is sent. */
export function Budgets() {
  const { api, announce } = useApp();
  const categories = useLoad(() => api.categories.list(), [api]);
  const budgets = useLoad(() => api.budgets.list(), [api]);
  const [form, setForm] = useState({
    categoryId: '',
    amount: '',
    currency: defaultCurrency(),
    thresholds: '80, 100',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const set = (field: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [field]: (e.currentTarget as HTMLInputElement).value });

  const save = async (event: Event) => {
    event.preventDefault();
    const minorUnits = parseAmount(form.amount, form.currency);
    const thresholds = form.thresholds
      .split(/[,\s]+/)
      .filter(Boolean)
      .map((t) => Number(t.replace('%', '')));
    const problems: Record<string, string> = {};
    if (!form.categoryId) problems.categoryId = 'Choose a category';
    if (!minorUnits) problems.amount = 'Enter an amount greater than zero';
    if (thresholds.some((t) => !Number.isInteger(t) || t < 1))
      problems.thresholds = 'Whole percentages, such as 80, 100';
    setErrors(problems);
    if (Object.keys(problems).length || !minorUnits) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const saved = await api.budgets.set(form.categoryId, {
        amount: { minorUnits, currency: form.currency as CurrencyCode },
        ...(thresholds.length ? { thresholds } : {}),
      });
      budgets.set([...(budgets.data ?? []).filter((b) => b.categoryId !== saved.categoryId), saved]);
      announce(
        `Budget for ${categoryName(categories.data, saved.categoryId)} set to ${formatMoney(saved.amount)}`,
      );
    } catch (error) {
      if (error instanceof ApiProblem) setErrors(error.fieldErrors());
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const edit = (b: Budget) => {
    setForm({
      categoryId: b.categoryId,
      amount: amountInput(b.amount),
      currency: b.amount.currency,
      thresholds: b.thresholds.join(', '),
    });
    document.getElementById('budget-form')?.querySelector('input')?.focus();
  };

  const remove = async (b: Budget) => {
    setFailure(undefined);
    try {
      await api.budgets.remove(b.categoryId);
      budgets.set((budgets.data ?? []).filter((x) => x.categoryId !== b.categoryId));
      announce(`Budget for ${categoryName(categories.data, b.categoryId)} removed`);
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section>
      <PageHeader title="Budgets" />
      <form id="budget-form" class="form card" onSubmit={save} noValidate>
        <h2>Set a monthly budget</h2>
        <div class="form__row">
          <Field label="Category" error={errors.categoryId}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                name="categoryId"
                value={form.categoryId}
                onChange={set('categoryId')}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                <option value="">Choose…</option>
                {usable(categories.data).map((c) => (
                  <option key={c.categoryId} value={c.categoryId}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Amount per month" error={errors.amount}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="amount"
                inputMode="decimal"
                value={form.amount}
                onInput={set('amount')}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field label="Currency">
            {({ id }) => (
              <select id={id} name="currency" value={form.currency} onChange={set('currency')}>
                {[...new Set([form.currency, ...CURRENCIES])].map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Alert at (% of the budget)" error={errors.thresholds} hint="For example 80, 100">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="thresholds"
              value={form.thresholds}
              onInput={set('thresholds')}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <ProblemNotice error={Object.keys(errors).length ? undefined : failure} />
        <div class="form__actions">
          <SubmitButton busy={busy}>Save budget</SubmitButton>
        </div>
      </form>
      <h2>Your budgets</h2>
      <ProblemNotice error={budgets.error} title="The budgets could not be loaded." />
      {budgets.loading && !budgets.data && <Loading what="budgets" />}
      {budgets.data?.length === 0 && (
        <Empty title="No budgets yet">
          <p>Set a monthly amount for a category and Spendwise tells you when spending gets close.</p>
        </Empty>
      )}
      <ul class="rows">
        {(budgets.data ?? []).map((b) => (
          <li class="row" key={b.categoryId}>
            <span class="row__title">{categoryName(categories.data, b.categoryId)}</span>
            <span class="row__value">
              {formatMoney(b.amount)} · alerts at {b.thresholds.map((t) => formatPercent(t)).join(', ')}
            </span>
            <span class="row__actions">
              <button type="button" class="button button--quiet" onClick={() => edit(b)}>
                Change
                <span class="visually-hidden"> {categoryName(categories.data, b.categoryId)} budget</span>
              </button>
              <button type="button" class="button button--quiet" onClick={() => remove(b)}>
                Remove
                <span class="visually-hidden"> {categoryName(categories.data, b.categoryId)} budget</span>
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
