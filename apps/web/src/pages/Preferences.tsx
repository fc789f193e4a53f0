import { useEffect, useState } from 'preact/hooks';
import { ALERT_TYPES, type AlertType, ApiProblem, type Preferences as Prefs } from '../api';
import { useApp } from '../app/context';
import { Field, Loading, PageHeader, ProblemNotice, SubmitButton } from '../ui/parts';
import { useLoad } from '../ui/useLoad';

const TYPE_TEXT: Record<AlertType, string> = {
  BudgetThresholdReached: 'A budget reaches one of its alert levels',
  SpendingAnomalyDetected: 'An expense is unusually large',
  InsightReportReady: 'A monthly report is ready',
  InsightReportFailed: 'A monthly report could not be written',
};

/** Which alerts also go to e-mail and the webhook; the webhook's signing secret is shown once, with a copy button. */
export function Preferences() {
  const { api, announce } = useApp();
  const prefs = useLoad(() => api.notifications.preferences(), [api]);
  const [types, setTypes] = useState<AlertType[]>([]);
  const [email, setEmail] = useState('');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [secret, setSecret] = useState<string>();

  useEffect(() => {
    if (!prefs.data) return;
    setTypes(prefs.data.types);
    setEmail(prefs.data.email ?? '');
    setWebhookUrl(prefs.data.webhookUrl ?? '');
  }, [prefs.data]);

  const done = (saved: Prefs, message: string) => {
    prefs.set(saved);
    if (saved.webhookSecret) setSecret(saved.webhookSecret);
    announce(saved.webhookSecret ? `${message}. Your new webhook secret is shown once below.` : message);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(undefined);
    try {
      const saved = await api.notifications.savePreferences({
        types,
        email: email.trim() || null,
        webhookUrl: webhookUrl.trim() || null,
      });
      done(saved, 'Preferences saved');
    } catch (error) {
      if (error instanceof ApiProblem) {
        setErrors({
          ...error.fieldErrors(),
          ...(error.code === 'EMAIL_IN_USE' ? { email: error.detail } : {}),
        });
      }
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const rotate = async () => {
    setFailure(undefined);
    try {
      done(await api.notifications.rotateWebhookSecret(), 'Webhook secret replaced');
    } catch (error) {
      setFailure(error);
    }
  };

  const toggle = (type: AlertType) =>
    setTypes(types.includes(type) ? types.filter((t) => t !== type) : [...types, type]);

  return (
    <section>
      <PageHeader title="Preferences" />
      <ProblemNotice error={prefs.error} title="Your preferences could not be loaded." />
      {prefs.loading && !prefs.data && <Loading what="preferences" />}
      {prefs.data && (
        <form class="form card" onSubmit={save} noValidate>
          <fieldset class="fieldset">
            <legend>Send these alerts by e-mail and webhook</legend>
            <p class="field__hint">Every alert always arrives in your inbox.</p>
            {ALERT_TYPES.map((type) => (
              <label class="check" key={type}>
                <input
                  type="checkbox"
                  checked={types.includes(type)}
                  onChange={() => toggle(type)}
                  name="types"
                  value={type}
                />
                {TYPE_TEXT[type]}
              </label>
            ))}
            {errors.types && <p class="field__error">{errors.types}</p>}
          </fieldset>
          <Field
            label="E-mail address"
            error={errors.email}
            hint={
              prefs.data.email && !prefs.data.emailSubscribed
                ? 'Waiting for you to confirm the address from the message we sent.'
                : 'Leave empty for no e-mail.'
            }
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                type="email"
                name="email"
                autoComplete="email"
                value={email}
                onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field
            label="Webhook URL"
            error={errors.webhookUrl}
            hint={
              prefs.data.webhookDisabled
                ? 'Deliveries stopped after the endpoint refused them; save to turn them on again.'
                : 'An HTTPS address that receives signed alerts.'
            }
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                type="url"
                name="webhookUrl"
                inputMode="url"
                value={webhookUrl}
                onInput={(e) => setWebhookUrl((e.currentTarget as HTMLInputElement).value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <ProblemNotice error={Object.keys(errors).length ? undefined : failure} />
          <div class="form__actions">
            {prefs.data.webhookUrl && (
              <button type="button" class="button" onClick={rotate}>
                Replace webhook secret
              </button>
            )}
            <SubmitButton busy={busy}>Save preferences</SubmitButton>
          </div>
        </form>
      )}
      {secret && <SecretOnce secret={secret} onDismiss={() => setSecret(undefined)} />}
    </section>
  );
}

function SecretOnce({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  const { announce } = useApp();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
      announce('Secret copied');
    } catch {
      announce('Copying is not allowed here: select the secret and copy it by hand');
    }
  };
  return (
    <section class="card secret" aria-labelledby="secret-title">
      <h2 id="secret-title">Your webhook signing secret</h2>
      <p>
        Copy it now: it is shown <strong>only once</strong>. Your endpoint uses it to check that deliveries
        come from Spendwise.
      </p>
      <div class="secret__value">
        <code data-testid="webhook-secret">{secret}</code>
        <button type="button" class="button" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <button type="button" class="button button--quiet" onClick={onDismiss}>
        I have stored it
      </button>
    </section>
  );
}
