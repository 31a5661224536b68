import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Api } from './api.js';
import { App, type AppProps } from './App.js';
import { loadAddinConfig, naaTokens, staticTokens, type TokenProvider } from './auth.js';
import { detectOutlook } from './detect-office.js';
// in the first bundle (about 2 KB gzip): a chunk fetched after Office.onReady cost a round trip
import { outlookHost, type DraftHost } from './office-host.js';

/**
 * Task pane entry. In Outlook it reads the draft through the Office adapter; opened anywhere else
 * (Office.onReady host null, or office.js missing) it runs in preview mode over a sample invite.
 * Preview query parameters: `api` (backend base), `graph` (Graph base URL), `token` (a bearer token).
 * The pane draws at once, while office.js starts, so the first verdict only waits for the draft.
 */
async function start(): Promise<void> {
  const query = new URLSearchParams(location.search);
  const apiBase = query.get('api') ?? '';
  const previewTokens = staticTokens(query.get('token') ?? undefined);
  const root = createRoot(document.getElementById('root')!);
  // drawn now, synchronously: React and Fluent's styles are set up before Office answers
  flushSync(() => root.render(<App host={undefined} api={new Api(apiBase)} tokens={previewTokens} graphBase={undefined} starting />));

  const inOutlook = await detectOutlook();
  performance.mark('office-ready');
  let tokens: TokenProvider = previewTokens;
  let host: DraftHost | undefined;
  let firstRead: AppProps['firstRead'];
  if (inOutlook) {
    host = outlookHost();
    // read before drawing the Outlook pane: its first render then carries the verdict
    firstRead = await host.read().then(
      (draft) => ({ draft }),
      (error: Error) => ({ error: error.message }),
    );
    // the Entra client id and API scope are public: the page's meta tags or the backend's /addin-config.json
    tokens = naaTokens(loadAddinConfig(apiBase));
  }
  const graphBase = query.get('graph') ?? (inOutlook ? 'https://graph.microsoft.com/v1.0' : undefined);
  root.render(<App host={host} api={new Api(apiBase, tokens)} tokens={tokens} graphBase={graphBase} firstRead={firstRead} />);
}

void start();
