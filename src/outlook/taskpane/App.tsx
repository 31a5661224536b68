import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Badge, Button, FluentProvider, Spinner, Text, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { classifyInvite } from '../../core/classifier/embedded-classifier.js';
import { parseInvite, type Invite } from '../../core/invite.js';
import { guardVerdict } from '../../core/sensitivity/sensitivity-guard.js';
import { escapeHtml } from '../../core/thread/render-thread.js';
import type { AgendaKind, Verdict } from '../../core/verdict.js';
import type { Api, Settings } from './api.js';
import type { TokenProvider } from './auth.js';
import type { DraftHost } from './office-host.js';
import { sampleFields, sampleInvite, type SampleFields } from './sample.js';
import { useStyles } from './styles.js';

// Everything that waits for a click, or only shows in preview or on an error, is loaded on demand:
// the first verdict needs React, the few Fluent parts drawn here, and the embedded judge.
const PreviewForm = lazy(() => import('./preview-form.js').then((m) => ({ default: m.PreviewForm })));
const Notice = lazy(() => import('./notice.js').then((m) => ({ default: m.Notice })));

const ThreadPanel = lazy(() => import('./panels.js').then((m) => ({ default: m.ThreadPanel })));
const KeepPanel = lazy(() => import('./panels.js').then((m) => ({ default: m.KeepPanel })));
const SettingsPanel = lazy(() => import('./panels.js').then((m) => ({ default: m.SettingsPanel })));

export interface AppProps {
  host: DraftHost | undefined;
  api: Api;
  tokens: TokenProvider;
  /** Graph base URL for sending e-mail; undefined: e-mail goes through the backend. */
  graphBase: string | undefined;
  /** Drawn before Office.onReady answers, so React and the styles are warm when the draft arrives. */
  starting?: boolean;
  /** The draft as first read (or why it could not be), so the first Outlook render has the verdict. */
  firstRead?: { draft: { invite: Invite; unreadFields: string[] } } | { error: string };
}


const verdictColor = { async: 'danger', trim: 'warning', keep: 'success' } as const;
const verdictLabel = { async: 'Could be async', trim: 'Trim it', keep: 'Keep it' } as const;
const kindColor: Record<AgendaKind, 'brand' | 'important' | 'informative' | 'success' | 'danger' | 'subtle'> = {
  info: 'informative',
  decision: 'important',
  discussion: 'brand',
  social: 'success',
  sensitive: 'danger',
  other: 'subtle',
};

function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${Math.round(amount)} ${currency}`;
  }
}

function usePrefersDark(): boolean {
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const listener = (event: MediaQueryListEvent) => setDark(event.matches);
    query.addEventListener('change', listener);
    return () => query.removeEventListener('change', listener);
  }, [query]);
  return dark;
}

export function App({ host, api, tokens: tokenProvider, graphBase, starting = false, firstRead }: AppProps) {
  const styles = useStyles();
  const prefersDark = usePrefersDark();
  const dark = (host?.theme() ?? (prefersDark ? 'dark' : 'light')) === 'dark';

  // ---- the invite: the Outlook draft, or the editable sample in preview mode
  const [fields, setFields] = useState<SampleFields>(sampleFields);
  const [draft, setDraft] = useState<{ invite: Invite; unreadFields: string[] } | undefined>();
  const [readError, setReadError] = useState<string>();
  // the first read arrives with the props that end the starting state: taken in during this same
  // render (React re-runs it before committing), so the first Outlook paint already has the verdict
  const [takenRead, setTakenRead] = useState<AppProps['firstRead']>();
  if (firstRead && firstRead !== takenRead) {
    setTakenRead(firstRead);
    if ('draft' in firstRead) setDraft(firstRead.draft);
    else setReadError(firstRead.error);
  }
  const refresh = useCallback(() => {
    host?.read().then(setDraft, (error: Error) => setReadError(error.message));
  }, [host]);
  useEffect(() => {
    if (!host) return;
    if (!firstRead) refresh();
    host.onChange(refresh);
  }, [host, refresh, firstRead]);
  const previewInvite = useMemo(() => {
    try {
      return parseInvite(sampleInvite(fields));
    } catch {
      return undefined;
    }
  }, [fields]);
  const invite = starting ? undefined : host ? draft?.invite : previewInvite;

  // ---- settings (GET /api/settings; unavailable in a plain static preview)
  const [settings, setSettings] = useState<Settings | undefined>();
  const [backend, setBackend] = useState<boolean>(false);
  useEffect(() => {
    if (starting) return;
    api.getSettings().then(
      (value) => {
        setSettings(value);
        setBackend(true);
      },
      () => setBackend(false),
    );
  }, [api, starting]);
  const cost = useMemo(() => ({ hourlyRate: settings?.hourlyRate ?? 75, currency: settings?.currency ?? 'USD' }), [settings]);

  // ---- the embedded verdict, instantly and offline. While Office starts, the sample invite is judged
  // and its card drawn hidden: the judge's first run and the card's styles are then paid before the
  // draft arrives, not after.
  const judgedInvite = starting ? previewInvite : invite;
  const embedded = useMemo(() => (judgedInvite ? guardVerdict(judgedInvite, classifyInvite(judgedInvite, cost)) : undefined), [judgedInvite, cost]);
  const marked = useRef(false);
  useEffect(() => {
    if (embedded && !starting && !marked.current) {
      marked.current = true;
      performance.mark('first-verdict');
    }
  }, [embedded, starting]);

  // ---- then the configured judge, if it is not the embedded one
  const [remote, setRemote] = useState<{ for: Invite; verdict: Verdict } | undefined>();
  const [judging, setJudging] = useState(false);
  const judgeMode = settings?.judgeMode;
  useEffect(() => {
    if (!invite || !backend || !judgeMode || judgeMode === 'embedded') return;
    let live = true;
    setJudging(true);
    const timer = setTimeout(() => {
      api.judge(invite).then(
        (verdict) => live && setRemote({ for: invite, verdict }),
        () => undefined,
      ).finally(() => live && setJudging(false));
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, invite, backend, judgeMode]);
  const verdict = remote && remote.for === invite ? remote.verdict : embedded;

  // ---- actions
  const [panel, setPanel] = useState<'none' | 'thread' | 'keep' | 'settings'>('none');
  const [status, setStatus] = useState<string>('');

  const trim = async () => {
    if (!invite || !verdict?.suggestion) return;
    const moved = verdict.suggestion.asyncItems.map((index) => verdict.agenda[index]?.text).filter((text): text is string => Boolean(text));
    if (host) {
      const html = `<p><strong>Pre-read</strong> (handled in writing, not in the meeting):</p><ul>${moved.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ul><hr>`;
      try {
        await host.trim(verdict.suggestion.keepMinutes, html);
        setStatus(`Trimmed to ${verdict.suggestion.keepMinutes} minutes with a pre-read.`);
      } catch (error) {
        setStatus(`Could not trim: ${(error as Error).message}`);
      }
    } else {
      const preRead = moved.length ? `Pre-read (handled in writing, not in the meeting):\n${moved.map((text) => `- ${text}`).join('\n')}\n\n` : '';
      setFields((current) => ({ ...current, durationMinutes: verdict.suggestion!.keepMinutes, body: preRead + current.body }));
      setStatus(`Trimmed to ${verdict.suggestion.keepMinutes} minutes with a pre-read.`);
    }
  };

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <div className={styles.root}>
        <header className={styles.row}>
          <h1 className={styles.h} style={{ fontSize: tokens.fontSizeBase500 }}>Invite Challenger</h1>
          {!host && !starting && <Badge appearance="outline" color="informative">Preview</Badge>}
          <Button appearance="subtle" size="small" aria-expanded={panel === 'settings'} onClick={() => setPanel(panel === 'settings' ? 'none' : 'settings')} style={{ marginLeft: 'auto' }}>
            Settings
          </Button>
        </header>

        <Suspense fallback={<Spinner size="tiny" label="Loading…" />}>
        {panel === 'settings' && <SettingsPanel api={api} backend={backend} settings={settings} onSaved={setSettings} />}
        </Suspense>

        {starting && <Spinner size="small" label="Starting…" />}
        {!host && !starting && (
          <Suspense fallback={<Spinner size="tiny" label="Loading the sample invite…" />}>
            <PreviewForm fields={fields} onChange={setFields} invalid={!previewInvite} />
          </Suspense>
        )}
        {host && !draft && !readError && <Spinner size="small" label="Reading the invite…" />}
        <Suspense fallback={null}>
          {readError && <Notice intent="error">Could not read the invite: {readError}</Notice>}
          {draft && draft.unreadFields.length > 0 && <Notice intent="warning">Not read: {draft.unreadFields.join(', ')}</Notice>}
        </Suspense>

        {verdict && judgedInvite && (
          <section className={styles.section} hidden={starting} aria-labelledby="verdict-heading" data-testid={starting ? undefined : 'verdict'} data-verdict={verdict.verdict}>
            <div className={styles.row}>
              <h2 id="verdict-heading" className={styles.h}>Verdict</h2>
              <Badge size="large" color={verdictColor[verdict.verdict]}>{verdictLabel[verdict.verdict]}</Badge>
              <Text>{Math.round(verdict.confidence * 100)}% confident</Text>
              <Text size={200}>({verdict.judge} judge)</Text>
            </div>
            <div aria-live="polite" role="status">
              {judging && <Spinner size="tiny" label={`Asking the ${judgeMode} judge…`} />}
            </div>
            {verdict.reasons.length > 0 && (
              <ul className={styles.list} aria-label="Reasons">
                {verdict.reasons.map((reason) => <li key={reason}>{reason}</li>)}
              </ul>
            )}
            {verdict.agenda.length > 0 && (
              <ul className={styles.chips} aria-label="Agenda items">
                {verdict.agenda.map((item, index) => (
                  <li key={index}>
                    <Badge className={styles.chip} appearance="tint" color={kindColor[item.kind]} title={item.kind}>{item.kind}: {item.text.length > 60 ? `${item.text.slice(0, 57)}…` : item.text}</Badge>
                  </li>
                ))}
              </ul>
            )}
            <Text>
              Cost: <strong>{money(verdict.cost.amount, verdict.cost.currency)}</strong> per meeting ({verdict.cost.attendees} people, {verdict.cost.minutes} min)
              {verdict.cost.perMonth && <> · <strong>{money(verdict.cost.perMonth.amount, verdict.cost.currency)}</strong> per month for the series</>}
            </Text>
            <div className={styles.row}>
              <Button appearance={verdict.verdict === 'async' ? 'primary' : 'secondary'} onClick={() => setPanel('thread')} aria-expanded={panel === 'thread'}>
                Replace with async update
              </Button>
              {verdict.suggestion && <Button onClick={() => void trim()}>Trim to {verdict.suggestion.keepMinutes} min</Button>}
              <Button appearance="subtle" onClick={() => setPanel(panel === 'keep' ? 'none' : 'keep')} aria-expanded={panel === 'keep'}>Keep</Button>
            </div>
          </section>
        )}

        <div role="status" aria-live="polite">{status && <Text>{status}</Text>}</div>

        <Suspense fallback={<Spinner size="tiny" label="Loading…" />}>
        {panel === 'thread' && invite && verdict && (
          <ThreadPanel invite={invite} verdict={verdict} api={api} backend={backend} tokens={tokenProvider} graphBase={graphBase} host={host} />
        )}
        {panel === 'keep' && invite && verdict && <KeepPanel invite={invite} verdict={verdict} api={api} onDone={(message) => { setStatus(message); setPanel('none'); }} />}
        </Suspense>
      </div>
    </FluentProvider>
  );
}
