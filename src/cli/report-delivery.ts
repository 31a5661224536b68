import { createCalendarSource } from '../calendars/create-calendar-source.js';
import { GoogleCalendarSource } from '../calendars/google/google-calendar-source.js';
import { DelegatedClients, readServiceAccountKey } from '../calendars/google/google-service-account.js';
import { GraphCalendarSource } from '../calendars/graph/graph-calendar-source.js';
import { createGraphAppTokenProvider } from '../calendars/graph/graph-app-token.js';
import type { ServerConfig } from '../config.js';
import { createJudge } from '../judge/create-judge.js';
import { createLazyLlmClient } from '../llm/lazy-llm-client.js';
import { bareAddress, createMailer } from '../mail/create-mailer.js';
import { gmailSendScope } from '../mail/gmail/gmail-mailer.js';
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
  const graphToken =
    config.entra?.clientSecret !== undefined
      ? createGraphAppTokenProvider({ tenantId: config.entra.tenantId, clientId: config.entra.clientId, clientSecret: config.entra.clientSecret, authorityUrl: config.entra.authorityUrl })
      : undefined;
  const googleKey = config.google?.keyFile ? await readServiceAccountKey(config.google.keyFile) : undefined;
  const calendars = createCalendarSource({
    ...(graphToken ? { graph: new GraphCalendarSource({ baseUrl: config.graphBaseUrl, getAccessToken: graphToken }) } : {}),
    ...(googleKey ? { google: new GoogleCalendarSource({ key: googleKey, rootUrl: config.googleApiRootUrl }) } : {}),
  });

  const mailer = options.mail
    ? createMailer(config, {
        graphToken,
        gmailAuth: googleKey && config.mailFrom ? new DelegatedClients(googleKey, [gmailSendScope]).forUser(bareAddress(config.mailFrom)) : undefined,
      })
    : undefined;
  const store = await openStore({ databaseUrl: config.database.url, sqlitePath: config.database.sqlitePath });
  try {
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
    const dependencies: DeliverReportDependencies | undefined = mailer
      ? {
          store,
          compose,
          mailer,
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
      mailer,
      deliver: (user, isoWeek, signal) => {
        if (!dependencies) throw new Error('no mailer configured');
        return deliverReport(dependencies, user, isoWeek, signal ? { signal } : {});
      },
      close: async () => {
        await mailer?.close();
        await store.close();
      },
    };
  } catch (error) {
    await mailer?.close();
    await store.close();
    throw error;
  }
}

function messageIdDomain(config: ServerConfig): string {
  const from = config.mailFrom ? bareAddress(config.mailFrom) : '';
  return from.includes('@') ? from.slice(from.lastIndexOf('@') + 1) : new URL(config.publicUrl).hostname;
}
