import { sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { ovhRoute, routeIamAction, routePath, routeRule } from './api/catalogue';
import type { OvhRoute, RouteParams } from './api/catalogue';
import { toNodeApiError } from './errors';
import type { CallContext } from './errors';
import { extractOvhError } from './ovh-error';
import type { OvhErrorInfo } from './ovh-error';
import { apiV2Base, tokenFailureAnswer } from './service-account';
import { encodePathSegment, resolveBaseUrl } from './signing';
import { MAX_RATE_LIMIT_WAIT_MS, governorFor } from './governor';
import type { Governor } from './governor';

/**
 * The one way this package talks to OVH: n8n's `httpRequestWithAuthentication` with the `ovhApi` credential (or
 * `ovhOAuth2Api`, as the node's Authentication parameter says), so
 * proxies, cancellation and n8n's re-authentication work as users expect.
 *
 * Calls go through `callRoute` with an entry of the route catalogue (nodes/shared/api/catalogue.ts), which gives
 * the path, the access rule named in hints and whether the call is a read or a write.
 *
 * Safety rules:
 * - Reads (GETs) are idempotent: 429, 408, 5xx and dropped connections are retried a bounded number of times with backoff,
 *   honouring Retry-After. Only a QUERY_TIME_OUT (400) makes n8n re-read OVH's clock and the call be sent once more.
 * - Writes (POST/PUT/DELETE) are never re-sent after a 5xx, a timeout or a dropped connection: the first one may have taken
 *   effect. The only re-send is after OVH answered QUERY_TIME_OUT, which proves the call was rejected unexecuted.
 * - Every call waits for its slot in the credential's request governor (governor.ts): the Max Requests Per Second of
 *   the credential, shared by every node using it in this process. A 429 pauses the whole credential for its
 *   Retry-After (or a backoff); a read is retried while those waits stay within MAX_RATE_LIMIT_WAIT_MS in total (each
 *   at most `maxDelayMs`); a 429 asking for no wait counts as an ordinary attempt.
 */

export type OvhContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const CREDENTIAL_NAME = 'ovhApi';
/** The service-account credential, chosen with the nodes' `Authentication` parameter (see descriptions.ts). */
export const SERVICE_ACCOUNT_CREDENTIAL_NAME = 'ovhOAuth2Api';

/** The credential the node's `Authentication` parameter selects (application keys when the parameter is absent). */
export function credentialName(ctx: OvhContext): string {
	const choice =
		'getInputData' in ctx
			? ctx.getNodeParameter('authentication', 0, 'applicationKey')
			: ctx.getNodeParameter('authentication', 'applicationKey');
	return choice === 'serviceAccount' ? SERVICE_ACCOUNT_CREDENTIAL_NAME : CREDENTIAL_NAME;
}

export interface OvhCall extends CallContext {
	method: IHttpRequestMethods;
	/** Path relative to the API base, already percent-encoded where needed, e.g. `/service/12345/renew`. */
	path: string;
	/** From the catalogue; without it, a GET is a read and anything else a write. */
	kind?: OvhRoute['kind'];
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** Extra headers, e.g. `X-Ovh-Batch` (batch.ts). */
	headers?: Record<string, string>;
}

export interface RetryPolicy {
	/** Attempts in total for a GET (first try included). */
	maxAttempts: number;
	/** First backoff in ms, doubled each time. */
	baseDelayMs: number;
	/** A Retry-After longer than this is not waited for: the call fails with OVH's answer. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

function isRetryable(info: OvhErrorInfo): boolean {
	if (info.status === undefined) return info.networkCode !== undefined && info.networkCode !== 'ECONNREFUSED';
	return info.status === 429 || info.status === 408 || info.status >= 500;
}

function isQueryTimeOut(info: OvhErrorInfo): boolean {
	return info.errorCode === 'QUERY_TIME_OUT' || /query out of time/i.test(info.message);
}

async function send(this: OvhContext, call: OvhCall, retryStatusCodes: number[]): Promise<unknown> {
	const credential = credentialName(this);
	// A service account's token expires: on a GET's 401, n8n fetches a new token and re-sends once. n8n never re-sends
	// a POST (the credential refuses to authenticate one twice): see refreshToken.
	const reauthCodes =
		credential === SERVICE_ACCOUNT_CREDENTIAL_NAME && call.method === 'GET' ? [...retryStatusCodes, 401] : retryStatusCodes;
	const options: IHttpRequestOptions = {
		method: call.method,
		url: call.path,
		qs: call.qs,
		body: call.body,
		json: true,
		headers: { Accept: 'application/json', ...call.headers },
	};
	try {
		return await this.helpers.httpRequestWithAuthentication.call(this, credential, options, {
			preAuthenticationRetryStatusCode: reauthCodes,
		});
	} catch (error) {
		// A service account's token endpoint refused: report its answer (nothing reached the API).
		throw tokenFailureAnswer(error) ?? error;
	}
}

/** Makes n8n re-read OVH's clock: a signed GET whose QUERY_TIME_OUT (400) triggers preAuthentication and one resend. */
async function resyncClock(this: OvhContext): Promise<void> {
	try {
		const route = ovhRoute('authCurrentCredential');
		await send.call(this, { method: route.method, path: route.path, rule: route.rule }, [400]);
	} catch {
		// A narrow consumer key may not be allowed to read /auth/currentCredential; the clock was re-read anyway.
	}
}

/** A service account's call refused with 401: its token expired (OVH answers so before executing anything). */
function expiredToken(ctx: OvhContext, info: OvhErrorInfo): boolean {
	return info.status === 401 && credentialName(ctx) === SERVICE_ACCOUNT_CREDENTIAL_NAME && !/token endpoint/.test(info.message);
}

/**
 * Makes n8n fetch a new service-account token: a read whose 401 (expired token) triggers preAuthentication and one
 * resend. A 401 is OVH refusing the token before executing anything, so the write that met it may be sent again.
 */
async function refreshToken(this: OvhContext): Promise<void> {
	try {
		const route = ovhRoute('authDetails');
		await send.call(this, { method: route.method, path: route.path, rule: route.rule, kind: route.kind }, []);
	} catch {
		// The write's own resend reports what is wrong (a refused secret, another region).
	}
}

const governors = new WeakMap<object, Promise<Governor>>();

/** The governor of the context's OVH credential (read once per node execution). */
async function governorOf(context: OvhContext): Promise<Governor> {
	let governor = governors.get(context);
	if (!governor) {
		governor = context.getCredentials(credentialName(context)).then(
			(credentials) => governorFor(credentials),
			() => governorFor(undefined),
		);
		governors.set(context, governor);
	}
	return await governor;
}

/** A governed send: waits for the credential's slot first. */
async function governedSend(this: OvhContext, governor: Governor, call: OvhCall, retryStatusCodes: number[]): Promise<unknown> {
	await governor.acquire();
	return await send.call(this, call, retryStatusCodes);
}

export async function ovhRequest<T = unknown>(
	this: OvhContext,
	call: OvhCall,
	retry: RetryPolicy = DEFAULT_RETRY,
): Promise<T> {
	const governor = await governorOf(this);
	if ((call.kind ?? (call.method === 'GET' ? 'read' : 'write')) === 'read') {
		let attempt = 0;
		let counted = 0;
		let limited = 0;
		let rateWaited = 0;
		let resyncClock = false;
		let tokenRefreshed = false;
		for (;;) {
			attempt++;
			try {
				// Only after a time rejection may a 400 make n8n re-read OVH's clock and re-send: any other 400 is OVH's answer.
				return (await governedSend.call(this, governor, call, resyncClock ? [400] : [])) as T;
			} catch (error) {
				const info = extractOvhError(error);
				if (isQueryTimeOut(info) && !resyncClock) {
					resyncClock = true;
					continue;
				}
				// A read sent as a POST (the IAM check): its expired token is renewed as for a write.
				if (expiredToken(this, info) && call.method !== 'GET' && !tokenRefreshed) {
					tokenRefreshed = true;
					await refreshToken.call(this);
					continue;
				}
				if (!isRetryable(info)) throw toNodeApiError(this.getNode(), error, { ...call, attempts: attempt }, call.itemIndex);
				if (info.status === 429) {
					// Rate limited: the governor holds every call of this credential; retry while the waits stay bounded.
					limited++;
					const wait = info.retryAfterSeconds !== undefined
						? info.retryAfterSeconds * 1000
						: Math.min(retry.baseDelayMs * 2 ** Math.min(limited - 1, 6), retry.maxDelayMs);
					if (wait > 0 && wait <= retry.maxDelayMs && rateWaited + wait <= MAX_RATE_LIMIT_WAIT_MS) {
						rateWaited += wait;
						governor.pause(wait);
						continue;
					}
				}
				counted++;
				const backoff = retry.baseDelayMs * 2 ** (counted - 1);
				const wait = info.retryAfterSeconds !== undefined ? info.retryAfterSeconds * 1000 : backoff;
				if (counted >= retry.maxAttempts || wait > retry.maxDelayMs) {
					throw toNodeApiError(this.getNode(), error, { ...call, attempts: attempt }, call.itemIndex);
				}
				await sleep(wait);
			}
		}
	}

	let recover: ((this: OvhContext) => Promise<void>) | undefined;
	try {
		return (await governedSend.call(this, governor, call, [])) as T;
	} catch (error) {
		const info = extractOvhError(error);
		// A refused write is not re-sent, but the other calls of this credential still give OVH its Retry-After.
		if (info.status === 429 && info.retryAfterSeconds !== undefined && info.retryAfterSeconds * 1000 <= retry.maxDelayMs) {
			governor.pause(info.retryAfterSeconds * 1000);
		}
		recover = isQueryTimeOut(info) ? resyncClock : expiredToken(this, info) ? refreshToken : undefined;
		if (!recover) throw toNodeApiError(this.getNode(), error, call, call.itemIndex);
	}
	// OVH rejected the call before executing it (its timestamp, or an expired service-account token): nothing was
	// executed, so re-sync the clock or fetch a new token, and send it once more.
	await recover.call(this);
	try {
		return (await governedSend.call(this, governor, call, [])) as T;
	} catch (error) {
		throw toNodeApiError(this.getNode(), error, call, call.itemIndex);
	}
}

/** One call of a catalogued route: what an API function passes besides the route. */
export interface RouteCall {
	params?: RouteParams;
	qs?: IDataObject;
	body?: IDataObject;
	/** A phrase for 404s, e.g. `service 12345`. */
	subject?: string;
	itemIndex?: number;
}

/** Calls a catalogued route: its path (parameters percent-encoded), access rule and read/write kind come from it. */
export async function callRoute<T = unknown>(this: OvhContext, route: OvhRoute, call: RouteCall = {}): Promise<T> {
	const params = call.params ?? {};
	let path = routePath(route, params, encodePathSegment);
	// API v2 routes (IAM): an absolute URL on the v2 base of the credential's API.
	if (route.base === 'v2') path = `${apiV2Base(resolveBaseUrl(await this.getCredentials(credentialName(this))))}${path}`;
	return (await ovhRequest.call(this, {
		method: route.method,
		kind: route.kind,
		path,
		rule: routeRule(route, params),
		iamAction: routeIamAction(route, params),
		serviceAccount: credentialName(this) === SERVICE_ACCOUNT_CREDENTIAL_NAME,
		qs: call.qs,
		body: call.body,
		subject: call.subject,
		itemIndex: call.itemIndex,
	})) as T;
}
