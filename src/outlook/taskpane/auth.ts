/// <reference types="office-js" />
import type { IPublicClientApplication } from '@azure/msal-browser';

/** Where tokens come from, kept small so the pane never depends on one auth library. */
export interface TokenProvider {
  getToken(audience: 'graph' | 'api'): Promise<string>;
}

/**
 * Public, secret-free settings the pane needs to sign in: the add-in's Entra application (client)
 * id, the authority, and the backend's delegated scope. From the page's meta tags (set at build
 * time) or the backend's `GET /addin-config.json`.
 */
export interface AddinConfig {
  clientId?: string;
  authority?: string;
  apiScope?: string;
}

/** Delegated Graph permissions the pane asks for: the e-mail and Teams channels, and Trim on the calendar. */
export const graphScopes = ['Mail.Send', 'Chat.Create', 'ChatMessage.Send', 'Calendars.ReadWrite'] as const;

function meta(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || undefined;
}

export async function loadAddinConfig(apiBase: string): Promise<AddinConfig> {
  const fromPage: AddinConfig = { clientId: meta('entra-client-id'), authority: meta('entra-authority'), apiScope: meta('entra-api-scope') };
  if (fromPage.clientId && fromPage.apiScope) return fromPage;
  try {
    const response = await fetch(`${apiBase}/addin-config.json`, { headers: { accept: 'application/json' } });
    if (!response.ok) return fromPage;
    // values baked into the page win over the backend's
    const served = (await response.json()) as AddinConfig;
    return { clientId: fromPage.clientId ?? served.clientId, authority: fromPage.authority ?? served.authority, apiScope: fromPage.apiScope ?? served.apiScope };
  } catch {
    return fromPage;
  }
}

/** A fixed token (preview mode: `?token=`), or none. */
export function staticTokens(token: string | undefined): TokenProvider {
  return { getToken: async () => token ?? '' };
}

export function scopesFor(audience: 'graph' | 'api', config: AddinConfig): string[] {
  return audience === 'graph' ? [...graphScopes] : config.apiScope ? [config.apiScope] : [];
}

/** The dialog page (auth-dialog.html) next to the pane, with what it must ask for. */
export function dialogUrl(config: AddinConfig, scopes: string[], base = location.href): string {
  const url = new URL('auth-dialog.html', base);
  url.search = new URLSearchParams({ clientId: config.clientId ?? '', authority: config.authority ?? '', scopes: scopes.join(' ') }).toString();
  return url.toString();
}

/** What the dialog sends back with `Office.context.ui.messageParent`. */
export type DialogResult = { status: 'success'; accessToken: string } | { status: 'error'; error: string };

/** Office dialog fallback: opens auth-dialog.html, which signs in and sends the token back. */
export function tokenFromDialog(url: string, office: typeof Office = Office): Promise<string> {
  return new Promise((resolve, reject) => {
    office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, (opened) => {
      if (opened.status !== office.AsyncResultStatus.Succeeded) return reject(new Error(`sign-in dialog: ${opened.error.message}`));
      const dialog = opened.value;
      dialog.addEventHandler(office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        try {
          const result = JSON.parse((arg as { message: string }).message) as DialogResult;
          if (result.status === 'success') resolve(result.accessToken);
          else reject(new Error(`sign-in failed: ${result.error}`));
        } catch {
          reject(new Error('sign-in dialog answered something unreadable'));
        }
      });
      dialog.addEventHandler(office.EventType.DialogEventReceived, () => reject(new Error('sign-in dialog closed')));
    });
  });
}

/**
 * Nested app authentication in Outlook: MSAL's nestable client, silent first, then a popup; when
 * NAA is unavailable (older clients) or both fail, the Office dialog signs in instead.
 * MSAL is loaded on first use only, so it stays out of the initial bundle. No client id: no tokens.
 */
export function naaTokens(configured: Promise<AddinConfig>): TokenProvider {
  let app: Promise<IPublicClientApplication> | undefined;
  const load = (config: AddinConfig) =>
    (app ??= import('@azure/msal-browser').then(({ createNestablePublicClientApplication }) =>
      createNestablePublicClientApplication({ auth: { clientId: config.clientId!, authority: config.authority || 'https://login.microsoftonline.com/common' } }),
    ));
  const cache = new Map<string, { token: string; expires: number }>();
  return {
    async getToken(audience) {
      const config = await configured;
      const scopes = scopesFor(audience, config);
      if (!config.clientId || scopes.length === 0) return '';
      const cached = cache.get(audience);
      if (cached && cached.expires > Date.now() + 60_000) return cached.token;
      try {
        const pca = await load(config);
        const result = await pca.acquireTokenSilent({ scopes }).catch(() => pca.acquireTokenPopup({ scopes }));
        cache.set(audience, { token: result.accessToken, expires: result.expiresOn?.getTime() ?? 0 });
        return result.accessToken;
      } catch {
        return tokenFromDialog(dialogUrl(config, scopes));
      }
    },
  };
}
