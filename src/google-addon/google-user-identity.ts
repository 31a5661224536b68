import { OAuth2Client } from 'google-auth-library';
import { defaultGoogleCertsUrl } from '../auth/google-id-token.js';

/**
 * Who the add-on's user is. The request's own ID token proves only that Google's add-on
 * infrastructure called; the user comes from `authorizationEventObject.userIdToken`, an ID token
 * Google mints for the deployment's OAuth client (audience = GOOGLE_OAUTH_CLIENT_ID). Verified
 * the same way, or not trusted at all.
 */

export interface GoogleUser {
  /** Google's stable subject id: the store keys the user by it. */
  userId: string;
  email: string;
  name?: string;
}

export type GoogleUserVerifier = (userIdToken: string) => Promise<GoogleUser>;

export function createGoogleUserVerifier(options: { oauthClientId: string; certsUrl?: string }): GoogleUserVerifier {
  const client = new OAuth2Client({
    endpoints: { oauth2FederatedSignonPemCertsUrl: options.certsUrl ?? defaultGoogleCertsUrl },
    issuers: ['https://accounts.google.com'],
  });
  return async (userIdToken) => {
    let payload;
    try {
      payload = (await client.verifyIdToken({ idToken: userIdToken, audience: options.oauthClientId })).getPayload();
    } catch {
      // google-auth-library's messages quote the token: keep none of it.
      throw new Error('the user ID token was refused');
    }
    if (!payload?.sub || !payload.email || payload.email_verified !== true) throw new Error('the user ID token has no verified e-mail');
    return { userId: payload.sub, email: payload.email.toLowerCase(), ...(payload.name ? { name: payload.name } : {}) };
  };
}
