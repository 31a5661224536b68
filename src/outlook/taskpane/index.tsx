/// <reference types="office-js" />
import { createRoot } from 'react-dom/client';
import { Api } from './api.js';
import { App } from './App.js';
import { naaTokens, staticTokens, type TokenProvider } from './auth.js';
import { readDraftInvite } from '../office/read-draft.js';
import { detectOutlook, outlookHost, type DraftHost } from './office-host.js';

/**
 * Task pane entry. In Outlook it reads the draft through the Office adapter; opened anywhere else
 * (Office.onReady host null, or office.js missing) it runs in preview mode over a sample invite.
 * Preview query parameters: `api` (backend base), `graph` (Graph base URL), `token` (a bearer token).
 */
async function start(): Promise<void> {
  const query = new URLSearchParams(location.search);
  const inOutlook = await detectOutlook();
  const host: DraftHost | undefined = inOutlook
    ? outlookHost((item) => readDraftInvite(item, { organizerEmail: Office.context.mailbox.userProfile?.emailAddress }))
    : undefined;
  const clientId = query.get('clientId') ?? document.querySelector<HTMLMetaElement>('meta[name="entra-client-id"]')?.content;
  const tokens: TokenProvider = inOutlook && clientId ? naaTokens(clientId, query.get('apiScope') ?? undefined) : staticTokens(query.get('token') ?? undefined);
  const graphBase = query.get('graph') ?? (inOutlook ? 'https://graph.microsoft.com/v1.0' : undefined);
  const api = new Api(query.get('api') ?? '', tokens);
  createRoot(document.getElementById('root')!).render(<App host={host} api={api} tokens={tokens} graphBase={graphBase} />);
}

void start();
