import { useState } from 'preact/hooks';
import { ApiProblem } from '../api';
import { useApp } from '../app/context';
import { categoryName, usable } from '../lib/categories';
import { Empty, Field, Loading, PageHeader, ProblemNotice, SubmitButton } from '../ui/parts';
import { useLoad } from '../ui/useLoad';

/** Rules that file a merchant's expenses under a category when none is given. */
export function MerchantRules() {
  const { api, announce } = useApp();
  const categories = useLoad(() => api.categories.list(), [api]);
  const rules = useLoad(() => api.merchantRules.list(), [api]);
  const [merchant, setMerchant] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const active = (rules.data ?? []).filter((r) => r.categoryId !== null);

  const save = async (event: Event) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!merchant.trim()) problems.merchant = 'Enter the merchant as it appears on your expenses';
    if (!categoryId) problems.categoryId = 'Choose a category';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const saved = await api.merchantRules.set(merchant.trim(), categoryId);
      rules.set([...(rules.data ?? []).filter((r) => r.ruleId !== saved.ruleId), saved]);
      announce(
        `Expenses at ${saved.merchant} will be filed under ${categoryName(categories.data, categoryId)}`,
      );
      setMerchant('');
    } catch (error) {
      if (error instanceof ApiProblem) setErrors(error.fieldErrors());
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (ruleId: string, name: string) => {
    try {
      await api.merchantRules.remove(ruleId);
      rules.set((rules.data ?? []).filter((r) => r.ruleId !== ruleId));
      announce(`Rule for ${name} removed`);
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section>
      <PageHeader title="Merchant rules" />
      <p class="lead">When an expense has no category, a rule for its merchant files it.</p>
      <form class="form card" onSubmit={save} noValidate>
        <h2>New rule</h2>
        <div class="form__row">
          <Field label="Merchant" error={errors.merchant}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="merchant"
                maxLength={200}
                value={merchant}
                onInput={(e) => setMerchant((e.currentTarget as HTMLInputElement).value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field label="Category" error={errors.categoryId}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                name="categoryId"
                value={categoryId}
                onChange={(e) => setCategoryId((e.currentTarget as HTMLSelectElement).value)}
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
        </div>
        <ProblemNotice error={Object.keys(errors).length ? undefined : failure} />
        <div class="form__actions">
          <SubmitButton busy={busy}>Save rule</SubmitButton>
        </div>
      </form>
      <h2>Your rules</h2>
      <ProblemNotice error={rules.error} title="The rules could not be loaded." />
      {rules.loading && !rules.data && <Loading what="rules" />}
      {rules.data && active.length === 0 && <Empty title="No merchant rules yet" />}
      <ul class="rows">
        {active.map((r) => (
          <li class="row" key={r.ruleId}>
            <span class="row__title">{r.merchant}</span>
            <span class="row__value">→ {categoryName(categories.data, r.categoryId ?? '')}</span>
            <span class="row__actions">
              <button type="button" class="button button--quiet" onClick={() => remove(r.ruleId, r.merchant)}>
                Remove<span class="visually-hidden"> rule for {r.merchant}</span>
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
