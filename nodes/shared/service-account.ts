import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { OvhConfigurationError, OvhWriteResendError, checkedUrl, prepareRequest, toRequestOptions } from './signing';

/**
 * OVHcloud service accounts (OAuth2 client credentials): where each region issues tokens, how a token is fetched and
 * how a request carries it. Pure functions plus one request, shared by the `ovhOAuth2Api` credential and the tests.
 * Kimsufi and So you Start have no OAuth2: they are not offered.
 */

export const OAUTH2_TOKEN_URLS: Record<string, string> = {
	'ovh-eu': 'https://www.ovh.com/auth/oauth2/token',
	'ovh-ca': 'https://ca.ovh.com/auth/oauth2/token',
	'ovh-us': 'https://us.ovhcloud.com/auth/oauth2/token',
};

/** The region part of IAM URNs (`urn:v1:<region>:resource:…`); a custom endpoint (the sandbox) acts as EU. */
const IAM_REGIONS: Record<string, string> = { 'ovh-eu': 'eu', 'ovh-ca': 'ca', 'ovh-us': 'us', custom: 'eu' };

/** Headers of the other way to authenticate, removed before a Bearer token is set (and vice versa). */
const AUTH_HEADERS = ['Authorization', 'X-Ovh-Application', 'X-Ovh-Consumer', 'X-Ovh-Timestamp', 'X-Ovh-Signature'];

export function tokenUrl(credentials: ICredentialDataDecryptedObject): string {
	const endpoint = String(credentials.endpoint ?? 'ovh-eu');
	if (endpoint === 'custom') {
		return checkedUrl(String(credentials.customTokenUrl ?? ''), 'Custom Token URL', 'http://127.0.0.1:8787/auth/oauth2/token');
	}
	const url = OAUTH2_TOKEN_URLS[endpoint];
	if (!url) {
		throw new OvhConfigurationError(
			`OVH service accounts exist on ${Object.keys(OAUTH2_TOKEN_URLS).join(', ')} (or a custom URL), not on "${endpoint}".`,
		);
	}
	return url;
}

export function iamRegion(credentials: ICredentialDataDecryptedObject): string {
	return IAM_REGIONS[String(credentials.endpoint ?? 'ovh-eu')] ?? 'eu';
}

/** OVH's API v2 base for a /1.0 (or /v1) base: `https://eu.api.ovh.com/1.0` → `https://eu.api.ovh.com/v2`. */
export function apiV2Base(baseUrl: string): string {
	if (!/\/(1\.0|v1)$/.test(baseUrl)) {
		throw new OvhConfigurationError(`The API base URL must end with /1.0 or /v1 to reach OVH's API v2. Got "${baseUrl}".`);
	}
	return baseUrl.replace(/\/(1\.0|v1)$/, '/v2');
}

/** Non-enumerable mark on the options of a write already given a token (never sent, never copied by a spread). */
const AUTHENTICATED_WRITE = Symbol('ovhBearerWrite');
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The request with `Authorization: Bearer <token>` and no X-Ovh headers; same URL and body rules as signing.
 * A write is authenticated once: n8n's legacy request path (the HTTP Request node) re-sends any failed request after
 * re-authenticating, and the first attempt may have taken effect (a 502 after OVH created an order). Our own nodes
 * build fresh options for each call they decide to send (after a 401, OVH executed nothing), so they are never refused.
 */
export function bearerRequest(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	const method = String(requestOptions.method ?? 'GET').toUpperCase();
	const write = WRITE_METHODS.has(method);
	if (write && (requestOptions as unknown as Record<symbol, unknown>)[AUTHENTICATED_WRITE] === true) {
		throw new OvhWriteResendError(
			`Not sending this ${method} to OVH a second time: n8n re-sends a failed request once, but the first attempt may already have taken effect (an order created, a payment made). Check the OVH control panel (orders, services) before running it again. If OVH answered 401 (an expired token), nothing was executed: a new token has been fetched and running it again is safe.`,
		);
	}
	const prepared = prepareRequest(credentials, requestOptions, AUTH_HEADERS);
	prepared.headers.Authorization = `Bearer ${String(credentials.accessToken ?? '')}`;
	const out = toRequestOptions(requestOptions, prepared);
	if (write) Object.defineProperty(out, AUTHENTICATED_WRITE, { value: true, enumerable: false });
	return out;
}

/** What went wrong at the token endpoint, in words that say whose fault it is. Never contains the secret. */
export function tokenRefusal(status: number, body: unknown, url: string): string {
	const fields = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const code = typeof fields.error === 'string' ? fields.error : '';
	const said = [code, typeof fields.error_description === 'string' ? fields.error_description : '']
		.filter(Boolean)
		.join(': ');
	const answer = `the token endpoint answered HTTP ${status}${said ? ` (${said})` : ''}`;
	if (status === 400 || status === 401 || status === 403) {
		return `OVH refused the service account's Client ID or Client Secret: ${answer}. Check both in the credential (a pasted space, a secret of another service account, or a service account created in another region).`;
	}
	if (status === 404) return `No OVH token endpoint answers at ${url}: ${answer}. Check Region (or Custom Token URL).`;
	if (status >= 500) return `OVH's token endpoint is temporarily unavailable: ${answer}. Try again later.`;
	return `OVH's token endpoint did not issue a token: ${answer}.`;
}

/**
 * The token endpoint refused or could not be reached. Deliberately not shaped like an HTTP error of the API (no
 * `response`, no `code`): n8n would take a 401 here for an expired API token, and its credential test would answer
 * with the API's rule instead of this message. The transport turns it into an answer (see tokenFailureAnswer).
 */
export class ServiceAccountTokenError extends Error {
	constructor(
		message: string,
		/** HTTP status of the token endpoint; undefined when it could not be reached. */
		readonly endpointStatus?: number,
		/** The network error, when the endpoint could not be reached. */
		readonly networkError?: unknown,
	) {
		super(message);
	}
}

function tokenError(message: string, status?: number, cause?: unknown): Error {
	return new ServiceAccountTokenError(message, status, cause);
}

/**
 * A token failure found in an error n8n threw (it wraps what preAuthentication threw), as the HTTP answer the rest of
 * the package reads: the endpoint's status and the message (a refusal: nothing executed), or the network error.
 */
export function tokenFailureAnswer(error: unknown): unknown {
	let current: unknown = error;
	for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
		if (current instanceof ServiceAccountTokenError) {
			if (current.endpointStatus === undefined) return { message: current.message, cause: current.networkError };
			return { message: current.message, response: { status: current.endpointStatus, data: { message: current.message } } };
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * The client-credentials grant (`grant_type=client_credentials`, scope `all`, client ID and secret in HTTP Basic):
 * returns the access token, or throws an Error whose message says whether the ID/secret or the endpoint refused.
 */
export async function fetchAccessToken(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const url = tokenUrl(credentials);
	const clientId = String(credentials.clientId ?? '').trim();
	const clientSecret = String(credentials.clientSecret ?? '').trim();
	if (!clientId || !clientSecret) throw tokenError('Fill in the Client ID and the Client Secret of the OVH service account (no token endpoint was called)', 400);
	let response: { statusCode?: number; body?: unknown };
	try {
		response = (await helper.helpers.httpRequest({
			method: 'POST',
			url,
			body: 'grant_type=client_credentials&scope=all',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
				Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')}`,
			},
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode?: number; body?: unknown };
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		throw tokenError(
			`OVH's token endpoint ${url} could not be reached${typeof code === 'string' ? ` (${code})` : ''}. Check Region (or Custom Token URL) and the network of the n8n host.`,
			undefined,
			error,
		);
	}
	let body = response.body;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body) as unknown;
		} catch {
			// not JSON: reported by status below
		}
	}
	const status = Number(response.statusCode ?? 0);
	const token = (body as IDataObject | undefined)?.access_token;
	if (status >= 200 && status < 300 && typeof token === 'string' && token !== '') return token;
	throw tokenError(tokenRefusal(status, body, url), status || undefined);
}
