import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import type { Expense, Page } from '../api';
import { useApp } from '../app/context';
import { categoryName } from '../lib/categories';
import { formatDay, formatMoney, formatMonth, type Money, thisMonth } from '../lib/format';
import { Dialog } from '../ui/Dialog';
import { Empty, Loading, MonthPicker, PageHeader, ProblemNotice } from '../ui/parts';
import { useLoad } from '../ui/useLoad';
import { ExpenseDialog } from './ExpenseDialog';

type ReceiptDialogComponent = typeof import('./ReceiptDialog').ReceiptDialog;
// Loaded when a receipt is first opened: most visits never need the upload code.
const loadReceiptDialog = () => import('./ReceiptDialog').then((m) => m.ReceiptDialog);

const PAGE_SIZE = 50;

/** Sums per currency (a month may mix currencies: they are never added together). */
function totalsOf(expenses: Expense[]): Money[] {
  const sums = new Map<string, number>();
  for (const e of expenses)
    sums.set(e.amount.currency, (sums.get(e.amount.currency) ?? 0) + e.amount.minorUnits);
  return [...sums].map(([currency, minorUnits]) => ({ currency, minorUnits }));
}

const byCategory = (expenses: Expense[]) => {
  const groups = new Map<string, Expense[]>();
  for (const e of expenses) groups.set(e.categoryId, [...(groups.get(e.categoryId) ?? []), e]);
  return [...groups];
};

/** The month's expenses by category, paged with the API's cursor; add, edit and delete in dialogs. */
export function Expenses() {
  const { api, announce } = useApp();
  const { query, path, route } = useLocation();
  const month = /^\d{4}-\d{2}$/.test(query.month ?? '') ? (query.month as string) : thisMonth();
  const categoryFilter = query.category ?? '';
  const setQuery = (next: { month?: string; category?: string }) => {
    const params = new URLSearchParams({
      month,
      ...(categoryFilter ? { category: categoryFilter } : {}),
      ...next,
    });
    if (!params.get('category')) params.delete('category');
    route(`${path}?${params}`, true);
  };

  const categories = useLoad(() => api.categories.list(), [api]);
  const expenses = useLoad<Page<Expense>>(
    () =>
      api.expenses.list({
        month,
        limit: PAGE_SIZE,
        ...(categoryFilter ? { categoryId: categoryFilter } : {}),
      }),
    [api, month, categoryFilter],
  );
  const [editing, setEditing] = useState<Expense | 'new'>();
  const [deleting, setDeleting] = useState<Expense>();
  const [receiptOf, setReceiptOfState] = useState<Expense>();
  const [ReceiptDialog, setReceiptDialog] = useState<ReceiptDialogComponent>();
  const [receiptLoadError, setReceiptLoadError] = useState<unknown>();
  const setReceiptOf = (expense: Expense | undefined) => {
    setReceiptOfState(expense);
    setReceiptLoadError(undefined);
    if (expense && !ReceiptDialog) {
      loadReceiptDialog().then((component) => setReceiptDialog(() => component), setReceiptLoadError);
    }
  };
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const items = expenses.data?.items ?? [];

  const loadMore = async () => {
    const cursor = expenses.data?.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const next = await api.expenses.list({
        month,
        cursor,
        limit: PAGE_SIZE,
        ...(categoryFilter ? { categoryId: categoryFilter } : {}),
      });
      expenses.set({
        items: [...items, ...next.items],
        ...(next.nextCursor ? { nextCursor: next.nextCursor } : {}),
      });
      announce(`${next.items.length} more expenses loaded`);
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const saved = (expense: Expense, created: boolean) => {
    setEditing(undefined);
    const inView =
      expense.date.startsWith(month) && (!categoryFilter || expense.categoryId === categoryFilter);
    const others = items.filter((e) => e.expenseId !== expense.expenseId);
    const next = inView
      ? [...others, expense].sort(
          (a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt),
        )
      : others;
    expenses.set({ ...expenses.data, items: next });
    announce(
      `${created ? 'Recorded' : 'Saved'} ${formatMoney(expense.amount)}${expense.merchant ? ` at ${expense.merchant}` : ''}` +
        (inView ? '' : ` in ${formatMonth(expense.date.slice(0, 7))}`),
    );
  };

  return (
    <section>
      <PageHeader title="Expenses">
        <button type="button" class="button button--primary" onClick={() => setEditing('new')}>
          Add expense
        </button>
      </PageHeader>
      <div class="toolbar">
        <MonthPicker month={month} onChange={(m) => setQuery({ month: m })} />
        <label class="toolbar__filter">
          <span>Category</span>
          <select
            value={categoryFilter}
            onChange={(event) => setQuery({ category: (event.currentTarget as HTMLSelectElement).value })}
          >
            <option value="">All categories</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.categoryId} value={c.categoryId}>
                {c.name}
                {c.archived ? ' (archived)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <h2 id="expenses-title" class="month-title">
        {formatMonth(month)}
        {items.length > 0 && (
          <span class="month-title__total">
            {totalsOf(items)
              .map((m) => formatMoney(m))
              .join(' · ')}
            {expenses.data?.nextCursor ? ' so far' : ''}
          </span>
        )}
      </h2>
      <ProblemNotice error={expenses.error} title="The expenses could not be loaded." />
      {expenses.loading && !expenses.data && <Loading what="expenses" />}
      {expenses.data && items.length === 0 && (
        <Empty title={`No expenses in ${formatMonth(month)}${categoryFilter ? ' in this category' : ''}`}>
          <p>Record what you spend and it shows up here, grouped by category.</p>
        </Empty>
      )}
      {byCategory(items).map(([categoryId, group]) => (
        <section class="group" key={categoryId} aria-label={categoryName(categories.data, categoryId)}>
          <h3 class="group__title">
            <span>{categoryName(categories.data, categoryId)}</span>
            <span class="group__total">
              {totalsOf(group)
                .map((m) => formatMoney(m))
                .join(' · ')}
            </span>
          </h3>
          <ul class="expense-list">
            {group.map((e) => (
              <li class="expense" key={e.expenseId}>
                <div class="expense__main">
                  <span class="expense__merchant">{e.merchant ?? 'No merchant'}</span>
                  <span class="expense__meta">
                    {formatDay(e.date)}
                    {e.note ? ` · ${e.note}` : ''}
                    {e.tags.length ? ` · ${e.tags.map((t) => `#${t}`).join(' ')}` : ''}
                  </span>
                </div>
                <span class="expense__amount">{formatMoney(e.amount)}</span>
                <div class="expense__actions">
                  <button type="button" class="button button--quiet" onClick={() => setEditing(e)}>
                    Edit
                    <span class="visually-hidden">
                      {' '}
                      {e.merchant ?? ''} {formatMoney(e.amount)}
                    </span>
                  </button>
                  <button type="button" class="button button--quiet" onClick={() => setReceiptOf(e)}>
                    {e.receipt ? 'Receipt' : 'Attach receipt'}
                    <span class="visually-hidden">
                      {' '}
                      {e.merchant ?? ''} {formatMoney(e.amount)}
                    </span>
                  </button>
                  <button type="button" class="button button--quiet" onClick={() => setDeleting(e)}>
                    Delete
                    <span class="visually-hidden">
                      {' '}
                      {e.merchant ?? ''} {formatMoney(e.amount)}
                    </span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <ProblemNotice error={moreError} title="More expenses could not be loaded." />
      {expenses.data?.nextCursor && (
        <button type="button" class="button load-more" onClick={loadMore} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Show more expenses'}
        </button>
      )}
      {editing && (
        <ExpenseDialog
          {...(editing === 'new' ? {} : { expense: editing })}
          month={month}
          categories={categories.data}
          onClose={() => setEditing(undefined)}
          onSaved={saved}
        />
      )}
      <ProblemNotice error={receiptLoadError} title="The receipt could not be opened." />
      {receiptOf && ReceiptDialog && (
        <ReceiptDialog
          expense={receiptOf}
          onClose={() => setReceiptOf(undefined)}
          onChanged={(changed) =>
            expenses.set({
              ...expenses.data,
              items: items.map((e) => (e.expenseId === changed.expenseId ? changed : e)),
            })
          }
        />
      )}
      {deleting && (
        <DeleteDialog
          expense={deleting}
          onClose={() => setDeleting(undefined)}
          onDeleted={() => {
            expenses.set({
              ...expenses.data,
              items: items.filter((e) => e.expenseId !== deleting.expenseId),
            });
            announce(
              `Deleted ${formatMoney(deleting.amount)}${deleting.merchant ? ` at ${deleting.merchant}` : ''}`,
            );
            setDeleting(undefined);
          }}
        />
      )}
    </section>
  );
}

function DeleteDialog({
  expense,
  onClose,
  onDeleted,
}: {
  expense: Expense;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { api } = useApp();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const remove = async () => {
    setBusy(true);
    try {
      await api.expenses.remove(expense.expenseId);
      onDeleted();
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };
  return (
    <Dialog title="Delete expense?" onClose={onClose}>
      <p>
        {formatMoney(expense.amount)} on {formatDay(expense.date)}
        {expense.merchant ? ` at ${expense.merchant}` : ''} will be removed from your expenses and totals.
      </p>
      <ProblemNotice error={failure} />
      <div class="form__actions">
        <button type="button" class="button" onClick={onClose}>
          Keep it
        </button>
        <button type="button" class="button button--danger" onClick={remove} disabled={busy}>
          {busy ? 'Deleting…' : 'Delete'}
        </button>
      </div>
    </Dialog>
  );
}
