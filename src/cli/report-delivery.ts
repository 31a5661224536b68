import type { CalendarSource } from '../calendars/calendar-source.js';
import { createCalendarSource } from '../calendars/create-calendar-source.js';
import type { ServerConfig } from '../config.js';
import { createJudge } from '../judge/create-judge.js';
import { createLazyLlmClient } from '../llm/lazy-llm-client.js';
import { bareAddress, createMailer } from '../mail/create-mailer.js';
import type { Mailer } from '../mail/mailer.js';
import { createReportComposer } from '../report/compose-report.js';
import { deliverReport, type DeliverReportDependencies } from '../report/deliver-report.js';
import { resolveReportSigningSecret, UnsubscribeLinks } from '../report/unsubscribe.js';
import type { ComposeReport } from '../report/weekly-report.js';
import { openStore, type Store } from '../store/database.js';
import type { StoredUser } from '../store/store.js';
import type { CliIo } from './io.js';

/**
 * Everything `report` and `worker` need, wired from the configuration: the store, the composer
 * (calendars for every configured vendor, the judge with the store's verdict cache), the mailer,
 * the unsubscribe links. One place, so the CLI commands and the worker send the same e-mail.
 */

export interface ReportWiring {
  store: Store;
  compose: ComposeReport;
  links: UnsubscribeLinks;
  settingsUrl: string;
  mailer?: Mailer;
  deliver(user: StoredUser, isoWeek: string, signal?: AbortSignal): ReturnType<typeof deliverReport>;
  close(): Promise<void>;
}

export async function wireReports(config: ServerConfig, io: CliIo, options: { mail: boolean }): Promise<ReportWiring> {
  // Graph and Google code loads only when configured: googleapis alone takes over a second.
  const graph = config.entra?.clientSecret !== undefined ? await import('../calendars/graph/graph-app-token.js') : undefined;
  const graphToken =
    graph && config.entra?.clientSecret !== undefined
      ? graph.createGraphAppTokenProvider({ tenantId: config.entra.tenantId, clientId: config.entra.clientId, clientSecret: config.entra.clientSecret, authorityUrl: config.entra.authorityUrl })
      : undefined;
  const google = config.google?.keyFile ? await import('../calendars/google/google-service-account.js') : undefined;
  const googleKey = google && config.google?.keyFile ? await google.readServiceAccountKey(config.google.keyFile) : undefined;
  let graphCalendars: CalendarSource | undefined;
  if (graphToken) {
    const { GraphCalendarSource } = await import('../calendars/graph/graph-calendar-source.js');
    graphCalendars = new GraphCalendarSource({ baseUrl: config.graphBaseUrl, getAccessToken: graphToken });
  }
  let googleCalendars: CalendarSource | undefined;
  if (googleKey) {
    const { GoogleCalendarSource } = await import('../calendars/google/google-calendar-source.js');
    googleCalendars = new GoogleCalendarSource({ key: googleKey, rootUrl: config.googleApiRootUrl });
  }
  const calendars = createCalendarSource({ ...(graphCalendars ? { graph: graphCalendars } : {}), ...(googleCalendars ? { google: googleCalendars } : {}) });

  // The store first, the mailer inside the try: whichever fails, nothing opened is left open.
  const store = await openStore({ databaseUrl: config.database.url, sqlitePath: config.database.sqlitePath });
  let mailer: Mailer | undefined;
  try {
    mailer = options.mail
      ? await createMailer(config, {
          graphToken,
          gmailAuth: google && googleKey && config.mailFrom ? new google.DelegatedClients(googleKey, [gmailSendScope]).forUser(bareAddress(config.mailFrom)) : undefined,
        })
      : undefined;
    let warned = false;
    const judge = createJudge(config, {
      client: config.judge !== 'embedded' && config.llm ? createLazyLlmClient(config.llm) : undefined,
      cache: store.verdicts,
      onFallback: (reason) => {
        if (warned) return;
        warned = true;
        io.stderr(`invite-challenger: warning: the LLM was unavailable (${reason}); the offline judge answered`);
      },
    });
    const compose = createReportComposer({ calendars, judge, cost: config.cost });
    const links = new UnsubscribeLinks(
      resolveReportSigningSecret({ configured: config.reportSigningSecret, databaseUrl: config.database.url, sqlitePath: config.database.sqlitePath }),
      config.publicUrl,
    );
    const settingsUrl = `${config.publicUrl}/taskpane.html`;
    const openedMailer = mailer;
    const dependencies: DeliverReportDependencies | undefined = openedMailer
      ? {
          store,
          compose,
          mailer: openedMailer,
          links,
          settingsUrl,
          messageIdDomain: messageIdDomain(config),
          staleAfterMs: config.reportJobTimeoutSeconds * 1000,
        }
      : undefined;
    return {
      store,
      compose,
      links,
      settingsUrl,
      mailer: openedMailer,
      deliver: (user, isoWeek, signal) => {
        if (!dependencies) throw new Error('no mailer configured');
        return deliverReport(dependencies, user, isoWeek, signal ? { signal } : {});
      },
      close: async () => {
        await openedMailer?.close();
        await store.close();
      },
    };
  } catch (error) {
    await mailer?.close();
    await store.close();
    throw error;
  }
}

/** The Gmail send scope (as in gmail-mailer.ts, which is not loaded unless Gmail is chosen). */
const gmailSendScope = 'https://www.googleapis.com/auth/gmail.send';

function messageIdDomain(config: ServerConfig): string {
  const from = config.mailFrom ? bareAddress(config.mailFrom) : '';
  return from.includes('@') ? from.slice(from.lastIndexOf('@') + 1) : new URL(config.publicUrl).hostname;
}
