/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only sandbox tests (routes the official client to the sandbox), never shipped */
/**
 * Sandbox authentication over real HTTP: /auth/time, credential flow, signature checks, time window,
 * consumer key states, access rules, error shapes, /v1 alias, and the official node client.
 */
import ovhClient from '@ovhcloud/node-ovh';
import http from 'node:http';
import https from 'node:https';

import {
	DEMO_KEYS,
	OTHER_APP_KEYS,
	SANDBOX_CONSUMER_KEYS,
	TEST_VECTOR_KEYS,
	startSandbox,
} from '../../sandbox';
import type { RunningSandbox } from '../../sandbox';
import { admin, agent, ovh, raw } from './helpers';

let sbx: RunningSandbox;

beforeAll(async () => {
	sbx = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => {
	await sbx.close();
	await agent.close();
});
beforeEach(() => {
	sbx.reset();
});

const withCk = (consumerKey: string) => ({ ...DEMO_KEYS, consumerKey });

function expectOvhError(r: { status: number; json: unknown }, status: number, message: string): void {
	expect(r.status).toBe(status);
	expect(r.json).toEqual({ class: expect.stringMatching(/^(Client|Server)::/), message });
}

describe('unauthenticated routes', () => {
	it('GET /auth/time answers a bare integer (real time + clock offset) with a query id', async () => {
		const r = await raw(sbx, 'GET', '/1.0/auth/time');
		expect(r.status).toBe(200);
		expect(r.text).toMatch(/^\d+$/);
		expect(Math.abs(Number(r.text) - Math.floor(Date.now() / 1000))).toBeLessThanOrEqual(1);
		expect(r.headers['x-ovh-queryid']).toMatch(/^EU\.ext-3\./);
		expect(r.headers['content-type']).toMatch(/^application\/json/);
		sbx.setClockOffset(-3600);
		const r2 = await raw(sbx, 'GET', '/v1/auth/time');
		expect(Number(r2.text)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) - 3599);
	});

	it('gives every response a unique X-Ovh-QueryID, errors and admin included', async () => {
		const ids = [
			(await raw(sbx, 'GET', '/1.0/auth/time')).headers['x-ovh-queryid'],
			(await raw(sbx, 'GET', '/1.0/auth/time')).headers['x-ovh-queryid'],
			(await raw(sbx, 'GET', '/1.0/nope')).headers['x-ovh-queryid'],
			(await ovh(sbx, 'GET', '/service', { unsigned: true })).headers['x-ovh-queryid'],
			(await admin(sbx, 'GET', '/state')).headers['x-ovh-queryid'],
		];
		expect(ids.every((id) => typeof id === 'string' && id.length > 10)).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('answers unknown routes with 404 "Got an invalid (or empty) URL"', async () => {
		expectOvhError(await raw(sbx, 'GET', '/1.0/nope'), 404, 'Got an invalid (or empty) URL');
		expectOvhError(await ovh(sbx, 'GET', '/service/12345/nope'), 404, 'Got an invalid (or empty) URL');
		expectOvhError(await raw(sbx, 'GET', '/service'), 404, 'Got an invalid (or empty) URL');
		expectOvhError(await ovh(sbx, 'DELETE', '/service'), 404, 'Got an invalid (or empty) URL');
	});

	it('POST /auth/credential → pendingValidation, validated through validationUrl, then usable', async () => {
		const r = await ovh(sbx, 'POST', '/auth/credential', {
			unsigned: true,
			headers: { 'X-Ovh-Application': DEMO_KEYS.applicationKey },
			body: { accessRules: [{ method: 'GET', path: '/service/*' }], redirection: 'https://example.invalid/done' },
		});
		expect(r.status).toBe(200);
		const cred = r.json as { state: string; consumerKey: string; validationUrl: string };
		expect(cred.state).toBe('pendingValidation');
		expect(cred.consumerKey).toMatch(/^[A-Za-z0-9]{32}$/);
		expect(cred.validationUrl).toMatch(new RegExp(`^${sbx.origin}/__sandbox/validate\\?credentialToken=`));
		const keys = withCk(cred.consumerKey);

		expectOvhError(await ovh(sbx, 'GET', '/service/12345', { keys }), 403, 'This credential is not valid');

		const v = await raw(sbx, 'GET', cred.validationUrl.slice(sbx.origin.length));
		expect(v.status).toBe(200);
		expect(v.json).toMatchObject({ state: 'validated', redirection: 'https://example.invalid/done' });

		expect((await ovh(sbx, 'GET', '/service/12345', { keys })).status).toBe(200);
		// `/service/*` does not cover `/service` itself.
		expectOvhError(await ovh(sbx, 'GET', '/service', { keys }), 403, 'This call has not been granted');
	});

	it('POST /auth/credential needs a known application key and well-formed rules', async () => {
		const body = { accessRules: [{ method: 'GET', path: '/*' }] };
		expectOvhError(await ovh(sbx, 'POST', '/auth/credential', { unsigned: true, body }), 401, 'You must login first');
		expectOvhError(
			await ovh(sbx, 'POST', '/auth/credential', { unsigned: true, body, headers: { 'X-Ovh-Application': 'nope' } }),
			403,
			'This application key is invalid',
		);
		const bad = await ovh(sbx, 'POST', '/auth/credential', {
			unsigned: true,
			body: { accessRules: [{ method: 'FETCH', path: '/*' }] },
			headers: { 'X-Ovh-Application': DEMO_KEYS.applicationKey },
		});
		expectOvhError(bad, 400, "Body parameter accessRules isn't formated correctly");
	});
});

describe('signature', () => {
	it('accepts a correctly signed call on /1.0 and on the /v1 alias (each signed over its own URL)', async () => {
		const a = await ovh(sbx, 'GET', '/service');
		expect(a.status).toBe(200);
		expect(a.json).toEqual(expect.arrayContaining([12345, 67890, 112233]));
		const b = await ovh(sbx, 'GET', '/service', { base: '/v1' });
		expect(b.status).toBe(200);
		expect(b.json).toEqual(a.json);
		// A /1.0 signature replayed on /v1 is refused: the URL is part of the signature.
		const c = await ovh(sbx, 'GET', '/service', { base: '/v1', signUrl: `${sbx.origin}/1.0/service` });
		expectOvhError(c, 400, 'Invalid signature');
	});

	it('signs the query string exactly as sent', async () => {
		expect((await ovh(sbx, 'GET', '/service/12345/renew?includeOptions=false')).status).toBe(200);
		const r = await ovh(sbx, 'GET', '/service/12345/renew?includeOptions=false', {
			signUrl: `${sbx.origin}/1.0/service/12345/renew`,
		});
		expectOvhError(r, 400, 'Invalid signature');
	});

	describe('one byte changed is rejected', () => {
		const path = '/service/12345/renew';
		const body = '{"dryRun":true,"duration":"P1Y","services":[12345]}';

		it('baseline is accepted', async () => {
			expect((await ovh(sbx, 'POST', path, { rawBody: body })).status).toBe(200);
		});
		it('URL', async () => {
			const r = await ovh(sbx, 'POST', path, { rawBody: body, signUrl: `${sbx.origin}/1.0/service/12346/renew` });
			expectOvhError(r, 400, 'Invalid signature');
		});
		it('body', async () => {
			const r = await ovh(sbx, 'POST', path, { rawBody: body, signBody: body.replace('P1Y', 'P2Y') });
			expectOvhError(r, 400, 'Invalid signature');
		});
		it('timestamp', async () => {
			const ts = sbx.serverTime();
			const r = await ovh(sbx, 'POST', path, { rawBody: body, timestamp: ts, signTimestamp: ts - 1 });
			expectOvhError(r, 400, 'Invalid signature');
		});
		it('application secret', async () => {
			const r = await ovh(sbx, 'POST', path, { rawBody: body, signSecret: `${DEMO_KEYS.applicationSecret.slice(0, -1)}2` });
			expectOvhError(r, 400, 'Invalid signature');
		});
		it('signature header', async () => {
			const good = await ovh(sbx, 'POST', path, { rawBody: body, signBody: body });
			expect(good.status).toBe(200);
			const r = await ovh(sbx, 'POST', path, {
				rawBody: body,
				headers: { 'X-Ovh-Signature': '$1$0000000000000000000000000000000000000000' },
			});
			expectOvhError(r, 400, 'Invalid signature');
		});
		it('consumer key → NOT_CREDENTIAL (unknown key), application key → INVALID_KEY', async () => {
			const ck = `${DEMO_KEYS.consumerKey.slice(0, -1)}2`;
			expectOvhError(await ovh(sbx, 'POST', path, { rawBody: body, keys: withCk(ck) }), 403, 'This credential does not exist');
			const ak = { ...DEMO_KEYS, applicationKey: `${DEMO_KEYS.applicationKey.slice(0, -1)}2` };
			expectOvhError(await ovh(sbx, 'POST', path, { rawBody: body, keys: ak }), 403, 'This application key is invalid');
		});
	});

	it('takes the host from the Host header and the scheme from X-Forwarded-Proto (TLS proxy)', async () => {
		const r = await ovh(sbx, 'GET', '/service', {
			signUrl: 'https://api.example.test/1.0/service',
			headers: { Host: 'api.example.test', 'X-Forwarded-Proto': 'https' },
		});
		expect(r.status).toBe(200);
	});

	it("accepts OVH's official POST test vector verbatim when the clock matches it", async () => {
		sbx.setClockOffset(1457018875 - Math.floor(Date.now() / 1000));
		const r = await raw(sbx, 'POST', '/1.0/service/12345/renew', {
			body: '{"dryRun":false,"duration":"P1Y","services":[12345,67890]}',
			headers: {
				Host: 'eu.api.ovh.com',
				'X-Forwarded-Proto': 'https',
				'Content-Type': 'application/json',
				'X-Ovh-Application': TEST_VECTOR_KEYS.applicationKey,
				'X-Ovh-Consumer': TEST_VECTOR_KEYS.consumerKey,
				'X-Ovh-Timestamp': '1457018875',
				'X-Ovh-Signature': '$1$f3b3eab8cc5031f9bfa280763e9ace2913d02271',
			},
		});
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ priceWithTax: { value: 45.44, text: '45.44 €' } });
	});
});

describe('auth errors, in OVH order', () => {
	it('401 NOT_CREDENTIAL when unsigned or a header is missing', async () => {
		expectOvhError(await ovh(sbx, 'GET', '/service', { unsigned: true }), 401, 'You must login first');
		for (const h of ['X-Ovh-Application', 'X-Ovh-Consumer', 'X-Ovh-Timestamp', 'X-Ovh-Signature']) {
			const r = await ovh(sbx, 'GET', '/service', { headers: { [h]: '' } });
			expectOvhError(r, 401, 'You must login first');
		}
	});

	it('403 INVALID_KEY for an unknown application key (checked before the time window)', async () => {
		const keys = { ...DEMO_KEYS, applicationKey: 'unknownAppKey' };
		expectOvhError(await ovh(sbx, 'GET', '/service', { keys }), 403, 'This application key is invalid');
		expectOvhError(
			await ovh(sbx, 'GET', '/service', { keys, timestamp: sbx.serverTime() - 10_000 }),
			403,
			'This application key is invalid',
		);
	});

	it('400 QUERY_TIME_OUT outside ±180 s (before credential and signature checks)', async () => {
		const now = sbx.serverTime();
		expect((await ovh(sbx, 'GET', '/service', { timestamp: now - 170 })).status).toBe(200);
		expect((await ovh(sbx, 'GET', '/service', { timestamp: now + 170 })).status).toBe(200);
		expectOvhError(await ovh(sbx, 'GET', '/service', { timestamp: now - 200 }), 400, 'Query out of time');
		expectOvhError(await ovh(sbx, 'GET', '/service', { timestamp: now + 200 }), 400, 'Query out of time');
		expectOvhError(await ovh(sbx, 'GET', '/service', { timestamp: 'abc' }), 400, 'Query out of time');
		// stale timestamp with a bad consumer key and a bad signature: the time error wins
		expectOvhError(
			await ovh(sbx, 'GET', '/service', { timestamp: now - 1000, keys: withCk('nope'), signSecret: 'x' }),
			400,
			'Query out of time',
		);
	});

	it('a client whose clock drifts is refused until it uses the server time', async () => {
		sbx.setClockOffset(-900); // the server is 15 minutes "behind" the client's clock
		const local = Math.floor(Date.now() / 1000);
		expectOvhError(await ovh(sbx, 'GET', '/service', { timestamp: local }), 400, 'Query out of time');
		const server = Number((await raw(sbx, 'GET', '/1.0/auth/time')).text);
		expect((await ovh(sbx, 'GET', '/service', { timestamp: server })).status).toBe(200);
	});

	it('honours timeToleranceSeconds', async () => {
		const strict = await startSandbox({ quiet: true, timeToleranceSeconds: 5 });
		try {
			const now = strict.serverTime();
			expect((await ovh(strict, 'GET', '/service', { timestamp: now - 3 })).status).toBe(200);
			expect((await ovh(strict, 'GET', '/service', { timestamp: now - 30 })).status).toBe(400);
		} finally {
			await strict.close();
		}
	});

	it('403 NOT_CREDENTIAL "This credential does not exist" for an unknown consumer key (checked before the signature)', async () => {
		const ck = 'sbxNoSuchConsumerKey000000000001';
		expectOvhError(await ovh(sbx, 'GET', '/service', { keys: withCk(ck) }), 403, 'This credential does not exist');
		expectOvhError(
			await ovh(sbx, 'GET', '/service', { keys: withCk(ck), signSecret: 'wrong' }),
			403,
			'This credential does not exist',
		);
		const legacy = await ovh(sbx, 'GET', '/service', { keys: withCk(ck), headers: { 'X-Sandbox-Error-Shape': 'legacy' } });
		expect(legacy.json).toEqual({ errorCode: 'NOT_CREDENTIAL', httpCode: '403 Forbidden', message: 'This credential does not exist' });
	});

	it.each([
		['pendingValidation', SANDBOX_CONSUMER_KEYS.pending],
		['expired', SANDBOX_CONSUMER_KEYS.expired],
		['validated but past its expiration date', SANDBOX_CONSUMER_KEYS.dateExpired],
		['refused', SANDBOX_CONSUMER_KEYS.refused],
		["another application's", OTHER_APP_KEYS.consumerKey],
	])('403 INVALID_CREDENTIAL for consumer key: %s (checked before the signature)', async (_label, ck) => {
		expectOvhError(await ovh(sbx, 'GET', '/service', { keys: withCk(ck) }), 403, 'This credential is not valid');
		expectOvhError(
			await ovh(sbx, 'GET', '/service', { keys: withCk(ck), signSecret: 'wrong' }),
			403,
			'This credential is not valid',
		);
	});

	it("the other application's key works with its own application key", async () => {
		expect((await ovh(sbx, 'GET', '/service', { keys: OTHER_APP_KEYS })).status).toBe(200);
	});

	it('GET /auth/currentCredential returns auth.ApiCredential', async () => {
		const r = await ovh(sbx, 'GET', '/auth/currentCredential');
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			allowedIPs: null,
			applicationId: 100001,
			creation: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/),
			credentialId: 200001,
			expiration: null,
			lastUse: expect.stringMatching(/^\d{4}-/),
			ovhSupport: false,
			rules: [
				{ method: 'GET', path: '/*' },
				{ method: 'POST', path: '/*' },
				{ method: 'PUT', path: '/*' },
				{ method: 'DELETE', path: '/*' },
			],
			status: 'validated',
		});
		expectOvhError(await ovh(sbx, 'GET', '/auth/currentCredential', { unsigned: true }), 401, 'You must login first');
	});
});

describe('access rules', () => {
	const narrow = withCk(SANDBOX_CONSUMER_KEYS.narrow);

	it('wildcards span segments; exact rules match exactly; other methods are not granted', async () => {
		expect((await ovh(sbx, 'GET', '/service', { keys: narrow })).status).toBe(200);
		expect((await ovh(sbx, 'GET', '/service/12345', { keys: narrow })).status).toBe(200);
		expect((await ovh(sbx, 'GET', '/service/12345/renew?includeOptions=true', { keys: narrow })).status).toBe(200);
		expect((await ovh(sbx, 'GET', '/auth/currentCredential', { keys: narrow })).status).toBe(200);
		const denied = [
			await ovh(sbx, 'POST', '/service/12345/renew', { keys: narrow, body: { duration: 'P1Y', services: [12345] } }),
			await ovh(sbx, 'GET', '/me/order', { keys: narrow }),
			await ovh(sbx, 'GET', '/domain/example-shop.ovh/serviceInfos', { keys: narrow }),
		];
		for (const r of denied) expectOvhError(r, 403, 'This call has not been granted');
	});

	it('a not-granted call is refused even for an unknown object (rules before the handler)', async () => {
		expectOvhError(await ovh(sbx, 'GET', '/me/order/1', { keys: narrow }), 403, 'This call has not been granted');
	});

	async function keyWithRules(rules: Array<{ method: string; path: string }>): Promise<typeof DEMO_KEYS> {
		const r = await ovh(sbx, 'POST', '/auth/credential', {
			unsigned: true,
			headers: { 'X-Ovh-Application': DEMO_KEYS.applicationKey },
			body: { accessRules: rules, redirection: null },
		});
		const { consumerKey, validationUrl } = r.json as { consumerKey: string; validationUrl: string };
		await raw(sbx, 'GET', validationUrl.slice(sbx.origin.length));
		return withCk(consumerKey) as typeof DEMO_KEYS;
	}

	it('compares rules on the decoded path, without the query', async () => {
		const keys = await keyWithRules([
			{ method: 'GET', path: '/ip/141.94.185.0/28/serviceInfos' },
			{ method: 'GET', path: '/service/*/renew' },
			{ method: 'POST', path: '/service/*/renew' },
		]);
		expect((await ovh(sbx, 'GET', '/ip/141.94.185.0%2F28/serviceInfos', { keys })).status).toBe(200);
		expect((await ovh(sbx, 'GET', '/service/112233/renew?includeOptions=true', { keys })).status).toBe(200);
		const post = await ovh(sbx, 'POST', '/service/112233/renew', { keys, body: { dryRun: true, duration: 'P3M', services: [112233] } });
		expect(post.status).toBe(200);
		expectOvhError(await ovh(sbx, 'GET', '/service/112233', { keys }), 403, 'This call has not been granted');
		expectOvhError(await ovh(sbx, 'GET', '/me/order', { keys }), 403, 'This call has not been granted');
	});
});

describe('error shapes', () => {
	it('legacy shape has errorCode (where OVH has one) and httpCode', async () => {
		sbx.setErrorShape('legacy');
		const r = await ovh(sbx, 'GET', '/service', { signSecret: 'nope' });
		expect(r.status).toBe(400);
		expect(r.json).toEqual({ errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' });
		const t = await ovh(sbx, 'GET', '/service', { timestamp: 1 });
		expect(t.json).toEqual({ errorCode: 'QUERY_TIME_OUT', httpCode: '400 Bad Request', message: 'Query out of time' });
		const nf = await ovh(sbx, 'GET', '/service/999');
		expect(nf.json).toEqual({ httpCode: '404 Not Found', message: 'This service does not exist' });
		const u = await ovh(sbx, 'GET', '/service', { unsigned: true });
		expect(u.json).toEqual({ errorCode: 'NOT_CREDENTIAL', httpCode: '401 Unauthorized', message: 'You must login first' });
	});

	it('can be switched through the admin API and overridden per request', async () => {
		expect((await admin(sbx, 'POST', '/error-shape', { shape: 'legacy' })).status).toBe(200);
		const r = await ovh(sbx, 'GET', '/service/999');
		expect(r.json).toEqual({ httpCode: '404 Not Found', message: 'This service does not exist' });
		const o = await ovh(sbx, 'GET', '/service/999', { headers: { 'X-Sandbox-Error-Shape': 'current' } });
		expect(o.json).toEqual({ class: 'Client::NotFound', message: 'This service does not exist' });
		expect((await admin(sbx, 'POST', '/error-shape', { shape: 'weird' })).status).toBe(400);
		sbx.reset();
		const back = await ovh(sbx, 'GET', '/service/999');
		expect(back.json).toEqual({ class: 'Client::NotFound', message: 'This service does not exist' });
	});

	it('can be chosen at start', async () => {
		const legacy = await startSandbox({ quiet: true, errorShape: 'legacy' });
		try {
			const r = await raw(legacy, 'GET', '/1.0/nope');
			expect(r.json).toEqual({ httpCode: '404 Not Found', message: 'Got an invalid (or empty) URL' });
		} finally {
			await legacy.close();
		}
	});
});

describe('official @ovhcloud/node-ovh client', () => {
	// node-ovh only speaks https and signs "https://" + host (without the port) + path. Route its requests to the
	// sandbox over http as a TLS-terminating proxy on the default port would: same Host, X-Forwarded-Proto: https.
	let spy: jest.SpyInstance;
	beforeEach(() => {
		spy = jest.spyOn(https, 'request').mockImplementation(((options: http.RequestOptions, cb?: (res: http.IncomingMessage) => void) =>
			http.request(
				{
					...options,
					host: '127.0.0.1',
					port: sbx.port,
					headers: { ...options.headers, Host: String(options.host), 'X-Forwarded-Proto': 'https' },
				},
				cb,
			)) as unknown as typeof https.request);
	});
	afterEach(() => spy.mockRestore());

	function client(keys = DEMO_KEYS) {
		return ovhClient({
			appKey: keys.applicationKey,
			appSecret: keys.applicationSecret,
			consumerKey: keys.consumerKey,
			host: 'eu.api.ovh.com',
		});
	}

	it('its signed GET (with time sync through /auth/time) and POST requests are accepted', async () => {
		const c = client();
		expect(await c.requestPromised('GET', '/service')).toEqual(expect.arrayContaining([12345, 67890]));
		expect(typeof c.apiTimeDiff).toBe('number');
		const list = (await c.requestPromised('GET', '/service/112233/renew', { includeOptions: true })) as unknown[];
		expect(list.length).toBeGreaterThan(0);
		const order = await c.requestPromised('POST', '/service/12345/renew', {
			dryRun: true,
			duration: 'P1Y',
			services: [67890, 12345],
		});
		expect(order).toMatchObject({ orderId: null, priceWithTax: { value: 45.44 } });
		expect(await c.requestPromised('GET', '/ip/141.94.185.0%2F28/serviceInfos')).toMatchObject({ serviceId: 778899 });
		expect(await c.requestPromised('GET', '/v1/service/12345')).toMatchObject({ resource: { name: 'example-shop.ovh' } });
	});

	it('its non-ASCII body (escaped as \\u00e9) passes the signature check', async () => {
		await expect(
			client().requestPromised('POST', '/service/12345/renew', { duration: 'P1Y', services: [12345], note: 'été' }),
		).rejects.toEqual({ error: 400, message: 'Received not described parameters: (note)' });
		const logged = sbx.requests().at(-1);
		expect(logged?.body).toEqual({ duration: 'P1Y', services: [12345], note: 'été' });
	});

	it('its wrong secret is refused, and its /auth/* calls are never signed (known node-ovh bug)', async () => {
		await expect(client({ ...DEMO_KEYS, applicationSecret: 'wrong' }).requestPromised('GET', '/service')).rejects.toEqual({
			error: 400,
			message: 'Invalid signature',
		});
		await expect(client().requestPromised('GET', '/auth/currentCredential')).rejects.toEqual({
			error: 401,
			message: 'You must login first',
		});
	});
});
