import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import {
	buildQueryString,
	computeSignature,
	encodePathSegment,
	normaliseUrl,
	resolveBaseUrl,
	signRequest,
} from '../../nodes/shared/signing';
import { SIGNING_VECTORS, VECTOR_KEYS, VECTOR_TIMESTAMP } from '../fixtures/ovh-signing-vectors';

const { applicationKey: AK, applicationSecret: AS, consumerKey: CK } = VECTOR_KEYS;
const TS = VECTOR_TIMESTAMP;
const vectors = SIGNING_VECTORS;

const credentials: ICredentialDataDecryptedObject = {
	endpoint: 'ovh-eu',
	applicationKey: AK,
	applicationSecret: AS,
	consumerKey: CK,
	timeDelta: '0',
};

describe('computeSignature', () => {
	it.each(vectors)('%s %s %s', (method, url, body, expected) => {
		expect(computeSignature({ applicationSecret: AS, consumerKey: CK, method, url, body, timestamp: TS })).toBe(expected);
	});
});

describe('signRequest (what the credential sends)', () => {
	it.each(vectors)('reproduces the official vector for %s %s', (method, url, body, expected) => {
		const options: IHttpRequestOptions = {
			method: method as IHttpRequestOptions['method'],
			url: url.replace('https://eu.api.ovh.com/1.0', ''),
			body: body ? (JSON.parse(body) as object) : undefined,
		};
		if (url.includes('/v1/')) options.url = url;
		const signed = signRequest(credentials, options, TS * 1000);
		expect(signed.url).toBe(url);
		expect(signed.headers?.['X-Ovh-Signature']).toBe(expected);
		expect(signed.headers?.['X-Ovh-Timestamp']).toBe(String(TS));
		expect(signed.headers?.['X-Ovh-Application']).toBe(AK);
		expect(signed.headers?.['X-Ovh-Consumer']).toBe(CK);
		if (body) {
			expect(signed.body).toBe(body);
			expect(signed.headers?.['Content-Type']).toBe('application/json');
		} else {
			expect(signed.body).toBeUndefined();
			expect(signed.headers?.['Content-Type']).toBeUndefined();
		}
	});

	it('applies the stored clock delta to the timestamp', () => {
		const signed = signRequest({ ...credentials, timeDelta: '-120' }, { method: 'GET', url: '/auth' }, TS * 1000);
		expect(signed.headers?.['X-Ovh-Timestamp']).toBe(String(TS - 120));
	});

	it('builds the query itself, signs it, and removes qs/baseURL/uri', () => {
		const signed = signRequest(
			credentials,
			{
				method: 'GET',
				url: '/me/order',
				baseURL: 'https://ignored.example',
				qs: { 'date.from': '2026-01-01T00:00:00+01:00', includeOptions: false, q: 'a b+c/d:é' },
			},
			TS * 1000,
		);
		expect(signed.url).toBe(
			'https://eu.api.ovh.com/1.0/me/order?date.from=2026-01-01T00%3A00%3A00%2B01%3A00&includeOptions=false&q=a%20b%2Bc%2Fd%3A%C3%A9',
		);
		expect(signed).not.toHaveProperty('qs');
		expect(signed).not.toHaveProperty('baseURL');
		expect(signed.headers?.['X-Ovh-Signature']).toBe(
			computeSignature({ applicationSecret: AS, consumerKey: CK, method: 'GET', url: signed.url, body: '', timestamp: TS }),
		);
	});

	it('is idempotent: re-signing signed options (n8n retries after re-authenticating) changes only the time', () => {
		const first = signRequest(credentials, { method: 'POST', url: '/service/1/renew', qs: { x: 'é' }, body: { duration: 'P1Y', note: 'café' } }, TS * 1000);
		const second = signRequest({ ...credentials, timeDelta: '5' }, first, TS * 1000);
		expect(second.url).toBe(first.url);
		expect(second.body).toBe(first.body);
		expect(second.body).toBe('{"duration":"P1Y","note":"café"}');
		expect(second.headers?.['X-Ovh-Timestamp']).toBe(String(TS + 5));
		expect(Object.keys(second.headers ?? {}).filter((h) => h.toLowerCase() === 'x-ovh-signature')).toHaveLength(1);
	});

	it('sends /auth/time and POST /auth/credential unsigned, everything else signed', () => {
		expect(signRequest(credentials, { method: 'GET', url: '/auth/time' }, TS * 1000).headers).not.toHaveProperty('X-Ovh-Signature');
		expect(signRequest(credentials, { method: 'POST', url: '/auth/credential', body: {} }, TS * 1000).headers).not.toHaveProperty('X-Ovh-Consumer');
		expect(signRequest(credentials, { method: 'GET', url: '/auth/currentCredential' }, TS * 1000).headers).toHaveProperty('X-Ovh-Signature');
	});

	it('accepts the HTTP Request node shape (uri instead of url)', () => {
		const signed = signRequest(credentials, { uri: 'https://eu.api.ovh.com/1.0/auth', method: 'GET' } as unknown as IHttpRequestOptions, TS * 1000);
		expect(signed.url).toBe('https://eu.api.ovh.com/1.0/auth');
		expect(signed).not.toHaveProperty('uri');
		expect(signed.headers?.['X-Ovh-Signature']).toBe('$1$e9556054b6309771395efa467c22e627407461ad');
	});

	it('does not change the caller options', () => {
		const options: IHttpRequestOptions = { method: 'POST', url: '/x', body: { a: 1 }, qs: { b: true }, headers: { Accept: 'application/json' } };
		const copy = JSON.parse(JSON.stringify(options)) as unknown;
		signRequest(credentials, options, TS * 1000);
		expect(options).toEqual(copy);
	});
});

describe('URL helpers', () => {
	it('encodes path segments and queries so a URL parser leaves them alone', () => {
		expect(encodePathSegment('141.94.185.0/28')).toBe('141.94.185.0%2F28');
		expect(buildQueryString({ a: "it's (1)*!", b: [1, 2], c: undefined, d: null })).toBe('a=it%27s%20%281%29%2A%21&b=1&b=2');
		for (const raw of ['https://h/1.0/a b', "https://h/1.0/x'y", 'https://h/1.0/é?q=ü', 'https://h/1.0/%zz', 'https://h/1.0/a|b^c']) {
			const url = normaliseUrl(raw);
			expect(new URL(url).href).toBe(url);
		}
		expect(normaliseUrl('https://h/1.0/141.94.185.0%2F28/serviceInfos')).toBe('https://h/1.0/141.94.185.0%2F28/serviceInfos');
	});

	it('resolves endpoints and validates custom URLs', () => {
		expect(resolveBaseUrl({ endpoint: 'ovh-ca' })).toBe('https://ca.api.ovh.com/1.0');
		expect(resolveBaseUrl({ endpoint: 'custom', customUrl: 'http://127.0.0.1:8787/1.0/' })).toBe('http://127.0.0.1:8787/1.0');
		expect(resolveBaseUrl({ endpoint: 'custom', customUrl: 'http://localhost:1/v1' })).toBe('http://localhost:1/v1');
		expect(() => resolveBaseUrl({ endpoint: 'custom', customUrl: 'http://api.example.com/1.0' })).toThrow(/https/);
		expect(() => resolveBaseUrl({ endpoint: 'custom', customUrl: 'not a url' })).toThrow(/not a valid URL/);
		expect(() => resolveBaseUrl({ endpoint: 'ovh-mars' })).toThrow(/Unknown OVH endpoint/);
	});
});
