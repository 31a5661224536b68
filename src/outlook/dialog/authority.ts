/**
 * Which sign-in authority the dialog may send the user to. The dialog takes it from its query
 * string, which anyone can craft: an open choice would let a link send users to a look-alike
 * sign-in page under our add-in's name. Only Entra's own host is allowed, or the authority this
 * server is configured with (ENTRA_AUTHORITY_URL, as its /addin-config.json says).
 */

export const entraAuthorityHost = 'login.microsoftonline.com';
export const defaultAuthority = `https://${entraAuthorityHost}/common`;

export type AuthorityCheck = { authority: string } | { error: string };

/** The authority to use, or a one-line reason to refuse it. Empty means Entra's multi-tenant default. */
export function checkAuthority(requested: string | null | undefined, configuredAuthority?: string): AuthorityCheck {
  if (!requested) return { authority: defaultAuthority };
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    return { error: 'the sign-in authority is not a valid URL' };
  }
  const allowedHosts = new Set([entraAuthorityHost, configuredHostOf(configuredAuthority)].filter(Boolean));
  if (url.protocol !== 'https:' || url.username || url.password || url.port || url.search || url.hash || !allowedHosts.has(url.hostname.toLowerCase())) {
    return { error: `the sign-in authority must be https://${[...allowedHosts].join(' or https://')}/<tenant>; refusing ${url.protocol === 'https:' ? url.hostname : 'a non-https address'}` };
  }
  if (!/^\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*\/?$/.test(url.pathname)) return { error: 'the sign-in authority must name a tenant, such as /common or /<tenant id>' };
  return { authority: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

function configuredHostOf(configuredAuthority: string | undefined): string | undefined {
  if (!configuredAuthority) return undefined;
  try {
    const url = new URL(configuredAuthority);
    return url.protocol === 'https:' && !url.port ? url.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
