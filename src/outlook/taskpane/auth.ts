import type { IPublicClientApplication } from '@azure/msal-browser';

/** Where tokens come from, kept small so the pane never depends on one auth library. */
export interface TokenProvider {
  getToken(audience: 'graph' | 'api'): Promise<string>;
}

/** A fixed token (preview mode: `?token=`), or none. */
export function staticTokens(token: string | undefined): TokenProvider {
  return { getToken: async () => token ?? '' };
}

/**
 * Nested app authentication in Outlook: MSAL's nestable client, silent first, then a popup.
 * MSAL is loaded on first use only, so it stays out of the initial bundle.
 */
export function naaTokens(clientId: string, apiScope: string | undefined): TokenProvider {
  let app: Promise<IPublicClientApplication> | undefined;
  const load = () =>
    (app ??= import('@azure/msal-browser').then(({ createNestablePublicClientApplication }) =>
      createNestablePublicClientApplication({ auth: { clientId, authority: 'https://login.microsoftonline.com/common' } }),
    ));
  return {
    async getToken(audience) {
      const pca = await load();
      const scopes = audience === 'graph' ? ['Mail.Send'] : apiScope ? [apiScope] : [];
      if (scopes.length === 0) return '';
      try {
        return (await pca.acquireTokenSilent({ scopes })).accessToken;
      } catch {
        return (await pca.acquireTokenPopup({ scopes })).accessToken;
      }
    },
  };
}
