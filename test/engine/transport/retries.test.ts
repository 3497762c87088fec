/**
 * Transport faults through n8n's engine: GETs are retried (429 with Retry-After, 5xx JSON or HTML, dropped
 * connections) a bounded number of times; a POST is never re-sent after a 5xx or a dropped connection, says that the
 * order may exist, and a re-run with Reuse Recent Order finds it instead of ordering twice.
 */
import type { FaultSpec, RunningSandbox } from '../../../sandbox';
import { OvhCreateRenewOrder } from '../../../nodes/OvhCreateRenewOrder/OvhCreateRenewOrder.node';
import { OvhGetServiceInfo } from '../../../nodes/OvhGetServiceInfo/OvhGetServiceInfo.node';
import { byIdLocator, failure, loggedRequests, newOrders, ovhCredentialStore, requestLines, runNode, useSandbox } from '../helpers';

const sandbox = useSandbox();

const BY_NAME = { lookup: 'byName', product: 'vps', serviceName: 'vps112233.ovh.net' };
const SERVICE_INFOS = 'GET /vps/vps112233.ovh.net/serviceInfos';

async function getServiceInfo(sbx: RunningSandbox) {
	return await runNode(sbx, OvhGetServiceInfo, BY_NAME, { credential: { timeDelta: '0' } });
}

function faultOnGet(fault: Partial<FaultSpec> & Pick<FaultSpec, 'type'>): FaultSpec {
	return { method: 'GET', path: '/vps/*/serviceInfos', ...fault };
}

describe('GET retries', () => {
	it('429 with Retry-After: 1 is waited for and retried once: exactly 2 requests', async () => {
		const sbx = sandbox();
		sbx.addFault(faultOnGet({ type: 'status', status: 429, retryAfter: 1 }));
		const started = Date.now();
		const result = await getServiceInfo(sbx);

		expect(result.status).toBe('success');
		expect(result.json('Node')[0]).toMatchObject({ serviceId: 112233 });
		expect(requestLines(sbx)).toEqual([`${SERVICE_INFOS} 429`, `${SERVICE_INFOS} 200`]);
		expect(sbx.requests()[0].fault).toBe('status 429 (before)');
		const [first, second] = sbx.requests();
		// Retry-After was honoured (1 s), not the 0.5 s first backoff
		expect(Date.parse(second.time) - Date.parse(first.time)).toBeGreaterThanOrEqual(950);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('429 that never ends: gives up after 4 attempts with the rate-limit hint', async () => {
		const sbx = sandbox();
		sbx.addFault(faultOnGet({ type: 'status', status: 429, retryAfter: 0, times: -1 }));
		const result = await getServiceInfo(sbx);

		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe('OVH: Too many requests');
		expect(description).toContain('limiting the request rate');
		expect(description).toContain('gave up after 4 attempts');
		expect(loggedRequests(sbx)).toHaveLength(4);
	});

	it('429 with a Retry-After longer than 30 s is not waited for: one request, the rate-limit hint', async () => {
		const sbx = sandbox();
		sbx.addFault(faultOnGet({ type: 'status', status: 429, retryAfter: 120 }));
		const started = Date.now();
		const result = await getServiceInfo(sbx);

		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe('OVH: Too many requests');
		expect(description).toContain('OVH is limiting the request rate of this consumer key (gave up after 1 attempt).');
		expect(loggedRequests(sbx)).toHaveLength(1);
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('503 JSON until give-up: exactly 4 GET attempts, "temporarily unavailable" with the attempts count', async () => {
		const sbx = sandbox();
		sbx.addFault(faultOnGet({ type: 'status', status: 503, retryAfter: 0, times: -1 }));
		const result = await getServiceInfo(sbx);

		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe('OVH: Service is temporarily unavailable');
		expect(description).toContain('HTTP 503');
		expect(description).toContain('OVH is temporarily unavailable (gave up after 4 attempts)');
		expect(description).toContain(`X-Ovh-QueryID ${sbx.requests()[3].queryId}`);
		expect(result.error).toMatchObject({ httpCode: '503' });
		expect(requestLines(sbx)).toEqual(Array(4).fill(`${SERVICE_INFOS} 503`));
	});

	it('HTML 502 until give-up, with the default backoff (0.5 s, 1 s, 2 s): exactly 4 attempts, readable message', async () => {
		const sbx = sandbox();
		sbx.addFault(faultOnGet({ type: 'html', times: -1 }));
		const result = await getServiceInfo(sbx);

		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toMatch(/^OVH: 502 Bad Gateway/);
		expect(message).not.toContain('<');
		expect(description).toContain('HTTP 502');
		expect(description).toContain('OVH is temporarily unavailable (gave up after 4 attempts)');
		const requests = loggedRequests(sbx);
		expect(requests.map((r) => r.status)).toEqual([502, 502, 502, 502]);
		const gaps = requests.slice(1).map((r, i) => Date.parse(r.time) - Date.parse(requests[i].time));
		expect(gaps[0]).toBeGreaterThanOrEqual(450);
		expect(gaps[1]).toBeGreaterThanOrEqual(950);
		expect(gaps[2]).toBeGreaterThanOrEqual(1950);
	}, 15_000);

	it('a 503 then success: retried, 2 requests', async () => {
		const sbx = sandbox();
		sbx.addFault(faultOnGet({ type: 'status', status: 503, retryAfter: 0 }));
		const result = await getServiceInfo(sbx);
		expect(result.status).toBe('success');
		expect(requestLines(sbx)).toEqual([`${SERVICE_INFOS} 503`, `${SERVICE_INFOS} 200`]);
	});

	it('a dropped connection on a GET is retried', async () => {
		const sbx = sandbox();
		sbx.addFault(faultOnGet({ type: 'drop' }));
		const result = await getServiceInfo(sbx);

		expect(result.status).toBe('success');
		expect(result.json('Node')[0]).toMatchObject({ serviceId: 112233 });
		expect(requestLines(sbx)).toEqual([`${SERVICE_INFOS} 0`, `${SERVICE_INFOS} 200`]);
		expect(sbx.requests()[0].fault).toBe('drop (before)');
	});

	it('dropped connections until give-up: 4 attempts, network hint', async () => {
		const sbx = sandbox();
		sbx.addFault(faultOnGet({ type: 'drop', times: -1 }));
		const result = await getServiceInfo(sbx);

		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		// OVH's wording, not n8n's generic "You can retry the request immediately" (which n8n substitutes for any
		// message containing ECONNRESET); the code itself stays in the description
		expect(message).toBe('OVH: no response, the connection was closed before an answer arrived');
		expect(description).toContain('GET /vps/*/serviceInfos: ECONNRESET');
		expect(description).toContain('check network access');
		expect(loggedRequests(sbx)).toHaveLength(4);
	}, 15_000);

	it('a 404 is not retried', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, OvhGetServiceInfo, { ...BY_NAME, serviceName: 'vps999.ovh.net' }, { credential: { timeDelta: '0' } });
		expect(failure(result).message).toBe('OVH: This service does not exist');
		expect(failure(result).description).toContain('OVH does not know the vps service "vps999.ovh.net"');
		expect(loggedRequests(sbx)).toHaveLength(1);
	});
});

describe('POST /service/{id}/renew is never re-sent after a 5xx or a dropped connection', () => {
	const ORDER = {
		serviceId: byIdLocator(12345),
		duration: 'P1Y',
		dryRun: false,
		verifyStrategy: false,
		// These tests count every request: the permission check before ordering (tested in test/engine/service-account/) is off.
		options: { checkPermissionToPay: false },
	};

	const EXPECTED_MESSAGE: Record<string, string> = {
		'500 JSON': 'OVH: Service is temporarily unavailable',
		'HTML 502': 'OVH: 502 Bad Gateway',
		'dropped connection': 'OVH: no response, the connection was closed before an answer arrived',
	};

	const cases: Array<[string, Partial<FaultSpec>]> = [
		['500 JSON', { type: 'status', status: 500 }],
		['HTML 502', { type: 'html' }],
		['dropped connection', { type: 'drop' }],
	];

	describe.each(cases)('%s', (label, fault) => {
		it("when: 'before': one POST, no order, the description says the order may exist", async () => {
			const sbx = sandbox();
			sbx.addFault({ method: 'POST', path: '/service/*/renew', when: 'before', times: -1, ...fault } as FaultSpec);
			const result = await runNode(sbx, OvhCreateRenewOrder, { ...ORDER, options: { reuseRecentOrder: false, checkPermissionToPay: false } }, { credential: { timeDelta: '0' } });

			expect(result.status).toBe('error');
			const { message, description } = failure(result);
			expect(message).toBe(EXPECTED_MESSAGE[label]);
			expect(message).not.toContain('retry');
			expect(description).toContain('OVH may or may not have created the order: the request was not re-sent');
			expect(description).toContain('Reuse Recent Order');
			expect(loggedRequests(sbx, 'POST')).toHaveLength(1);
			expect(sbx.requests()).toHaveLength(1);
			expect(newOrders(sbx)).toEqual([]);
		});

		it("when: 'after': one POST, the order exists; a re-run with Reuse Recent Order returns it (reused) and orders nothing more", async () => {
			const sbx = sandbox();
			const store = ovhCredentialStore(sbx, { timeDelta: '0' });
			sbx.addFault({ method: 'POST', path: '/service/*/renew', when: 'after', ...fault } as FaultSpec);

			// Reuse Recent Order off: nothing can recover the order, so the run fails saying the outcome is unknown.
			const first = await runNode(sbx, OvhCreateRenewOrder, { ...ORDER, options: { reuseRecentOrder: false, checkPermissionToPay: false } }, { store });
			expect(first.status).toBe('error');
			expect(failure(first).description).toContain('OVH may or may not have created the order');
			expect(loggedRequests(sbx, 'POST')).toHaveLength(1);
			expect(newOrders(sbx).map((o) => o.orderId)).toEqual([240000101]);

			const second = await runNode(sbx, OvhCreateRenewOrder, ORDER, { store });
			expect(second.status).toBe('success');
			expect(second.json('Node')).toEqual([
				expect.objectContaining({ orderId: 240000101, reused: true, status: 'notPaid', alreadyPaid: false, services: [12345] }),
			]);
			expect(loggedRequests(sbx, 'POST')).toHaveLength(1);
			expect(newOrders(sbx).map((o) => o.orderId)).toEqual([240000101]);
		});

		it("when: 'after', Reuse Recent Order on: the lost order is found in the listing, never re-sent", async () => {
			const sbx = sandbox();
			sbx.addFault({ method: 'POST', path: '/service/*/renew', when: 'after', ...fault } as FaultSpec);
			const result = await runNode(sbx, OvhCreateRenewOrder, ORDER, { credential: { timeDelta: '0' } });
			expect(result.status).toBe('success');
			expect(result.json('Node')).toEqual([
				expect.objectContaining({ orderId: 240000101, reused: true, recoveredAfterUncertainResponse: true, status: 'notPaid', orderDuration: 'P1Y' }),
			]);
			expect(loggedRequests(sbx, 'POST')).toHaveLength(1);
			expect(newOrders(sbx).map((o) => o.orderId)).toEqual([240000101]);
		});
	});

	it('a 400 on a POST is not re-sent either (and is not called an unknown outcome)', async () => {
		const sbx = sandbox();
		const result = await runNode(
			sbx,
			OvhCreateRenewOrder,
			{ ...ORDER, duration: 'P2Y', options: { reuseRecentOrder: false, checkPermissionToPay: false } },
			{ credential: { timeDelta: '0' } },
		);
		expect(failure(result).message).toBe('OVH: No renew strategy matches duration P2Y for services [12345]');
		expect(failure(result).description).not.toContain('may or may not');
		expect(requestLines(sbx)).toEqual(['POST /service/12345/renew 400']);
	});
});
