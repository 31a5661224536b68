import { useEffect, useRef, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Spinner, Text, Textarea } from '@fluentui/react-components';
import type { Invite } from '../../core/invite.js';
import { threadAsText } from '../../core/thread/render-thread.js';
import { draftThreadFromTemplate } from '../../core/thread/template-drafter.js';
import type { AsyncThread, Verdict } from '../../core/verdict.js';
import type { Api, Settings } from './api.js';
import type { TokenProvider } from './auth.js';
import { postThreadToTeams, sendThreadMail } from './graph.js';
import type { DraftHost } from './office-host.js';
import { useStyles } from './styles.js';

/** The pane's panels that wait for a click: loaded on demand to keep the first paint small. */

/** The clipboard API, or a selected textarea where a webview refuses it (some Office hosts do). */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    if (!copied) throw new Error('the clipboard is not available here');
  }
}

type Channel = 'email' | 'teams' | 'copy';

export function ThreadPanel(props: { invite: Invite; verdict: Verdict; api: Api; backend: boolean; tokens: TokenProvider; graphBase: string | undefined; host: DraftHost | undefined }) {
  const { invite, verdict, api, backend, tokens: tokenProvider, graphBase, host } = props;
  const styles = useStyles();
  const [thread, setThread] = useState<AsyncThread | undefined>();
  const [channel, setChannel] = useState<Channel>('email');
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<string>('');
  const [error, setError] = useState('');
  const key = useRef(crypto.randomUUID());
  const inFlight = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    const fallback = () => draftThreadFromTemplate(invite, verdict);
    (backend ? api.thread(invite, verdict).catch(fallback) : Promise.resolve(fallback())).then((value) => {
      if (!live) return;
      setThread(value);
      key.current = crypto.randomUUID();
      setSent('');
    });
    return () => {
      live = false;
    };
    // drafted once per opening; edits stay the user's
  }, []);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (sent || error) result.current?.focus();
  }, [sent, error]);

  if (!thread) return <Spinner size="small" label="Drafting the update…" aria-live="polite" />;

  const setItem = (index: number, patch: Partial<AsyncThread['items'][number]>) =>
    setThread({ ...thread, items: thread.items.map((item, i) => (i === index ? { ...item, ...patch } : item)) });

  const send = async () => {
    if (inFlight.current || sent) return;
    inFlight.current = true;
    setSending(true);
    setError('');
    try {
      if (channel === 'copy') {
        await copyText(threadAsText(thread));
        setSent('Copied to the clipboard.');
      } else if (channel === 'email' && graphBase) {
        await sendThreadMail(graphBase, tokenProvider, thread, key.current);
        setSent(`E-mailed to ${thread.recipients.length} attendees.`);
      } else if (channel === 'teams' && graphBase) {
        await postThreadToTeams(graphBase, tokenProvider, thread, invite.organizer?.email, key.current);
        setSent(`Posted to a Teams chat with ${thread.recipients.length} attendees.`);
      } else {
        // no Graph here: the backend sends it, once per idempotency key
        const token = await tokenProvider.getToken('api').catch(() => '');
        const response = await fetch(`${api.base}/api/thread/send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ idempotencyKey: key.current, channel, thread }),
        });
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        setSent(channel === 'teams' ? 'Posted to Teams.' : `E-mailed to ${thread.recipients.length} attendees.`);
      }
    } catch (caught) {
      setError(`Not sent: ${(caught as Error).message}`);
      inFlight.current = false;
    } finally {
      setSending(false);
    }
  };

  return (
    <section className={styles.section} aria-labelledby="thread-heading">
      <h2 id="thread-heading" className={styles.h} tabIndex={-1} ref={heading}>Async update</h2>
      <Field label="Title"><Input value={thread.title} onChange={(_, data) => setThread({ ...thread, title: data.value })} /></Field>
      <Field label="Intro"><Textarea value={thread.intro} resize="vertical" onChange={(_, data) => setThread({ ...thread, intro: data.value })} /></Field>
      {thread.items.map((item, index) => (
        <fieldset key={index} style={{ border: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '4px' }}>
          <legend style={{ fontWeight: 600 }}>Item {index + 1}</legend>
          <Field label={`Item ${index + 1} heading`}><Input value={item.heading} onChange={(_, data) => setItem(index, { heading: data.value })} /></Field>
          <Field label={`Item ${index + 1} text`}><Textarea value={item.body} resize="vertical" onChange={(_, data) => setItem(index, { body: data.value })} /></Field>
        </fieldset>
      ))}
      <Text size={200}>Reply by {thread.replyBy} · {thread.recipients.length} recipients</Text>
      <Field label="Send as">
        <RadioGroup value={channel} onChange={(_, data) => setChannel(data.value as Channel)} disabled={Boolean(sent) || sending}>
          <Radio value="email" label="E-mail to attendees" />
          <Radio value="teams" label="Teams chat" />
          <Radio value="copy" label="Copy as text" />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" disabled={sending || Boolean(sent)} onClick={() => void send()} aria-describedby="send-result">
          {sending ? 'Sending…' : channel === 'copy' ? 'Copy' : 'Send'}
        </Button>
        {sending && <Spinner size="tiny" aria-label="Sending" />}
        {sent && host && <Button onClick={() => host.close()}>Close the draft</Button>}
      </div>
      <div id="send-result" ref={result} tabIndex={-1} role="status" aria-live="polite" data-testid="send-result">
        {sent && <MessageBar intent="success"><MessageBarBody>{sent}</MessageBarBody></MessageBar>}
        {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      </div>
    </section>
  );
}

export function KeepPanel({ invite, verdict, api, onDone }: { invite: Invite; verdict: Verdict; api: Api; onDone: (message: string) => void }) {
  const styles = useStyles();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await api.feedback(invite, verdict.verdict, 'keep', reason);
      onDone('Thanks: the meeting stays, and your feedback was recorded.');
    } catch {
      onDone('The meeting stays. (Feedback could not be sent.)');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.section} aria-labelledby="keep-heading">
      <h2 id="keep-heading" className={styles.h}>Keep the meeting</h2>
      <Field label="Why does it need a meeting? (optional)"><Input value={reason} onChange={(_, data) => setReason(data.value)} /></Field>
      <div className={styles.row}><Button appearance="primary" disabled={busy} onClick={() => void submit()}>Keep it</Button></div>
    </section>
  );
}

export function SettingsPanel({ api, backend, settings, onSaved }: { api: Api; backend: boolean; settings: Settings | undefined; onSaved: (settings: Settings) => void }) {
  const styles = useStyles();
  const [form, setForm] = useState<Settings>(settings ?? { hourlyRate: 75, currency: 'USD', judgeMode: 'embedded', smartAlertMode: 'soft-block' });
  const [message, setMessage] = useState('');
  const save = async () => {
    try {
      const patch: Partial<Settings> = { hourlyRate: form.hourlyRate, currency: form.currency, judgeMode: form.judgeMode, smartAlertMode: form.smartAlertMode };
      onSaved(await api.putSettings(patch));
      setMessage('Saved.');
    } catch (error) {
      if (!backend) onSaved({ ...settings, ...form });
      setMessage(backend ? `Not saved: ${(error as Error).message}` : 'No backend here: applied to this preview only.');
    }
  };
  return (
    <section className={styles.section} aria-labelledby="settings-heading">
      <h2 id="settings-heading" className={styles.h}>Settings</h2>
      <div className={styles.row}>
        <Field label="Hourly rate"><Input type="number" min={0} value={String(form.hourlyRate ?? '')} onChange={(_, data) => setForm({ ...form, hourlyRate: Number(data.value) })} /></Field>
        <Field label="Currency"><Input value={form.currency ?? ''} maxLength={3} onChange={(_, data) => setForm({ ...form, currency: data.value.toUpperCase() })} /></Field>
      </div>
      <Field label="Judge">
        <Select value={form.judgeMode ?? 'embedded'} onChange={(_, data) => setForm({ ...form, judgeMode: data.value as Settings['judgeMode'] })}>
          <option value="embedded">Embedded (offline)</option>
          <option value="llm">LLM</option>
          <option value="hybrid">Hybrid</option>
        </Select>
      </Field>
      <Field label="Smart Alert on send">
        <Select value={form.smartAlertMode ?? 'soft-block'} onChange={(_, data) => setForm({ ...form, smartAlertMode: data.value as Settings['smartAlertMode'] })}>
          <option value="off">Off</option>
          <option value="prompt-user">Prompt</option>
          <option value="soft-block">Soft block</option>
        </Select>
      </Field>
      <div className={styles.row}><Button appearance="primary" onClick={() => void save()}>Save settings</Button></div>
      <div role="status" aria-live="polite">{message && <Text>{message}</Text>}</div>
    </section>
  );
}
