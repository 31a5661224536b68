import { checkAuthority, defaultAuthority } from '../../src/outlook/dialog/authority.js';

/** The sign-in dialog's authority comes from its query string: only Entra's host, or the one this server is configured with. */

describe('checkAuthority', () => {
  it('takes Entra authorities, and Entra’s multi-tenant default when none is given', () => {
    expect(checkAuthority(undefined)).toEqual({ authority: defaultAuthority });
    expect(checkAuthority('')).toEqual({ authority: defaultAuthority });
    expect(checkAuthority('https://login.microsoftonline.com/0b5e4a6c-1d2f-4e3a-9b8c-7d6e5f4a3b2c')).toEqual({ authority: 'https://login.microsoftonline.com/0b5e4a6c-1d2f-4e3a-9b8c-7d6e5f4a3b2c' });
    expect(checkAuthority('https://LOGIN.microsoftonline.com/contoso.onmicrosoft.com/')).toEqual({ authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com' });
  });

  it('refuses any other host, with a clear one-line reason', () => {
    const refused = checkAuthority('https://login.micr0softonline.example/common');
    expect(refused).toEqual({ error: expect.stringContaining('must be https://login.microsoftonline.com/<tenant>') });
    expect((refused as { error: string }).error).toContain('login.micr0softonline.example');
    expect(checkAuthority('https://login.microsoftonline.com.evil.example/common')).toHaveProperty('error');
    expect(checkAuthority('https://evil.example/login.microsoftonline.com/common')).toHaveProperty('error');
  });

  it('refuses tricks on the right host: http, a port, credentials, a query, no tenant, not a URL', () => {
    for (const value of [
      'http://login.microsoftonline.com/common',
      'https://login.microsoftonline.com:8443/common',
      'https://user@login.microsoftonline.com/common',
      'https://login.microsoftonline.com/common?x=1',
      'https://login.microsoftonline.com/',
      'javascript:alert(1)',
      'login.microsoftonline.com/common',
    ]) {
      expect([value, checkAuthority(value)]).toEqual([value, { error: expect.any(String) }]);
    }
  });

  it('takes the server’s configured authority host, and only an https one', () => {
    expect(checkAuthority('https://login.partner.microsoftonline.cn/tenant-1', 'https://login.partner.microsoftonline.cn/tenant-1')).toEqual({ authority: 'https://login.partner.microsoftonline.cn/tenant-1' });
    expect(checkAuthority('https://login.partner.microsoftonline.cn/tenant-1')).toHaveProperty('error');
    expect(checkAuthority('https://login.partner.microsoftonline.cn/tenant-1', 'http://login.partner.microsoftonline.cn/tenant-1')).toHaveProperty('error');
    // Entra's own host stays allowed when another is configured.
    expect(checkAuthority('https://login.microsoftonline.com/common', 'https://login.partner.microsoftonline.cn/t')).toEqual({ authority: 'https://login.microsoftonline.com/common' });
  });
});
