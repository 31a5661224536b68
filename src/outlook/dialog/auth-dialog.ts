/// <reference types="office-js" />
import { createStandardPublicClientApplication } from '@azure/msal-browser';
import { loadAddinConfig, type DialogResult } from '../taskpane/auth.js';
import { checkAuthority, entraAuthorityHost } from './authority.js';

/**
 * The Office dialog fallback for sign-in (auth-dialog.html), for Outlook clients without nested app
 * authentication. The pane opens it with `?clientId=&authority=&scopes=`; it signs in with MSAL's
 * redirect flow inside the dialog, then hands the access token to the pane with messageParent.
 * The query is kept in sessionStorage across the redirect to Entra and back. The authority is
 * checked first (src/outlook/dialog/authority.ts): a crafted link cannot send users elsewhere.
 */
const storageKey = 'invite-challenger.auth-dialog';

interface DialogRequest {
  clientId: string;
  authority: string;
  scopes: string[];
}

function request(): DialogRequest | undefined {
  const query = new URLSearchParams(location.search);
  if (query.get('clientId')) {
    const value = { clientId: query.get('clientId')!, authority: query.get('authority') ?? '', scopes: (query.get('scopes') ?? '').split(' ').filter(Boolean) };
    sessionStorage.setItem(storageKey, JSON.stringify(value));
    return value;
  }
  const stored = sessionStorage.getItem(storageKey);
  return stored ? (JSON.parse(stored) as DialogRequest) : undefined;
}

function reply(result: DialogResult): void {
  sessionStorage.removeItem(storageKey);
  Office.context.ui.messageParent(JSON.stringify(result));
}

function show(text: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

async function run(): Promise<void> {
  await Office.onReady();
  const wanted = request();
  if (!wanted || wanted.scopes.length === 0) return reply({ status: 'error', error: 'the dialog was opened without a client id or scopes' });
  // Another host than Entra's is allowed only when this server is configured with it (same-origin config).
  const needsConfig = Boolean(wanted.authority) && !wanted.authority.toLowerCase().startsWith(`https://${entraAuthorityHost}/`);
  const checked = checkAuthority(wanted.authority, needsConfig ? (await loadAddinConfig('')).authority : undefined);
  if ('error' in checked) {
    show(`Sign-in refused: ${checked.error}.`);
    return reply({ status: 'error', error: checked.error });
  }
  const pca = await createStandardPublicClientApplication({
    auth: { clientId: wanted.clientId, authority: checked.authority, redirectUri: `${location.origin}${location.pathname}` },
    cache: { cacheLocation: 'sessionStorage' },
  });
  const returned = await pca.handleRedirectPromise();
  if (returned?.accessToken) return reply({ status: 'success', accessToken: returned.accessToken });
  const account = pca.getAllAccounts()[0];
  if (account) {
    const silent = await pca.acquireTokenSilent({ scopes: wanted.scopes, account }).catch(() => undefined);
    if (silent?.accessToken) return reply({ status: 'success', accessToken: silent.accessToken });
  }
  show('Signing you in…');
  await pca.acquireTokenRedirect({ scopes: wanted.scopes });
}

run().catch((error: unknown) => {
  // the error's name only: MSAL messages can carry request details
  const name = error instanceof Error ? ((error as { errorCode?: string }).errorCode ?? error.name) : 'unknown error';
  show(`Sign-in failed: ${name}`);
  try {
    reply({ status: 'error', error: name });
  } catch {
    // outside Office there is no parent to tell
  }
});
