/** Small shared pieces: fields with their problems, notices, empty and loading states, the month picker. */
import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { ApiProblem, explain } from '../api';
import { addMonths, formatMonth } from '../lib/format';

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ComponentChildren;
}

/** A label, the control, a hint and the API's problem for this field, tied together for screen readers. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && (
        <p class="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** An error in plain words, with the problem code for support behind a disclosure. */
export function ProblemNotice({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  return (
    <div class="notice notice--error" role="alert">
      <p>
        {title && <strong>{title} </strong>}
        {explain(error)}
      </p>
      {problem && (
        <details>
          <summary>Details</summary>
          <p>
            Code <code>{problem.code}</code>
            {problem.status ? ` (HTTP ${problem.status})` : ''}
            {problem.detail && problem.detail !== explain(error) ? `: ${problem.detail}` : ''}
          </p>
        </details>
      )}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" aria-busy="true">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty__title">{title}</p>
      {children && <div class="empty__body">{children}</div>}
    </div>
  );
}

/** Previous / next month buttons around a month input. */
export function MonthPicker({ month, onChange }: { month: string; onChange: (month: string) => void }) {
  const id = useId();
  return (
    <div class="month-picker">
      <button
        type="button"
        class="button button--quiet"
        onClick={() => onChange(addMonths(month, -1))}
        aria-label={`Previous month, ${formatMonth(addMonths(month, -1))}`}
      >
        ‹
      </button>
      <label for={id} class="visually-hidden">
        Month
      </label>
      <input
        id={id}
        type="month"
        value={month}
        required
        onChange={(event) => {
          const value = (event.currentTarget as HTMLInputElement).value;
          if (/^\d{4}-\d{2}$/.test(value)) onChange(value);
        }}
      />
      <button
        type="button"
        class="button button--quiet"
        onClick={() => onChange(addMonths(month, 1))}
        aria-label={`Next month, ${formatMonth(addMonths(month, 1))}`}
      >
        ›
      </button>
    </div>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="page-header">
      <h1 tabIndex={-1}>{title}</h1>
      {children && <div class="page-header__actions">{children}</div>}
    </div>
  );
}

/** A button that shows it is busy and cannot be pressed twice meanwhile. */
export function SubmitButton(
  props: ButtonHTMLAttributes<HTMLButtonElement> & {
    busy: boolean;
    busyLabel?: string;
    children: ComponentChildren;
  },
) {
  const { busy, busyLabel, children, ...rest } = props;
  return (
    <button type="submit" class="button button--primary" disabled={busy} aria-disabled={busy} {...rest}>
      {busy ? (busyLabel ?? 'Saving…') : children}
    </button>
  );
}
