import type { ServerConfig } from '../config.js';
import { ConfigError } from '../config.js';
import type { GmailMailerOptions } from './gmail/gmail-mailer.js';
import type { GraphTokenProvider } from './graph/graph-mailer.js';
import { mailerNames, type Mailer } from './mailer.js';

/**
 * The configured mailer (`MAILER`, or SMTP when only SMTP_URL is set). Credentials for Graph and
 * Gmail come in ready-made (the app-only token provider, the delegated Google client), so this
 * file stays free of auth code; a missing setting names the variable to set.
 */
export interface MailerCredentials {
  graphToken?: GraphTokenProvider;
  gmailAuth?: GmailMailerOptions['auth'];
}

export async function createMailer(config: ServerConfig, credentials: MailerCredentials = {}): Promise<Mailer> {
  switch (config.mailer) {
    case 'smtp': {
      if (!config.smtp) throw new ConfigError(['SMTP_URL and MAIL_FROM: required to send report e-mail through SMTP']);
      const { SmtpMailer } = await import('./smtp/smtp-mailer.js');
      return new SmtpMailer({ smtpUrl: config.smtp.url, from: config.smtp.from });
    }
    case 'graph': {
      if (!credentials.graphToken || !config.mailFrom) throw new ConfigError(['ENTRA_TENANT_ID, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET and MAIL_FROM: required with MAILER=graph']);
      const { GraphMailer } = await import('./graph/graph-mailer.js');
      return new GraphMailer({ baseUrl: config.graphBaseUrl, sender: bareAddress(config.mailFrom), getAccessToken: credentials.graphToken });
    }
    case 'gmail': {
      if (!credentials.gmailAuth || !config.mailFrom) throw new ConfigError(['GOOGLE_SERVICE_ACCOUNT_EMAIL, GOOGLE_SERVICE_ACCOUNT_KEY_FILE and MAIL_FROM: required with MAILER=gmail']);
      const { GmailMailer } = await import('./gmail/gmail-mailer.js');
      return new GmailMailer({ rootUrl: config.googleApiRootUrl, sender: config.mailFrom, auth: credentials.gmailAuth });
    }
    case undefined:
      throw new ConfigError([`SMTP_URL and MAIL_FROM (or MAILER=${mailerNames.filter((name) => name !== 'smtp').join('|')}): no way to send e-mail is configured`]);
  }
}

/** "Invite Challenger <challenger@example.com>" -> challenger@example.com (Graph wants the mailbox). */
export function bareAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from.trim();
}
