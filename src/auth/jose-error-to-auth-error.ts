import { errors } from 'jose';
import { IntegrationError } from '../integration/integration-error.js';
import { AuthError } from './authenticate.js';

/**
 * A jose failure, as what the caller gets: an AuthError (their token is bad) or an
 * IntegrationError (we could not fetch the keys: not their fault, and worth retrying).
 * A token failure drops the jose error on purpose: its `payload` holds the token's claims.
 */
export function joseErrorToAuthError(error: unknown, vendor: string): AuthError | IntegrationError {
  if (error instanceof AuthError) return error;
  if (!(error instanceof errors.JOSEError)) {
    // jose raises only JOSEErrors about a token; anything else came from fetching the JWKS
    // (connection refused, DNS): a TypeError from fetch.
    return keysUnavailable(vendor, error);
  }
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return new AuthError('expired token');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return claimFailure(error as errors.JWTClaimValidationFailed);
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return new AuthError('unknown signing key');
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new AuthError('bad signature');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return new AuthError('unsupported algorithm');
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return new AuthError('malformed token');
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
    case 'ERR_JOSE_GENERIC': // jose's "Expected 200 OK from the JSON Web Key Set HTTP response"
      return keysUnavailable(vendor, error);
    default:
      return new AuthError('invalid token');
  }
}

function claimFailure(error: errors.JWTClaimValidationFailed): AuthError {
  if (error.reason === 'missing') return new AuthError('malformed token');
  switch (error.claim) {
    case 'aud':
      return new AuthError('wrong audience');
    case 'iss':
      return new AuthError('wrong issuer');
    case 'nbf':
    case 'iat':
      return new AuthError('token not yet valid');
    case 'exp':
      return new AuthError('expired token');
    default:
      return new AuthError('invalid token');
  }
}

// The cause is kept here: fetch and JWKS errors describe the key endpoint, never the token.
function keysUnavailable(vendor: string, cause: unknown): IntegrationError {
  return new IntegrationError(`could not fetch the ${vendor} token signing keys`, { vendor, status: 503, isRetryable: true, cause });
}
