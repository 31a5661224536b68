import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scopes } from '../../src/google-addon/google-addon.js';
import { delegatedScopes } from '../../src/google-addon/delegated-user-tokens.js';

/**
 * deployment.json, the add-on's manifest for `gcloud workspace-add-ons deployments create`:
 * the Calendar triggers point at routes the server has, and the scopes are what the code uses.
 */

const deployment = JSON.parse(readFileSync(fileURLToPath(new URL('../../deployment.json', import.meta.url)), 'utf8')) as {
  oauthScopes: string[];
  addOns: { common: { homepageTrigger: { runFunction: string }; logoUrl: string }; calendar: Record<string, { runFunction: string } | string>; httpOptions: Record<string, string> };
};

describe('deployment.json', () => {
  it('has the homepage, event-open and event-update triggers on our /google routes, with READ_WRITE event access', () => {
    const { calendar, common } = deployment.addOns;
    expect(calendar.currentEventAccess).toBe('READ_WRITE');
    const routes = Object.fromEntries(['homepageTrigger', 'eventOpenTrigger', 'eventUpdateTrigger'].map((trigger) => [trigger, new URL((calendar[trigger] as { runFunction: string }).runFunction).pathname]));
    expect(routes).toEqual({ homepageTrigger: '/google/homepage', eventOpenTrigger: '/google/event-open', eventUpdateTrigger: '/google/event-update' });
    expect(new URL(common.homepageTrigger.runFunction).pathname).toBe('/google/homepage');
    for (const url of [common.logoUrl, common.homepageTrigger.runFunction]) expect(url).toMatch(/^https:\/\//);
  });

  it('asks for the scopes the add-on uses and nothing more', () => {
    expect([...deployment.oauthScopes].sort()).toEqual(
      [
        // Run in Calendar and see (read_write: attach to) the open event: required by READ_WRITE.
        'https://www.googleapis.com/auth/calendar.addons.execute',
        'https://www.googleapis.com/auth/calendar.addons.current.event.read',
        'https://www.googleapis.com/auth/calendar.addons.current.event.write',
        // events.get of the open event, events.watch for creation prompts.
        'https://www.googleapis.com/auth/calendar.events.readonly',
        // Replace: the thread by Gmail, or in a Chat space.
        'https://www.googleapis.com/auth/gmail.send',
        'https://www.googleapis.com/auth/chat.messages.create',
        // The user ID token that says who the user is.
        'https://www.googleapis.com/auth/userinfo.email',
      ].sort(),
    );
    // Every scope the code asks for at run time (granular consent, delegation) is declared.
    for (const scope of [...Object.values(scopes), ...delegatedScopes]) expect(deployment.oauthScopes).toContain(scope);
    expect(deployment.oauthScopes.some((scope) => /auth\/(calendar|gmail\.modify|gmail\.readonly|chat\.messages)$|mail\.google\.com/.test(scope))).toBe(false);
  });

  it('has Google sign each call with the service account’s ID token, and supports granular consent', () => {
    expect(deployment.addOns.httpOptions).toEqual({ authorizationHeader: 'SYSTEM_ID_TOKEN', granularOauthPermissionSupport: 'OPT_IN' });
  });
});
