/**
 * Any OVH route through n8n's HTTP Request node with the `ovhApi` credential, in n8n-core's real engine: a stand-in
 * node makes the call the HTTP Request node (v4) makes with a predefined credential type, n8n-core's legacy
 * `requestWithAuthentication` with `uri`, `qs`, `body`, `json`. That path re-sends any failed request once after
 * re-running preAuthentication, so: reads are signed again and recover; a write whose answer was lost reaches OVH
 * once, with an error that says why; a write refused with QUERY_TIME_OUT (clock proven far off) still recovers.
 */
import type { IDataObject } from 'n8n-workflow';

import { HTTP_REQUEST_STAND_IN, httpRequestStandIn, node } from '../../harness';
import { admin, clockReads, expectNoSecrets, failure, loggedRequests, requestLines, runNodes, useSandbox } from '../helpers';

const LegacyHttpRequest = httpRequestStandIn('ovhApi');

const sandbox = useSandbox();

async function call(parameters: IDataObject, credential: { timeDelta?: string } = { timeDelta: '0' }) {
	const sbx = sandbox();
	const params = { ...parameters, url: `${sbx.baseUrl}${String(parameters.url)}` };
	const result = await runNodes(sbx, [node(HTTP_REQUEST_STAND_IN, 'HTTP Request')], {
		nodeTypes: [LegacyHttpRequest],
		credential,
		inputItems: [{ json: params }],
	});
	expectNoSecrets(result);
	return result;
}

const RENEW = { duration: 'P1Y', services: [67890, 12345] };

describe('OVH routes through the HTTP Request node (legacy request path)', () => {
	it('signs a GET with a query exactly as sent', async () => {
		const result = await call({ method: 'GET', url: '/service/12345/renew', qs: { includeOptions: false } });
		expect(result.status).toBe('success');
		expect(result.json('HTTP Request')[0].statusCode).toBe(200);
		expect(requestLines(sandbox())).toEqual(['GET /service/12345/renew 200']);
		expect(loggedRequests(sandbox())[0].query).toEqual({ includeOptions: 'false' });
	});

	it('signs a GET whose query holds non-ASCII and reserved characters', async () => {
		const result = await call({ method: 'GET', url: '/services', qs: { resourceName: 'exämple shop+/ovh' } });
		expect(result.status).toBe('success');
		expect(loggedRequests(sandbox())[0]).toMatchObject({ status: 200, query: { resourceName: 'exämple shop+/ovh' } });
	});

	it('signs a POST with a JSON body (an order, dry run)', async () => {
		const result = await call({ method: 'POST', url: '/service/12345/renew', body: { dryRun: true, ...RENEW } });
		expect(result.status).toBe('success');
		expect(requestLines(sandbox())).toEqual(['POST /service/12345/renew 200']);
	});

	it('signs a POST whose JSON body holds non-ASCII text: OVH reads the body (no signature error)', async () => {
		const result = await call({ method: 'POST', url: '/service/12345/renew', body: { dryRun: true, ...RENEW, note: 'échéance ✓ 更新' }, neverError: true });
		const [entry] = loggedRequests(sandbox());
		expect(entry.body).toEqual({ dryRun: true, ...RENEW, note: 'échéance ✓ 更新' });
		expect(entry.error).not.toBe('INVALID_SIGNATURE');
		expect(entry.status).toBe(400);
		expect(JSON.stringify(result.json('HTTP Request')[0].body)).toMatch(/note/);
	});

	it('re-signs and re-sends a GET after a failure, as n8n does for reads', async () => {
		await admin(sandbox(), 'POST', '/faults', { method: 'GET', path: '/service/12345', type: 'status', status: 502 });
		const result = await call({ method: 'GET', url: '/service/12345' });
		expect(result.status).toBe('success');
		expect(requestLines(sandbox())).toEqual(['GET /service/12345 502', 'GET /auth/time 200', 'GET /service/12345 200']);
	});

	it.each([
		['dropped', { type: 'drop' }],
		['answered 502', { type: 'status', status: 502 }],
	])('sends a POST whose answer was lost (%s) to OVH exactly once, and says why it is not re-sent', async (_label, fault) => {
		await admin(sandbox(), 'POST', '/faults', { method: 'POST', path: '/service/*/renew', when: 'after', ...fault });
		const result = await call({ method: 'POST', url: '/service/12345/renew', body: { dryRun: false, ...RENEW } });
		expect(result.status).toBe('error');
		expect(loggedRequests(sandbox(), 'POST')).toHaveLength(1);
		expect(sandbox().state().orders.filter((o) => o.orderId >= 240000101)).toHaveLength(1);
		const { message, description } = failure(result);
		expect(`${message} ${description}`).toMatch(/Not sending this POST to OVH a second time/);
		expect(`${message} ${description}`).toMatch(/may already have taken effect/);
	});

	it('recovers a POST refused with QUERY_TIME_OUT (OVH clock 10 minutes away): re-read the clock, sent once more', async () => {
		await admin(sandbox(), 'POST', '/clock', { offsetSeconds: -600 });
		const result = await call({ method: 'POST', url: '/service/12345/renew', body: { dryRun: true, ...RENEW } });
		expect(result.status).toBe('success');
		expect(requestLines(sandbox())).toEqual(['POST /service/12345/renew 400', 'GET /auth/time 200', 'POST /service/12345/renew 200']);
		expect(clockReads(sandbox())).toBe(1);
	});

	it('refuses the re-send of a POST whose clock skew does not prove OVH refused it (inside 8 minutes)', async () => {
		// 200 s: the sandbox (180 s window) refuses it, but real OVH's undocumented window might not: not proven.
		await admin(sandbox(), 'POST', '/clock', { offsetSeconds: -200 });
		const result = await call({ method: 'POST', url: '/service/12345/renew', body: { dryRun: true, ...RENEW } });
		expect(result.status).toBe('error');
		expect(loggedRequests(sandbox(), 'POST')).toHaveLength(1);
		expect(failure(result).message + failure(result).description).toMatch(/Query out of time.*running it again is safe/);
		// The clock was re-read and stored: the next run goes through.
		expect(result.credentialStore.get('ovh')?.timeDelta).toBe('-200');
	});
});
