/// <reference types="office-js" />
import { createRoot } from 'react-dom/client';
import { Api } from './api.js';
import { App } from './App.js';
import { loadAddinConfig, naaTokens, staticTokens, type TokenProvider } from './auth.js';
import { detectOutlook } from './detect-office.js';
import type { DraftHost } from './office-host.js';

/**
 * Task pane entry. In Outlook it reads the draft through the Office adapter; opened anywhere else
 * (Office.onReady host null, or office.js missing) it runs in preview mode over a sample invite.
 * Preview query parameters: `api` (backend base), `graph` (Graph base URL), `token` (a bearer token).
 */
async function start(): Promise<void> {
  const query = new URLSearchParams(location.search);
  const inOutlook = await detectOutlook();
  performance.mark('office-ready');
  const apiBase = query.get('api') ?? '';
  let host: DraftHost | undefined;
  let tokens: TokenProvider = staticTokens(query.get('token') ?? undefined);
  if (inOutlook) {
    const { outlookHost } = await import('./office-host.js');
    host = outlookHost();
    // the Entra client id and API scope are public: the backend's /addin-config.json or the page's meta tags
    tokens = naaTokens(loadAddinConfig(apiBase));
  }
  const graphBase = query.get('graph') ?? (inOutlook ? 'https://graph.microsoft.com/v1.0' : undefined);
  const api = new Api(apiBase, tokens);
  createRoot(document.getElementById('root')!).render(<App host={host} api={api} tokens={tokens} graphBase={graphBase} />);
}

void start();
