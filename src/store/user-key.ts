/**
 * Whose data a row is. User ids are only unique inside a tenant (an Entra object id, a Google
 * subject), so every piece of user data is keyed by both, and no store method takes a user id alone.
 */
export interface UserKey {
  tenantId: string;
  userId: string;
}

/** The tenant of users imported from the command line, whose identity provider is not known. */
export const localTenantId = 'local';

/** Fails loudly on a key with a blank part: such a key would lump unrelated users together. */
export function requireUserKey(key: UserKey): UserKey {
  if (typeof key?.tenantId !== 'string' || key.tenantId.trim() === '' || typeof key.userId !== 'string' || key.userId.trim() === '') {
    throw new TypeError('a user key needs a non-empty tenantId and userId');
  }
  return key;
}
