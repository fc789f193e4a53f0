import { useState } from 'preact/hooks';
import { ApiProblem, type Category } from '../api';
import { useApp } from '../app/context';
import { Empty, Field, Loading, PageHeader, ProblemNotice, SubmitButton } from '../ui/parts';
import { useLoad } from '../ui/useLoad';

/** Default categories (read-only) and the person's own: add, rename, archive. */
export function Categories() {
  const { api, announce } = useApp();
  const categories = useLoad(() => api.categories.list(), [api]);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const own = (categories.data ?? []).filter((c) => !c.isDefault);
  const defaults = (categories.data ?? []).filter((c) => c.isDefault);

  const replace = (next: Category) =>
    categories.set((categories.data ?? []).map((c) => (c.categoryId === next.categoryId ? next : c)));

  const add = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      const created = await api.categories.create(name.trim());
      categories.set([...(categories.data ?? []), created]);
      announce(`Category ${created.name} added`);
      setName('');
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const fieldError =
    failure instanceof ApiProblem
      ? (failure.fieldErrors().name ?? (failure.code === 'CATEGORY_EXISTS' ? failure.detail : undefined))
      : undefined;

  return (
    <section>
      <PageHeader title="Categories" />
      <form class="form form--inline card" onSubmit={add} noValidate>
        <h2>New category</h2>
        <Field label="Name" error={fieldError}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="name"
              required
              maxLength={64}
              value={name}
              onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <SubmitButton busy={busy} disabled={busy || !name.trim()}>
          Add category
        </SubmitButton>
        {!fieldError && <ProblemNotice error={failure} />}
      </form>
      <ProblemNotice error={categories.error} title="The categories could not be loaded." />
      {categories.loading && !categories.data && <Loading what="categories" />}
      <h2>Your categories</h2>
      {categories.data && own.length === 0 && (
        <Empty title="No categories of your own yet">
          <p>The default categories below are always there. Add your own for anything they do not cover.</p>
        </Empty>
      )}
      <ul class="rows">
        {own.map((c) => (
          <OwnCategory key={c.categoryId} category={c} onChanged={replace} />
        ))}
      </ul>
      <h2>Default categories</h2>
      <ul class="chips">
        {defaults.map((c) => (
          <li key={c.categoryId} class="chip">
            {c.name}
          </li>
        ))}
      </ul>
    </section>
  );
}

function OwnCategory({ category, onChanged }: { category: Category; onChanged: (c: Category) => void }) {
  const { api, announce } = useApp();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(category.name);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const run = async (action: () => Promise<Category>, message: (c: Category) => string) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const next = await action();
      onChanged(next);
      announce(message(next));
      setRenaming(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class={`row${category.archived ? ' row--muted' : ''}`}>
      {renaming ? (
        <form
          class="form form--inline"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => api.categories.rename(category, name.trim()),
              (c) => `Renamed to ${c.name}`,
            );
          }}
        >
          <Field label={`New name for ${category.name}`}>
            {({ id }) => (
              <input
                id={id}
                value={name}
                required
                maxLength={64}
                onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
              />
            )}
          </Field>
          <SubmitButton busy={busy}>Save</SubmitButton>
          <button type="button" class="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <span class="row__title">
            {category.name}
            {category.archived && <span class="tag">Archived</span>}
          </span>
          {!category.archived && (
            <span class="row__actions">
              <button type="button" class="button button--quiet" onClick={() => setRenaming(true)}>
                Rename<span class="visually-hidden"> {category.name}</span>
              </button>
              <button
                type="button"
                class="button button--quiet"
                disabled={busy}
                onClick={() =>
                  run(
                    () => api.categories.archive(category),
                    (c) => `${c.name} archived`,
                  )
                }
              >
                Archive<span class="visually-hidden"> {category.name}</span>
              </button>
            </span>
          )}
        </>
      )}
      <ProblemNotice error={failure} />
    </li>
  );
}
