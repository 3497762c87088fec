// Pure error handling of nodes/shared/errors.ts: what extractOvhError reads out of axios-like errors (legacy and
// current OVH bodies, HTML from a proxy, Retry-After, network failures), the hints, and the NodeApiError built from them.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import {
	CREATE_TOKEN_HELP,
	asNodeError,
	errorItemJson,
	hintFor,
	toNodeApiError,
	withNote,
} from '../../nodes/shared/errors';
import { extractOvhError } from '../../nodes/shared/ovh-error';
import type { CallContext } from '../../nodes/shared/errors';
import type { OvhErrorInfo } from '../../nodes/shared/ovh-error';

const NODE: INode = { id: 'n1', name: 'Pay Order', type: 'n8n-nodes-ovh-renewal.ovhPayOrder', typeVersion: 1, position: [0, 0], parameters: {} };

/** What axios rejects with on a non-2xx answer (the part extractOvhError reads). */
function axiosError(status: number, data: unknown, headers: Record<string, unknown> = {}) {
	return Object.assign(new Error(`Request failed with status code ${status}`), {
		isAxiosError: true,
		code: 'ERR_BAD_REQUEST',
		response: { status, headers, data },
	});
}

describe('extractOvhError: OVH answers', () => {
	it('reads a legacy body (errorCode + message) and the query ID', () => {
		const info = extractOvhError(
			axiosError(403, { errorCode: 'NOT_GRANTED_CALL', httpCode: '403 Forbidden', message: 'This call has not been granted' }, { 'x-ovh-queryid': 'EU.ext-3.6a1b' }),
		);
		expect(info).toEqual({ status: 403, errorCode: 'NOT_GRANTED_CALL', message: 'This call has not been granted', queryId: 'EU.ext-3.6a1b' });
	});

	it('reads a current body (class + message), headers in any case and AxiosHeaders-style get()', () => {
		const headers = { get: (name: string) => (name === 'x-ovh-queryid' ? 'EU.ext-1.77' : undefined) };
		const info = extractOvhError(axiosError(404, { class: 'Client::NotFound', message: 'Service does not exist' }, headers));
		expect(info).toMatchObject({ status: 404, errorClass: 'Client::NotFound', message: 'Service does not exist', queryId: 'EU.ext-1.77' });
		expect(info.errorCode).toBeUndefined();
		expect(extractOvhError(axiosError(404, {}, { 'X-Ovh-QueryID': ['EU.first', 'EU.second'] })).queryId).toBe('EU.first');
	});

	it('parses a body that arrives as a JSON string or a Buffer', () => {
		const body = JSON.stringify({ class: 'Client::BadRequest', message: 'Invalid duration' });
		expect(extractOvhError(axiosError(400, body))).toMatchObject({ errorClass: 'Client::BadRequest', message: 'Invalid duration' });
		expect(extractOvhError(axiosError(400, Buffer.from(body)))).toMatchObject({ errorClass: 'Client::BadRequest', message: 'Invalid duration' });
	});

	it('finds the response on a wrapped error (cause) and a response with statusCode/body', () => {
		const wrapped = { message: 'The resource you are requesting could not be found', cause: axiosError(404, { message: 'Order 1 not found' }) };
		expect(extractOvhError(wrapped)).toMatchObject({ status: 404, message: 'Order 1 not found' });
		expect(extractOvhError({ response: { statusCode: 409, body: { message: 'Conflict' } } })).toMatchObject({ status: 409, message: 'Conflict' });
	});

	it('falls back to an httpCode on the error when no response is attached', () => {
		expect(extractOvhError({ httpCode: '404', message: 'n8n generic text' })).toEqual({ status: 404, message: 'HTTP 404 without a message', queryId: undefined });
	});

	it('summarises an HTML body from a proxy by its title, or its text without tags', () => {
		const page = '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
		expect(extractOvhError(axiosError(502, page)).message).toBe('502 Bad Gateway');
		expect(extractOvhError(axiosError(503, '<html><body><h1>Service\n  Unavailable</h1>  <p>later</p></body></html>')).message).toBe('Service Unavailable later');
	});

	it('cuts a long text body to 160 characters', () => {
		const message = extractOvhError(axiosError(500, 'x'.repeat(500))).message;
		expect(message).toHaveLength(160);
		expect(message.endsWith('...')).toBe(true);
	});

	it('says when a status came without a message', () => {
		expect(extractOvhError(axiosError(500, '')).message).toBe('HTTP 500 without a message');
		expect(extractOvhError(axiosError(500, undefined)).message).toBe('HTTP 500 without a message');
	});
});

describe('extractOvhError: Retry-After', () => {
	it('reads seconds, never negative', () => {
		expect(extractOvhError(axiosError(429, {}, { 'retry-after': '7' })).retryAfterSeconds).toBe(7);
		expect(extractOvhError(axiosError(429, {}, { 'Retry-After': '-3' })).retryAfterSeconds).toBe(0);
	});

	it('reads an HTTP date relative to now, and 0 for a date in the past', () => {
		const in30s = new Date(Date.now() + 30_000).toUTCString();
		const seconds = extractOvhError(axiosError(429, {}, { 'retry-after': in30s })).retryAfterSeconds;
		expect(seconds).toBeGreaterThanOrEqual(29);
		expect(seconds).toBeLessThanOrEqual(30);
		expect(extractOvhError(axiosError(429, {}, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' })).retryAfterSeconds).toBe(0);
	});

	it('ignores a value that is neither', () => {
		expect(extractOvhError(axiosError(429, {}, { 'retry-after': 'soon' }))).not.toHaveProperty('retryAfterSeconds');
		expect(extractOvhError(axiosError(429, {})).retryAfterSeconds).toBeUndefined();
	});
});

describe('extractOvhError: no answer', () => {
	it('names the network code and says in words what happened (no code in the message)', () => {
		const info = extractOvhError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		expect(info).toMatchObject({ networkCode: 'ECONNRESET', message: 'no response, the connection was closed before an answer arrived' });
		expect(info.status).toBeUndefined();
		expect(info.message).not.toContain('ECONNRESET');
	});

	it('finds the code on a nested cause', () => {
		const info = extractOvhError({ message: 'wrapped', cause: { message: 'connect', code: 'ECONNREFUSED' } });
		expect(info).toMatchObject({ networkCode: 'ECONNREFUSED', message: 'no response, the connection was refused' });
	});

	it('infers the code from the message when there is none', () => {
		expect(extractOvhError(new Error('timeout of 5000ms exceeded')).networkCode).toBe('ETIMEDOUT');
		expect(extractOvhError(new Error('other side closed')).networkCode).toBe('ECONNRESET');
		expect(extractOvhError(new Error('other side closed')).message).toBe('no response, the connection was closed before an answer arrived');
	});

	it('has no network code when a response arrived', () => {
		const error = Object.assign(axiosError(502, { message: 'Bad gateway' }), { code: 'ECONNRESET' });
		expect(extractOvhError(error)).not.toHaveProperty('networkCode');
	});

	it('keeps the message of anything else, and survives non-errors and cycles', () => {
		expect(extractOvhError(new Error('boom')).message).toBe('boom');
		expect(extractOvhError('a string').message).toBe('Unknown failure');
		expect(extractOvhError(undefined).message).toBe('Unknown failure');
		const loop: Record<string, unknown> = { message: 'loop' };
		loop.cause = loop;
		expect(extractOvhError(loop).message).toBe('loop');
	});
});

describe('hintFor', () => {
	const call: CallContext = { method: 'POST', rule: '/service/*/renew', subject: 'service 12345' };
	const info = (over: Partial<OvhErrorInfo>): OvhErrorInfo => ({ message: '', ...over });

	it('names the missing access rule, from the code or from the message alone', () => {
		const expected = `The consumer key lacks the access rule POST /service/*/renew. ${CREATE_TOKEN_HELP}`;
		expect(hintFor(info({ status: 403, errorCode: 'NOT_GRANTED_CALL' }), call)).toBe(expected);
		expect(hintFor(info({ status: 403, errorClass: 'Client::Forbidden', message: 'This call has not been granted' }), call)).toBe(expected);
	});

	it('tells the key problems apart before the generic 403/401 hints', () => {
		expect(hintFor(info({ status: 403, errorCode: 'INVALID_CREDENTIAL' }), call)).toMatch(/^The Consumer Key is invalid/);
		expect(hintFor(info({ status: 403, message: 'This application key is invalid' }), call)).toMatch(/^The Application Key is unknown on this endpoint/);
		expect(hintFor(info({ status: 400, errorCode: 'INVALID_SIGNATURE' }), call)).toMatch(/Application Secret does not belong/);
		expect(hintFor(info({ status: 400, errorCode: 'QUERY_TIME_OUT' }), call)).toMatch(/system clock/);
		expect(hintFor(info({ status: 401 }), call)).toMatch(/^The request reached OVH unsigned/);
		expect(hintFor(info({ status: 403 }), call)).toMatch(/IAM policy/);
	});

	it('names what was not found', () => {
		expect(hintFor(info({ status: 404 }), call)).toBe("OVH does not know service 12345 on this account. Check the ID or name, and that the credential's account owns it.");
		expect(hintFor(info({ status: 404 }), { method: 'GET', rule: '/me/order/*' })).toMatch(/^OVH does not know this object on this account/);
	});

	it('counts attempts on rate limits and outages, in the singular for one', () => {
		expect(hintFor(info({ status: 429 }), { ...call, attempts: 4 })).toContain('consumer key (gave up after 4 attempts). Slow the workflow down');
		expect(hintFor(info({ status: 503 }), { ...call, attempts: 1 })).toBe('OVH is temporarily unavailable (gave up after 1 attempt). Try again later; quote the query ID to OVH support if it persists.');
		expect(hintFor(info({ status: 408 }), call)).toMatch(/^OVH is temporarily unavailable\. /);
	});

	it('covers expired services, network failures, bad parameters, and nothing for the rest', () => {
		expect(hintFor(info({ status: 460 }), call)).toMatch(/^The service has expired at OVH/);
		expect(hintFor(info({ networkCode: 'ETIMEDOUT' }), call)).toMatch(/^No answer reached n8n/);
		expect(hintFor(info({ status: 400 }), call)).toBe('OVH refused the parameters of this call; its message above says which one.');
		expect(hintFor(info({ status: 418 }), call)).toBe('');
		expect(hintFor(info({}), call)).toBe('');
	});
});

describe('toNodeApiError and the error item', () => {
	const call: CallContext = { method: 'POST', rule: '/me/order/*/payWithRegisteredPaymentMean', subject: 'order 240000101' };
	const secretHeaders = { 'X-Ovh-Application': 'app-key-visible-in-request', 'X-Ovh-Consumer': 'consumer-key-in-request', 'X-Ovh-Signature': '$1$abcdef' };

	function failed() {
		const error = axiosError(403, { errorCode: 'NOT_GRANTED_CALL', message: 'This call has not been granted' }, { 'x-ovh-queryid': 'EU.ext-9.q' });
		Object.assign(error, { config: { headers: secretHeaders, url: '/me/order/240000101/payWithRegisteredPaymentMean' } });
		return toNodeApiError(NODE, error, call, 2);
	}

	it("carries OVH's message, the facts line, the hint and the status", () => {
		const apiError = failed();
		expect(apiError).toBeInstanceOf(NodeApiError);
		expect(apiError.message).toBe('OVH: This call has not been granted');
		expect(apiError.httpCode).toBe('403');
		expect(apiError.description).toBe(
			`POST /me/order/*/payWithRegisteredPaymentMean: NOT_GRANTED_CALL · HTTP 403 · X-Ovh-QueryID EU.ext-9.q\nThe consumer key lacks the access rule POST /me/order/*/payWithRegisteredPaymentMean. ${CREATE_TOKEN_HELP}`,
		);
		expect(apiError.context.ovh).toMatchObject({ status: 403, errorCode: 'NOT_GRANTED_CALL', queryId: 'EU.ext-9.q' });
	});

	it('copies nothing from the request', () => {
		const text = JSON.stringify({ ...failed(), message: failed().message, description: failed().description });
		for (const value of Object.values(secretHeaders)) expect(text).not.toContain(value);
	});

	it('a network failure: the code in the facts, not in the message', () => {
		const apiError = toNodeApiError(NODE, Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), call);
		expect(apiError.message).toBe('OVH: no response, the connection was closed before an answer arrived');
		expect(apiError.description?.split('\n')[0]).toBe('POST /me/order/*/payWithRegisteredPaymentMean: ECONNRESET');
		expect(apiError.httpCode).toBeNull();
	});

	it('errorItemJson keeps message, description, status, OVH code and query ID', () => {
		const apiError = failed();
		expect(errorItemJson(apiError)).toEqual({
			error: 'OVH: This call has not been granted',
			description: apiError.description,
			httpCode: '403',
			ovhErrorCode: 'NOT_GRANTED_CALL',
			ovhQueryId: 'EU.ext-9.q',
		});
		expect(errorItemJson(new Error('plain'))).toEqual({ error: 'plain' });
		expect(errorItemJson('text')).toEqual({ error: 'text' });
	});
});

describe('asNodeError and withNote', () => {
	it('passes n8n errors through and wraps anything else', () => {
		const apiError = toNodeApiError(NODE, axiosError(500, {}), { method: 'GET', rule: '/me' });
		expect(asNodeError(NODE, apiError)).toBe(apiError);
		const wrapped = asNodeError(NODE, new Error('disk full'), 1);
		expect(wrapped).toBeInstanceOf(NodeOperationError);
		expect(wrapped.message).toBe('disk full');
	});

	it('appends a sentence to the description, or starts one', () => {
		const error = Object.assign(new Error('failed'), { description: 'first' });
		expect(withNote(error, 'second')).toBe(error);
		expect((error as { description?: string }).description).toBe('first\nsecond');
		const fromText = withNote('bare text', 'note') as Error & { description?: string };
		expect(fromText).toBeInstanceOf(Error);
		expect(fromText.message).toBe('bare text');
		expect(fromText.description).toBe('note');
	});
});
