import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso/router';
import type { Report } from '../api';
import { useApp } from '../app/context';
import { formatInstant, formatMonth, thisMonth } from '../lib/format';
import { Empty, Loading, MonthPicker, PageHeader, ProblemNotice } from '../ui/parts';
import { useLoad } from '../ui/useLoad';

const FALLBACK_REASONS: Record<string, string> = {
  'not-enough-data': 'there was too little spending this month for the AI to comment on',
  'model-unavailable': 'the AI model could not be reached',
  'invalid-answer': 'the AI model’s answer did not pass our checks',
};

/** Polls a pending report politely (growing pauses, none while the tab is hidden) until it is ready or failed. */
function usePolledReport(id: string | undefined) {
  const { api, announce, refreshUnread } = useApp();
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!id) return;
    const poller = {
      stopped: false,
      timer: undefined as ReturnType<typeof setTimeout> | undefined,
      pause: 1000,
    };
    const again = () => {
      poller.timer = setTimeout(poll, poller.pause);
      poller.pause = Math.min(poller.pause * 1.5, 10_000);
    };
    const finished = (next: Report) => {
      announce(next.status === 'ready' ? 'Your report is ready' : 'The report could not be written');
      refreshUnread();
    };
    async function poll() {
      if (poller.stopped) return;
      if (document.hidden) return again();
      try {
        const next = await api.insights.report(id as string);
        if (poller.stopped) return;
        setReport(next);
        if (next.status === 'pending') again();
        else finished(next);
      } catch (caught) {
        if (!poller.stopped) setError(caught);
      }
    }
    setReport(undefined);
    setError(undefined);
    void poll();
    return () => {
      poller.stopped = true;
      clearTimeout(poller.timer);
    };
  }, [id, api, announce, refreshUnread]);
  return { report, error };
}

/** Ask for the month's AI report, watch it while it is written, read it; fallback reports are flagged. */
export function Reports() {
  const { api, announce } = useApp();
  const { params } = useRoute();
  const { query, route } = useLocation();
  const month = /^\d{4}-\d{2}$/.test(query.month ?? '') ? (query.month as string) : thisMonth();
  const reports = useLoad(() => api.insights.reports(month), [api, month]);
  const [requesting, setRequesting] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const selected = params.id ?? reports.data?.[0]?.reportId;
  const { report, error } = usePolledReport(selected);

  const request = async () => {
    setRequesting(true);
    setFailure(undefined);
    try {
      const { reportId } = await api.insights.requestReport(month);
      announce(`Writing your report for ${formatMonth(month)}`);
      route(`/reports/${reportId}?month=${month}`);
      void reports.reload();
    } catch (caught) {
      setFailure(caught);
    } finally {
      setRequesting(false);
    }
  };

  return (
    <section>
      <PageHeader title="Reports">
        <button type="button" class="button button--primary" onClick={request} disabled={requesting}>
          {requesting ? 'Asking…' : `Write report for ${formatMonth(month)}`}
        </button>
      </PageHeader>
      <div class="toolbar">
        <MonthPicker month={month} onChange={(m) => route(`/reports?month=${m}`, true)} />
      </div>
      <ProblemNotice error={failure} title="The report could not be requested." />
      <ProblemNotice error={reports.error ?? error} title="The reports could not be loaded." />
      {reports.loading && !reports.data && <Loading what="reports" />}
      {reports.data?.length === 0 && !params.id && (
        <Empty title={`No report for ${formatMonth(month)} yet`}>
          <p>
            Ask for one: Spendwise looks at the month’s spending and writes a summary with three suggestions.
          </p>
        </Empty>
      )}
      {report && <ReportView report={report} />}
      {(reports.data?.length ?? 0) > 1 && (
        <section class="card" aria-labelledby="earlier-title">
          <h2 id="earlier-title">All reports for {formatMonth(month)}</h2>
          <ul class="rows">
            {reports.data?.map((r) => (
              <li class="row" key={r.reportId}>
                <a
                  href={`/reports/${r.reportId}?month=${month}`}
                  aria-current={r.reportId === selected ? 'true' : undefined}
                >
                  {formatInstant(r.createdAt)}
                </a>
                <span class="row__value">
                  {r.status === 'ready' && r.source === 'fallback' ? 'ready (fallback)' : r.status}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function ReportView({ report }: { report: Report }) {
  if (report.status === 'pending') {
    return (
      <article class="card report" aria-busy="true" aria-labelledby="report-title">
        <h2 id="report-title">Report for {formatMonth(report.month)}</h2>
        <p class="loading">
          <span class="spinner" aria-hidden="true" /> Writing your report… this takes a few seconds.
        </p>
      </article>
    );
  }
  if (report.status === 'failed') {
    return (
      <article class="card report" aria-labelledby="report-title">
        <h2 id="report-title">Report for {formatMonth(report.month)}</h2>
        <div class="notice notice--error" role="alert">
          <p>This report could not be written. Please ask for a new one.</p>
          <p>
            Code <code>{report.failureReason ?? 'UNKNOWN'}</code>
          </p>
        </div>
      </article>
    );
  }
  return (
    <article class="card report" aria-labelledby="report-title">
      <h2 id="report-title">Report for {formatMonth(report.month)}</h2>
      {report.source === 'fallback' && (
        <p class="notice notice--warning report__flag" data-testid="fallback-flag">
          <strong>Written without AI.</strong> This report was put together from your numbers alone because{' '}
          {FALLBACK_REASONS[report.fallbackReason ?? ''] ?? 'the AI model could not help this time'}
          {report.fallbackReason ? ` (${report.fallbackReason})` : ''}.
        </p>
      )}
      <p class="report__summary">{report.summary}</p>
      {report.highlights && report.highlights.length > 0 && (
        <>
          <h3>Highlights</h3>
          <ul>
            {report.highlights.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
        </>
      )}
      {report.recommendations && report.recommendations.length > 0 && (
        <>
          <h3>For next month</h3>
          <ol class="recommendations">
            {report.recommendations.map((r) => (
              <li key={r.title}>
                <strong>{r.title}</strong> {r.detail}
              </li>
            ))}
          </ol>
        </>
      )}
      <p class="report__meta">Written {formatInstant(report.updatedAt)}</p>
    </article>
  );
}
