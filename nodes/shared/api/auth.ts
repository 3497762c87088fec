import { OVH_ROUTES, ovhRoute } from './catalogue';

/**
 * The /auth routes are called by the credential (nodes/../credentials/OvhApi.credentials.ts), through n8n's
 * declarative hooks: `preAuthentication` reads the clock with a plain request, and the Test button sends `test.request`.
 * They get their paths from here; the transport's clock re-sync reads the catalogue entry itself.
 */

/** `GET /auth/time` (unauthenticated): OVH's clock, for a full API base URL such as `https://eu.api.ovh.com/1.0`. */
export function authTimeUrl(baseUrl: string): string {
	return `${baseUrl}${ovhRoute('authTime').path}`;
}

/** `GET /auth/currentCredential`: the credential test request, which checks all three keys. */
export const CREDENTIAL_TEST_ROUTE = ovhRoute('authCurrentCredential');

/** `GET /auth/details`: the service-account credential test (a token accepted by the API) and the account's nichandle. */
export const SERVICE_ACCOUNT_TEST_ROUTE = ovhRoute('authDetails');

/**
 * The calls OVH serves without a signature: the catalogue's unauthenticated routes, and `POST /auth/credential` (the
 * createToken flow), which the nodes never call but a user may send through the HTTP Request node. Everything else
 * is signed.
 */
export const UNSIGNED_CALLS: ReadonlyArray<{ method: string; path: string }> = [
	...OVH_ROUTES.filter((route) => route.auth === 'none').map(({ method, path }) => ({ method, path })),
	{ method: 'POST', path: '/auth/credential' },
];
