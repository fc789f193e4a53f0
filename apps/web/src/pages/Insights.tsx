import { useLocation } from 'preact-iso/router';
import type { MonthSummary } from '../api';
import { useApp } from '../app/context';
import { categoryName } from '../lib/categories';
import { formatDay, formatMoney, formatMonth, formatPercent, thisMonth } from '../lib/format';
import { DailyChart } from '../ui/DailyChart';
import { Empty, Loading, MonthPicker, PageHeader, ProblemNotice } from '../ui/parts';
import { useLoad } from '../ui/useLoad';

/** The month's totals by category and currency, daily spending, budgets, change from last month, anomalies. */
export function Insights() {
  const { api } = useApp();
  const { query, path, route } = useLocation();
  const month = /^\d{4}-\d{2}$/.test(query.month ?? '') ? (query.month as string) : thisMonth();
  const summary = useLoad(() => api.insights.summary(month), [api, month]);
  const categories = useLoad(() => api.categories.list(), [api]);
  const s = summary.data;
  return (
    <section>
      <PageHeader title="Insights" />
      <div class="toolbar">
        <MonthPicker month={month} onChange={(m) => route(`${path}?month=${m}`, true)} />
        <button type="button" class="button button--quiet" onClick={() => summary.reload()}>
          Refresh
        </button>
      </div>
      <h2 class="month-title">{formatMonth(month)}</h2>
      <ProblemNotice error={summary.error} title="The insights could not be loaded." />
      {summary.loading && !s && <Loading what="insights" />}
      {s && s.totals.length === 0 && s.budgets.length === 0 && (
        <Empty title={`Nothing spent in ${formatMonth(month)} yet`}>
          <p>Insights appear as soon as you record expenses.</p>
        </Empty>
      )}
      {s && s.currencies.length > 0 && (
        <Totals summary={s} name={(id) => categoryName(categories.data, id)} />
      )}
      {s && s.budgets.length > 0 && (
        <BudgetProgress summary={s} name={(id) => categoryName(categories.data, id)} />
      )}
      {s && s.daily.length > 0 && <Daily summary={s} />}
      {s && s.monthOverMonth.categories.length > 0 && (
        <MonthOverMonth summary={s} name={(id) => categoryName(categories.data, id)} />
      )}
      {s && s.anomalies.length > 0 && (
        <Anomalies summary={s} name={(id) => categoryName(categories.data, id)} />
      )}
    </section>
  );
}

type Props = { summary: MonthSummary; name: (id: string) => string };

function Totals({ summary, name }: Props) {
  return (
    <section class="card" aria-labelledby="totals-title">
      <h2 id="totals-title">Totals</h2>
      <ul class="stat-list">
        {summary.currencies.map((c) => (
          <li class="stat" key={c.currency}>
            <span class="stat__value" data-testid={`total-${c.currency}`}>
              {formatMoney(c)}
            </span>
            <span class="stat__label">
              {c.count} {c.count === 1 ? 'expense' : 'expenses'}
            </span>
          </li>
        ))}
      </ul>
      <table class="table">
        <caption class="visually-hidden">Spending by category</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" class="num">
              Spent
            </th>
            <th scope="col" class="num">
              Expenses
            </th>
          </tr>
        </thead>
        <tbody>
          {[...summary.totals]
            .sort((a, b) => b.minorUnits - a.minorUnits)
            .map((t) => (
              <tr key={`${t.categoryId}-${t.currency}`}>
                <th scope="row">{name(t.categoryId)}</th>
                <td class="num">{formatMoney(t)}</td>
                <td class="num">{t.count}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

function BudgetProgress({ summary, name }: Props) {
  return (
    <section class="card" aria-labelledby="budgets-title">
      <h2 id="budgets-title">Budgets</h2>
      <ul class="progress-list">
        {summary.budgets.map((b) => {
          const level = b.percent >= 100 ? 'over' : b.percent >= (b.thresholds[0] ?? 80) ? 'near' : 'ok';
          return (
            <li key={b.categoryId} class={`progress progress--${level}`}>
              <div class="progress__label">
                <span>{name(b.categoryId)}</span>
                <span>
                  {formatMoney(b.spent)} of {formatMoney(b.amount)} ({formatPercent(b.percent)})
                </span>
              </div>
              <div
                class="progress__track"
                role="progressbar"
                aria-label={`${name(b.categoryId)} budget used`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.min(100, Math.round(b.percent))}
                aria-valuetext={`${formatPercent(b.percent)} of ${formatMoney(b.amount)}`}
              >
                <div class="progress__bar" style={{ width: `${Math.min(100, b.percent)}%` }} />
                {b.thresholds.map((t) => (
                  <span
                    key={t}
                    class="progress__mark"
                    style={{ left: `${Math.min(100, t)}%` }}
                    aria-hidden="true"
                  />
                ))}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Daily({ summary }: { summary: MonthSummary }) {
  const currencies = [...new Set(summary.daily.map((d) => d.currency))].sort();
  return (
    <section class="card" aria-labelledby="daily-title">
      <h2 id="daily-title">Day by day</h2>
      {currencies.map((currency) => {
        const points = summary.daily.filter((d) => d.currency === currency);
        return (
          <figure key={currency} class="figure">
            <DailyChart month={summary.month} currency={currency} points={points} />
            <figcaption>
              <details>
                <summary>Spending per day in {currency} as a table</summary>
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">Day</th>
                      <th scope="col" class="num">
                        Spent
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {points.map((p) => (
                      <tr key={p.date}>
                        <th scope="row">{formatDay(p.date)}</th>
                        <td class="num">{formatMoney(p)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </figcaption>
          </figure>
        );
      })}
    </section>
  );
}

function MonthOverMonth({ summary, name }: Props) {
  const { monthOverMonth: mom } = summary;
  return (
    <section class="card" aria-labelledby="mom-title">
      <h2 id="mom-title">Compared with {formatMonth(mom.previousMonth)}</h2>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" class="num">
              This month
            </th>
            <th scope="col" class="num">
              Last month
            </th>
            <th scope="col" class="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {mom.categories.map((c) => (
            <tr key={`${c.categoryId}-${c.currency}`}>
              <th scope="row">{name(c.categoryId ?? '')}</th>
              <td class="num">{formatMoney({ minorUnits: c.currentMinorUnits, currency: c.currency })}</td>
              <td class="num">{formatMoney({ minorUnits: c.previousMinorUnits, currency: c.currency })}</td>
              <td class={`num ${c.changeMinorUnits > 0 ? 'up' : c.changeMinorUnits < 0 ? 'down' : ''}`}>
                {c.changePercent === null ? 'new' : formatPercent(c.changePercent, true)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Anomalies({ summary, name }: Props) {
  return (
    <section class="card" aria-labelledby="anomalies-title">
      <h2 id="anomalies-title">Unusual expenses</h2>
      <ul class="rows">
        {summary.anomalies.map((a) => (
          <li class="row" key={a.expenseId}>
            <span class="row__title">
              {formatMoney(a.amount)} in {name(a.categoryId)}
            </span>
            <span class="row__value">
              {formatDay(a.date)} · usually about {formatMoney(a.typicalAmount)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
