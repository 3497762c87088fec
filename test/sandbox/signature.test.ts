/**
 * The sandbox's signing function against OVH's official test vectors and the official node client.
 */
import ovhClient from '@ovhcloud/node-ovh';

import { SIGNING_VECTORS, VECTOR_TIMESTAMP } from '../fixtures/ovh-signing-vectors';
import { computeSignature, signaturePayload, signaturesEqual, signedHeaders, TEST_VECTOR_KEYS } from '../../sandbox';

const TS = VECTOR_TIMESTAMP;
const VECTORS = SIGNING_VECTORS;

describe('sandbox/signature', () => {
	it.each(VECTORS)('reproduces the official vector %s %s %s', (method, url, body, expected) => {
		expect(
			computeSignature({
				applicationSecret: TEST_VECTOR_KEYS.applicationSecret,
				consumerKey: TEST_VECTOR_KEYS.consumerKey,
				method,
				url,
				body,
				timestamp: TS,
			}),
		).toBe(expected);
	});

	it('accepts the timestamp as a string and a missing body as ""', () => {
		const a = computeSignature({ ...TEST_VECTOR_KEYS, method: 'GET', url: 'https://eu.api.ovh.com/1.0/auth', timestamp: String(TS) });
		expect(a).toBe('$1$e9556054b6309771395efa467c22e627407461ad');
		expect(computeSignature({ ...TEST_VECTOR_KEYS, method: 'get', url: 'https://eu.api.ovh.com/1.0/auth', body: null, timestamp: TS })).toBe(a);
	});

	it('exposes the hashed payload', () => {
		expect(
			signaturePayload({ applicationSecret: 'AS', consumerKey: 'CK', method: 'post', url: 'https://h/1.0/x?a=1', body: '{}', timestamp: 5 }),
		).toBe('AS+CK+POST+https://h/1.0/x?a=1+{}+5');
	});

	it.each(VECTORS)('matches @ovhcloud/node-ovh signRequest for %s %s', (method, url, body) => {
		const client = ovhClient({
			appKey: TEST_VECTOR_KEYS.applicationKey,
			appSecret: TEST_VECTOR_KEYS.applicationSecret,
			consumerKey: TEST_VECTOR_KEYS.consumerKey,
		});
		const theirs = client.signRequest(method, url, body, TS);
		expect(computeSignature({ ...TEST_VECTOR_KEYS, method, url, body, timestamp: TS })).toBe(theirs);
	});

	it('hashes non-ASCII bodies as UTF-8 (the server checks the bytes as sent)', () => {
		const raw = computeSignature({ ...TEST_VECTOR_KEYS, method: 'POST', url: 'https://x/1.0/a', body: '{"n":"é"}', timestamp: TS });
		const escaped = computeSignature({ ...TEST_VECTOR_KEYS, method: 'POST', url: 'https://x/1.0/a', body: '{"n":"\\u00e9"}', timestamp: TS });
		expect(raw).not.toBe(escaped);
		expect(raw).toMatch(/^\$1\$[0-9a-f]{40}$/);
	});

	it('compares signatures exactly', () => {
		expect(signaturesEqual('$1$abc', '$1$abc')).toBe(true);
		expect(signaturesEqual('$1$abc', '$1$abd')).toBe(false);
		expect(signaturesEqual('$1$abc', '$1$ab')).toBe(false);
		expect(signaturesEqual('$1$abc', '$1$ABC')).toBe(false);
	});

	it('builds the signed headers of a call', () => {
		const h = signedHeaders(TEST_VECTOR_KEYS, 'POST', VECTORS[6][1], VECTORS[6][2], TS);
		expect(h).toEqual({
			'X-Ovh-Application': 'TDPKJdwZwAQPwKX2',
			'X-Ovh-Consumer': TEST_VECTOR_KEYS.consumerKey,
			'X-Ovh-Timestamp': '1457018875',
			'X-Ovh-Signature': '$1$f3b3eab8cc5031f9bfa280763e9ace2913d02271',
			'Content-Type': 'application/json',
		});
		expect(signedHeaders(TEST_VECTOR_KEYS, 'GET', VECTORS[0][1], '', TS)['Content-Type']).toBeUndefined();
	});
});
