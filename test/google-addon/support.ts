/* eslint-disable @typescript-eslint/no-explicit-any -- responses are JSON from the wire, read loosely by the assertions; the card schema checks their shape */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadServerConfig, type ServerConfig } from '../../src/config.js';
import { addonResponseSchema } from '../../src/google-addon/card-schema.js';
import { buildApp } from '../../src/server/app.js';
import { createAuthenticator } from '../../src/server/authentication.js';
import type { Store } from '../../src/store/database.js';
import { calendarReadScope, chatCreateScope, gmailSendScope, startFakeGoogleWorkspace, type FakeGoogleWorkspace } from '../fakes/fake-google-workspace.js';
import { fakeServiceAccountEmail, startFakeTokenIssuer, type FakeTokenIssuer } from '../fakes/fake-token-issuer.js';
import type { StoreKind } from '../../src/store/database.js';
import { openTestStore } from '../support/test-stores.js';
import { freePort } from '../fakes/http-helpers.js';

/** The backend with the Google add-on on 127.0.0.1, a local token issuer and the fake Google APIs. */

export const oauthClientId = '1234567890-addon.apps.googleusercontent.com';
export const ada = { email: 'ada@example.com', sub: '110248495921238986420', oauthToken: 'ya29.ada-user-token' };

export interface AddonHarness {
  base: string;
  publicUrl: string;
  config: ServerConfig;
  app: FastifyInstance;
  store: Store;
  issuer: FakeTokenIssuer;
  google: FakeGoogleWorkspace;
  /** Delegated tokens by e-mail (creation prompts). */
  delegatedToken(email: string): string;
  /** A fixture with the user's tokens filled in. */
  fixture(name: string, overrides?: (event: Record<string, any>) => void): Promise<Record<string, any>>;
  /** POSTs an event object as Google does, with an ID token for that endpoint unless given one. */
  post(path: string, body: unknown, token?: string | null): Promise<{ status: number; body: any }>;
  systemToken(path: string, overrides?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function startAddonHarness(environment: Record<string, string> = {}, storeKind: StoreKind = 'sqlite'): Promise<AddonHarness> {
  const issuer = await startFakeTokenIssuer();
  const google = await startFakeGoogleWorkspace();
  google.addUser(ada.oauthToken, { email: ada.email, scopes: [calendarReadScope, gmailSendScope, chatCreateScope] });
  const delegated = new Map<string, string>();
  const delegatedToken = (email: string) => {
    let token = delegated.get(email);
    if (!token) {
      token = `ya29.delegated-${email}`;
      delegated.set(email, token);
      google.addUser(token, { email, scopes: [calendarReadScope, gmailSendScope] });
    }
    return token;
  };
  const store = await openTestStore(storeKind);
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const config = loadServerConfig({
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    GOOGLE_SERVICE_ACCOUNT_EMAIL: fakeServiceAccountEmail,
    GOOGLE_CERTS_URL: issuer.certsUrl,
    GOOGLE_OAUTH_CLIENT_ID: oauthClientId,
    GOOGLE_API_ROOT_URL: google.rootUrl,
    ...environment,
  });
  const app = await buildApp({ config, store, authenticate: createAuthenticator(config), googleUserTokens: { accessToken: async (email) => delegatedToken(email) } });
  await app.listen({ host: '127.0.0.1', port });
  const base = publicUrl;

  const systemToken = (path: string, overrides: Record<string, unknown> = {}) => issuer.sign(issuer.googleClaims(`${publicUrl}${path}`, overrides));
  const userIdToken = () => issuer.sign(issuer.googleClaims(oauthClientId, { email: ada.email, sub: ada.sub, azp: oauthClientId, name: 'Ada Lovelace' }));

  return {
    base,
    publicUrl,
    config,
    app,
    store,
    issuer,
    google,
    delegatedToken,
    async fixture(name, overrides) {
      const text = readFileSync(fileURLToPath(new URL(`./fixtures/${name}.json`, import.meta.url)), 'utf8');
      const event = JSON.parse(text.replace('USER_OAUTH_TOKEN', ada.oauthToken).replace('USER_ID_TOKEN', await userIdToken())) as Record<string, any>;
      overrides?.(event);
      return event;
    },
    async post(path, body, token) {
      const bearer = token === undefined ? await systemToken(path) : token;
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      const parsed = text ? JSON.parse(text) : undefined;
      // Whatever a Google endpoint answers with 200 must be something Google can render.
      if (response.status === 200) addonResponseSchema.parse(parsed);
      return { status: response.status, body: parsed };
    },
    systemToken,
    async close() {
      await app.close();
      await store.close();
      await google.close();
      await issuer.close();
    },
  };
}

/** A button click: the event object of the card's action, with its parameters and form inputs. */
export function click(event: Record<string, any>, action: { parameters?: { key: string; value: string }[] }, formInputs: Record<string, string> = {}): Record<string, any> {
  return {
    ...event,
    commonEventObject: {
      ...event.commonEventObject,
      parameters: Object.fromEntries((action.parameters ?? []).map(({ key, value }) => [key, value])),
      formInputs: Object.fromEntries(Object.entries(formInputs).map(([name, value]) => [name, { stringInputs: { value: [value] } }])),
    },
  };
}

/** Every button in a response's card, by text. */
export function buttonsOf(response: any): Map<string, any> {
  const card = response.action?.navigations?.[0]?.pushCard ?? response.renderActions?.action?.navigations?.[0]?.updateCard;
  const buttons = new Map<string, any>();
  for (const section of card?.sections ?? []) {
    for (const widget of section.widgets) {
      for (const button of widget.buttonList?.buttons ?? []) buttons.set(button.text, button);
      if (widget.decoratedText?.button) buttons.set(widget.decoratedText.button.text, widget.decoratedText.button);
    }
  }
  return buttons;
}

export function cardOf(response: any): any {
  return response.action?.navigations?.[0]?.pushCard ?? response.renderActions?.action?.navigations?.[0]?.updateCard;
}

/** Input values a card shows, by name (what Google would send back untouched). */
export function inputsOf(response: any): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const section of cardOf(response)?.sections ?? []) for (const widget of section.widgets) if (widget.textInput) inputs[widget.textInput.name] = widget.textInput.value ?? '';
  return inputs;
}
