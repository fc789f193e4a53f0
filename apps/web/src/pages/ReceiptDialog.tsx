import { useEffect, useState } from 'preact/hooks';
import type { Expense } from '../api';
import { useApp } from '../app/context';
import { formatDay } from '../lib/format';
import {
  fileProblem,
  RECEIPT_ACCEPT,
  receiptIdOf,
  receiptTypeOf,
  sendReceipt,
  UploadFailed,
  waitFor,
} from '../lib/receipts';
import { Dialog } from '../ui/Dialog';
import { ProblemNotice } from '../ui/parts';

type Step =
  | { kind: 'idle' }
  | { kind: 'uploading'; fraction: number }
  | { kind: 'checking' }
  | { kind: 'refused'; message: string };

/** The receipt of an expense: shown inline (images) or linked (PDF, HEIC), attached or replaced from a file. */
export function ReceiptDialog({
  expense,
  onClose,
  onChanged,
}: {
  expense: Expense;
  onClose: () => void;
  onChanged: (expense: Expense) => void;
}) {
  const { api, announce } = useApp();
  const [current, setCurrent] = useState(expense);
  const [link, setLink] = useState<{ url: string; contentType: string }>();
  const [linkError, setLinkError] = useState<unknown>();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [failure, setFailure] = useState<unknown>();
  const receiptId = current.receipt?.receiptId;

  useEffect(() => {
    setLink(undefined);
    setLinkError(undefined);
    if (!receiptId) return;
    api.receipts.link(current.expenseId).then(setLink, setLinkError);
  }, [api, current.expenseId, receiptId]);

  const choose = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setFailure(undefined);
    const problem = fileProblem(file);
    const contentType = receiptTypeOf(file);
    if (problem || !contentType) {
      setStep({ kind: 'refused', message: problem ?? 'This file cannot be a receipt.' });
      return;
    }
    try {
      setStep({ kind: 'uploading', fraction: 0 });
      const upload = await api.receipts.requestUpload(current.expenseId, contentType);
      await sendReceipt(upload, file, (fraction) => setStep({ kind: 'uploading', fraction }));
      setStep({ kind: 'checking' });
      // The file is checked after the upload (its first bytes must match its type): follow the expense until
      // this upload is its receipt, for a bounded time.
      const expected = receiptIdOf(upload);
      const attached = await waitFor(async () => {
        const latest = await api.expenses.get(current.expenseId);
        return latest.receipt?.receiptId === expected ? latest : undefined;
      });
      if (!attached) {
        setStep({
          kind: 'refused',
          message:
            'The file was not attached. Spendwise checks that a file really is the type it claims (a JPEG, PNG, WebP, HEIC or PDF of at most 10 MB); choose the receipt again, or try another file.',
        });
        return;
      }
      setCurrent(attached);
      onChanged(attached);
      setStep({ kind: 'idle' });
      announce('Receipt attached');
    } catch (error) {
      if (error instanceof UploadFailed) setStep({ kind: 'refused', message: error.message });
      else {
        setFailure(error);
        setStep({ kind: 'idle' });
      }
    }
  };

  const remove = async () => {
    setFailure(undefined);
    setStep({ kind: 'checking' });
    try {
      await api.receipts.remove(current);
      const latest = await api.expenses.get(current.expenseId);
      setCurrent(latest);
      onChanged(latest);
      announce('Receipt removed');
    } catch (error) {
      setFailure(error);
    } finally {
      setStep({ kind: 'idle' });
    }
  };

  const busy = step.kind === 'uploading' || step.kind === 'checking';
  return (
    <Dialog title="Receipt" onClose={onClose}>
      <div class="receipt">
        {current.receipt ? (
          <p class="receipt__meta">
            Attached on {formatDay(current.receipt.attachedAt.slice(0, 10))} ·{' '}
            {Math.max(1, Math.round(current.receipt.size / 1024))} KB
          </p>
        ) : (
          <p class="receipt__meta">No receipt attached yet.</p>
        )}
        <ProblemNotice error={linkError} title="The receipt could not be loaded." />
        {link && <ReceiptView link={link} />}
        <ProblemNotice error={failure} title="The receipt could not be changed." />
        {step.kind === 'refused' && (
          <div class="notice notice--error" role="alert">
            <p>{step.message}</p>
          </div>
        )}
        {step.kind === 'uploading' && (
          <p class="receipt__status" aria-live="polite">
            Uploading… <progress max={1} value={step.fraction} aria-label="Upload progress" />
          </p>
        )}
        {step.kind === 'checking' && (
          <p class="receipt__status" aria-live="polite" aria-busy="true">
            <span class="spinner" aria-hidden="true" /> Checking the file…
          </p>
        )}
        <label
          class={`button ${current.receipt ? '' : 'button--primary'} receipt__choose`}
          aria-disabled={busy}
        >
          {current.receipt ? 'Replace receipt' : 'Attach receipt'}
          <input
            type="file"
            name="receipt"
            class="visually-hidden"
            accept={RECEIPT_ACCEPT}
            disabled={busy}
            onChange={(event) => void choose(event.currentTarget)}
          />
        </label>
        <p class="field__hint">JPEG, PNG, WebP, HEIC or PDF, up to 10 MB.</p>
        {current.receipt && (
          <button
            type="button"
            class="button button--quiet receipt__remove"
            disabled={busy}
            onClick={() => void remove()}
          >
            Remove receipt
          </button>
        )}
      </div>
    </Dialog>
  );
}

function ReceiptView({ link }: { link: { url: string; contentType: string } }) {
  // Browsers show JPEG, PNG and WebP; HEIC and PDF open in their own viewer.
  if (['image/jpeg', 'image/png', 'image/webp'].includes(link.contentType)) {
    return (
      <a href={link.url} target="_blank" rel="noopener noreferrer">
        <img class="receipt__image" src={link.url} alt="The receipt" />
      </a>
    );
  }
  return (
    <p>
      <a class="button" href={link.url} target="_blank" rel="noopener noreferrer">
        Open the receipt ({link.contentType === 'application/pdf' ? 'PDF' : 'HEIC'})
      </a>
    </p>
  );
}
