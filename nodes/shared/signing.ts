import { createHash } from 'crypto';

import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { UNSIGNED_CALLS } from './api/auth';

/**
 * Everything about turning request options into the exact bytes OVH signs and receives.
 * Pure functions: the credential's `authenticate` and the tests share them.
 */

export const OVH_ENDPOINTS: Record<string, string> = {
	'ovh-eu': 'https://eu.api.ovh.com/1.0',
	'ovh-ca': 'https://ca.api.ovh.com/1.0',
	'ovh-us': 'https://api.us.ovhcloud.com/1.0',
	'kimsufi-eu': 'https://eu.api.kimsufi.com/1.0',
	'kimsufi-ca': 'https://ca.api.kimsufi.com/1.0',
	'soyoustart-eu': 'https://eu.api.soyoustart.com/1.0',
	'soyoustart-ca': 'https://ca.api.soyoustart.com/1.0',
};

/** Where consumer keys are created, per endpoint (the createToken page of the same platform). */
export const OVH_CREATE_TOKEN_PAGES: Record<string, string> = {
	'ovh-eu': 'https://eu.api.ovh.com/createToken/',
	'ovh-ca': 'https://ca.api.ovh.com/createToken/',
	'ovh-us': 'https://api.us.ovhcloud.com/createToken/',
	'kimsufi-eu': 'https://eu.api.kimsufi.com/createToken/',
	'kimsufi-ca': 'https://ca.api.kimsufi.com/createToken/',
	'soyoustart-eu': 'https://eu.api.soyoustart.com/createToken/',
	'soyoustart-ca': 'https://ca.api.soyoustart.com/createToken/',
};


const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export class OvhConfigurationError extends Error {}

/** Raised instead of signing a write a second time (see `checkResend`). */
export class OvhWriteResendError extends Error {}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A clock difference OVH's tolerance surely does not accept. OVH does not document its window; it is "well under 8
 * minutes" (shared reference §3; the sandbox uses 180 s). A timestamp this far from OVH's clock was refused with
 * QUERY_TIME_OUT before anything was executed.
 */
export const SURELY_OUT_OF_TIME_SECONDS = 480;

/** What `signRequest` remembers on the options it returns: when and with which timestamp it signed them. */
interface SignedMark {
	timestamp: number;
	localSeconds: number;
}

/** Non-enumerable, keyed by a private symbol: never sent, never copied by a spread, invisible to n8n and users. */
const SIGNED = Symbol('ovhSigned');

function signedMark(options: IHttpRequestOptions): SignedMark | undefined {
	return (options as unknown as Record<symbol, SignedMark | undefined>)[SIGNED];
}

/**
 * n8n's legacy request path (the HTTP Request node with the `ovhApi` credential) re-sends a failed request once,
 * after re-reading OVH's clock, whatever the error: it calls `authenticate` again with the options we returned. For
 * a write that second signature is refused, because the first attempt may have taken effect (a 502 or a lost answer
 * after OVH created an order), unless the clock proves OVH refused the first one: its timestamp was
 * SURELY_OUT_OF_TIME_SECONDS or more away from OVH's clock as just re-read (a QUERY_TIME_OUT). Our own nodes build
 * fresh options for each call they decide to send, so they are never refused.
 */
export function checkResend(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): void {
	const method = String(options.method ?? 'GET').toUpperCase();
	if (!WRITE_METHODS.has(method)) return;
	const mark = signedMark(options);
	const alreadySigned = mark !== undefined || hasHeader(options.headers ?? {}, 'X-Ovh-Signature') !== undefined;
	if (!alreadySigned) return;
	if (mark) {
		const ovhTimeThen = mark.localSeconds + parseTimeDelta(credentials.timeDelta);
		if (Math.abs(mark.timestamp - ovhTimeThen) >= SURELY_OUT_OF_TIME_SECONDS) return;
	}
	throw new OvhWriteResendError(
		`Not sending this ${method} to OVH a second time: n8n re-sends a failed request once, but the first attempt may already have taken effect (an order created, a payment made). Check the OVH control panel (orders, services) before running it again. If OVH answered "Query out of time", its clock has now been re-read and running it again is safe. To see OVH's own answer to a write, turn on the HTTP Request node's option Response → Never Error.`,
	);
}

function parseUrl(raw: string): URL | undefined {
	try {
		return new URL(raw);
	} catch {
		return undefined;
	}
}

/** The API base URL (no trailing slash) for the credential's endpoint, or a readable reason why there is none. */
export function resolveBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const endpoint = String(credentials.endpoint ?? 'ovh-eu');
	if (endpoint !== 'custom') {
		const base = OVH_ENDPOINTS[endpoint];
		if (!base) {
			throw new OvhConfigurationError(
				`Unknown OVH endpoint "${endpoint}". Pick one of ${Object.keys(OVH_ENDPOINTS).join(', ')} or "custom" in the credential.`,
			);
		}
		return base;
	}
	return checkedUrl(String(credentials.customUrl ?? ''), 'Custom URL', 'https://eu.api.ovh.com/1.0 or http://127.0.0.1:8787/1.0 for the sandbox');
}

/**
 * A URL typed into a credential field (`field`, e.g. "Custom URL"), without trailing slash: https only (plain http
 * for 127.0.0.1 / localhost, e.g. the sandbox), no query or fragment; otherwise a readable reason.
 */
export function checkedUrl(value: string, field: string, example: string): string {
	const raw = value.trim();
	const url = parseUrl(raw);
	if (!url) {
		throw new OvhConfigurationError(
			`The credential's ${field} "${raw}" is not a valid URL. Use the full address, e.g. ${example}.`,
		);
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname))) {
		throw new OvhConfigurationError(
			`The credential's ${field} must use https:// (plain http:// is only accepted for 127.0.0.1 or localhost, e.g. the local sandbox). Got "${raw}".`,
		);
	}
	if (url.search || url.hash) {
		throw new OvhConfigurationError(`The credential's ${field} must not contain a query or fragment. Got "${raw}".`);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** RFC 3986 strict encoding: what stays literal here also stays literal through Node's URL parser. */
export function encodeRfc3986(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** Percent-encodes one path segment (a service name such as `141.94.185.0/28` becomes `141.94.185.0%2F28`). */
export function encodePathSegment(value: string | number): string {
	return encodeRfc3986(String(value));
}

function queryValue(value: unknown): string {
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'object' && value !== null) return JSON.stringify(value);
	return String(value);
}

/** Serialises `qs` once, in insertion order: booleans lowercase, arrays as repeated keys, undefined/null skipped. */
export function buildQueryString(qs: IDataObject | undefined): string {
	if (!qs) return '';
	const parts: string[] = [];
	for (const [key, value] of Object.entries(qs)) {
		if (value === undefined || value === null) continue;
		const values = Array.isArray(value) ? value : [value];
		for (const v of values) {
			if (v === undefined || v === null) continue;
			parts.push(`${encodeRfc3986(key)}=${encodeRfc3986(queryValue(v))}`);
		}
	}
	return parts.join('&');
}

/**
 * Makes a URL's path and query safe to sign: characters a URL parser would percent-encode on the way out
 * (spaces, non-ASCII, quotes…) are encoded now, existing %XX escapes are kept, so what we sign is what is sent.
 */
export function normaliseUrl(url: string): string {
	return url.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=%]/gu, (c) =>
		c === "'" ? '%27' : encodeURIComponent(c),
	);
}

export interface SignInput {
	applicationSecret: string;
	consumerKey: string;
	method: string;
	url: string;
	body: string;
	timestamp: number;
}

/** `$1$` + SHA-1 of AS+CK+METHOD+URL+BODY+TIMESTAMP joined by `+`, exactly as every official OVH client computes it. */
export function computeSignature(input: SignInput): string {
	const payload = [
		input.applicationSecret,
		input.consumerKey,
		input.method.toUpperCase(),
		input.url,
		input.body,
		String(input.timestamp),
	].join('+');
	return `$1$${createHash('sha1').update(payload, 'utf8').digest('hex')}`;
}

/** Seconds to add to the local clock to get OVH's, from the credential's stored `timeDelta` (0 when unknown). */
export function parseTimeDelta(value: unknown): number {
	const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
	return Number.isFinite(n) ? n : 0;
}

function isUnsigned(method: string, absoluteUrl: string, baseUrl: string): boolean {
	if (!absoluteUrl.startsWith(baseUrl)) return false;
	const path = absoluteUrl.slice(baseUrl.length).split('?')[0];
	return UNSIGNED_CALLS.some((call) => call.method === method && call.path === path);
}

function hasHeader(headers: IDataObject, name: string): string | undefined {
	return Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
}

/** A request as OVH receives it: absolute URL with the query built once, the body as the exact JSON string sent. */
export interface PreparedRequest {
	baseUrl: string;
	method: string;
	url: string;
	/** '' when the request has no body. */
	body: string;
	/** The caller's headers minus `drop`, with Content-Type set to JSON when there is a body. */
	headers: IDataObject;
}

/**
 * Turns n8n request options (relative or absolute `url`, optional `qs`, object or string `body`) into the exact request
 * OVH receives. Shared by both credentials: application keys sign this URL and body, service accounts send them with a
 * Bearer token. `drop` names authentication headers to remove (the retry after re-authenticating passes them back).
 */
export function prepareRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	drop: readonly string[],
): PreparedRequest {
	const baseUrl = resolveBaseUrl(credentials);
	const legacy = requestOptions as IHttpRequestOptions & { uri?: string };
	const method = String(requestOptions.method ?? 'GET').toUpperCase();

	let url = String(legacy.url ?? legacy.uri ?? '');
	if (!/^https?:\/\//i.test(url)) {
		url = `${baseUrl}${url.startsWith('/') ? '' : '/'}${url}`;
	}
	const query = buildQueryString(requestOptions.qs);
	if (query) url += `${url.includes('?') ? '&' : '?'}${query}`;
	url = normaliseUrl(url);

	const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
	for (const name of drop) {
		const existing = hasHeader(headers, name);
		if (existing) delete headers[existing];
	}

	let body = '';
	const rawBody = requestOptions.body;
	if (typeof rawBody === 'string') {
		body = rawBody;
	} else if (rawBody !== undefined && rawBody !== null && method !== 'GET' && method !== 'DELETE') {
		body = JSON.stringify(rawBody);
	}
	if (body !== '') {
		const contentType = hasHeader(headers, 'Content-Type');
		if (contentType) delete headers[contentType];
		headers['Content-Type'] = 'application/json';
	}
	return { baseUrl, method, url, body, headers };
}

/** The n8n request options for a prepared request: no `qs`/`baseURL`/`uri` left for n8n to re-encode. */
export function toRequestOptions(requestOptions: IHttpRequestOptions, prepared: PreparedRequest): IHttpRequestOptions {
	const out: IHttpRequestOptions & { uri?: string } = {
		...requestOptions,
		method: prepared.method as IHttpRequestOptions['method'],
		url: prepared.url,
		headers: prepared.headers,
	};
	delete out.qs;
	delete out.baseURL;
	delete out.uri;
	if (prepared.body === '') delete out.body;
	else out.body = prepared.body;
	return out;
}

const SIGNATURE_HEADERS = ['X-Ovh-Application', 'X-Ovh-Consumer', 'X-Ovh-Timestamp', 'X-Ovh-Signature'] as const;

/**
 * Turns n8n request options into the exact request OVH expects (prepareRequest) plus the four X-Ovh headers.
 * Idempotent: it may run on already-signed options (whether a write may be re-sent is checkResend's decision, taken
 * by the credential before signing). The options returned carry a hidden mark for checkResend.
 */
export function signRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	nowMs: number,
): IHttpRequestOptions {
	const prepared = prepareRequest(credentials, requestOptions, SIGNATURE_HEADERS);
	const { baseUrl, method, url, body, headers } = prepared;

	headers['X-Ovh-Application'] = String(credentials.applicationKey ?? '').trim();
	let mark: SignedMark | undefined;
	if (!isUnsigned(method, url, baseUrl)) {
		const localSeconds = Math.floor(nowMs / 1000);
		const timestamp = localSeconds + parseTimeDelta(credentials.timeDelta);
		mark = { timestamp, localSeconds };
		const consumerKey = String(credentials.consumerKey ?? '').trim();
		headers['X-Ovh-Consumer'] = consumerKey;
		headers['X-Ovh-Timestamp'] = String(timestamp);
		headers['X-Ovh-Signature'] = computeSignature({
			applicationSecret: String(credentials.applicationSecret ?? '').trim(),
			consumerKey,
			method,
			url,
			body,
			timestamp,
		});
	}
	const signed = toRequestOptions(requestOptions, prepared);
	if (mark) Object.defineProperty(signed, SIGNED, { value: mark, enumerable: false });
	return signed;
}
