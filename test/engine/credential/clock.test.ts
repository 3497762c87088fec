/**
 * Clock drift through n8n's engine: the credential's preAuthentication reads /auth/time once and stores timeDelta;
 * a QUERY_TIME_OUT makes n8n re-read the clock and re-send a GET once; a POST rejected for its timestamp is re-sent
 * exactly once after a re-sync (OVH proved it did not execute it).
 */
import { OvhCreateRenewOrder } from '../../../nodes/OvhCreateRenewOrder/OvhCreateRenewOrder.node';
import { OvhGetServiceInfo } from '../../../nodes/OvhGetServiceInfo/OvhGetServiceInfo.node';
import { CREDENTIAL_ID, byIdLocator, clockReads, loggedRequests, newOrders, ovhCredentialStore, requestLines, runNode, useSandbox } from '../helpers';

const sandbox = useSandbox();

const BY_NAME = { lookup: 'byName', product: 'vps', serviceName: 'vps112233.ovh.net' };
const HOUR = 3600;

function storedDelta(store: ReturnType<typeof ovhCredentialStore>): number {
	const value = store.data(CREDENTIAL_ID).timeDelta;
	expect(typeof value).toBe('string');
	return Number(value);
}

describe('clock drift', () => {
	it('reads /auth/time once, stores timeDelta, and later runs reuse it', async () => {
		const sbx = sandbox();
		sbx.setClockOffset(-600);
		const store = ovhCredentialStore(sbx);

		const first = await runNode(sbx, OvhGetServiceInfo, BY_NAME, { store });
		expect(first.status).toBe('success');
		expect(requestLines(sbx)).toEqual(['GET /auth/time 200', 'GET /vps/vps112233.ovh.net/serviceInfos 200']);
		expect(Math.abs(storedDelta(store) - -600)).toBeLessThanOrEqual(2);
		expect(store.updates).toHaveLength(1);

		sbx.clearRequests();
		const second = await runNode(sbx, OvhGetServiceInfo, BY_NAME, { store });
		expect(second.status).toBe('success');
		expect(requestLines(sbx)).toEqual(['GET /vps/vps112233.ovh.net/serviceInfos 200']);
		expect(store.updates).toHaveLength(1);
	});

	it('sandbox clock +1 h after timeDelta is stored: one QUERY_TIME_OUT, one re-sync, then success; then 50 calls without re-sync', async () => {
		const sbx = sandbox();
		const store = ovhCredentialStore(sbx);
		expect((await runNode(sbx, OvhGetServiceInfo, BY_NAME, { store })).status).toBe('success');
		expect(Math.abs(storedDelta(store))).toBeLessThanOrEqual(2);

		sbx.setClockOffset(HOUR);
		sbx.clearRequests();
		const drifted = await runNode(sbx, OvhGetServiceInfo, BY_NAME, { store });

		expect(drifted.status).toBe('success');
		expect(drifted.json('Node')[0]).toMatchObject({ serviceId: 112233, serviceName: 'vps112233.ovh.net' });
		// the QUERY_TIME_OUT read is sent again allowing n8n to re-read the clock on its 400, then re-sent signed right
		expect(requestLines(sbx)).toEqual([
			'GET /vps/vps112233.ovh.net/serviceInfos 400',
			'GET /vps/vps112233.ovh.net/serviceInfos 400',
			'GET /auth/time 200',
			'GET /vps/vps112233.ovh.net/serviceInfos 200',
		]);
		expect(sbx.requests()[0].error).toBe('QUERY_TIME_OUT');
		expect(sbx.requests()[1].error).toBe('QUERY_TIME_OUT');
		expect(Math.abs(storedDelta(store) - HOUR)).toBeLessThanOrEqual(2);
		expect(drifted.credentialEvents.filter((e) => e.kind === 'preAuthentication' && e.ran)).toEqual([
			{ kind: 'preAuthentication', credentialType: 'ovhApi', credentialsExpired: true, ran: true },
		]);

		// 50 items in one execution, then 10 more executions: all signed with the stored delta, no clock read
		sbx.clearRequests();
		const many = await runNode(sbx, OvhGetServiceInfo, BY_NAME, {
			store,
			inputItems: Array.from({ length: 50 }, (_, i) => ({ json: { i } })),
		});
		expect(many.status).toBe('success');
		expect(many.json('Node')).toHaveLength(50);
		for (let run = 0; run < 10; run++) {
			expect((await runNode(sbx, OvhGetServiceInfo, BY_NAME, { store })).status).toBe('success');
		}
		expect(clockReads(sbx)).toBe(0);
		expect(loggedRequests(sbx, 'GET', '/vps/*')).toHaveLength(60);
		expect(sbx.requests().every((r) => r.status === 200)).toBe(true);
		expect(store.updates).toHaveLength(2);
	});

	it('a POST rejected with QUERY_TIME_OUT is re-sent exactly once after a re-sync and creates exactly one order', async () => {
		const sbx = sandbox();
		const store = ovhCredentialStore(sbx, { timeDelta: '0' });
		sbx.setClockOffset(HOUR);

		const result = await runNode(
			sbx,
			OvhCreateRenewOrder,
			{
				serviceId: byIdLocator(12345),
				duration: 'P1Y',
				dryRun: false,
				verifyStrategy: false,
				options: { reuseRecentOrder: false, checkPermissionToPay: false },
			},
			{ store },
		);

		expect(result.status).toBe('success');
		expect(result.json('Node')).toEqual([
			expect.objectContaining({ orderId: 240000101, reused: false, status: 'notPaid', services: [12345], duration: 'P1Y' }),
		]);
		expect(requestLines(sbx)).toEqual([
			'POST /service/12345/renew 400',
			// the re-sync: a signed GET whose QUERY_TIME_OUT makes n8n run preAuthentication and re-send it
			'GET /auth/currentCredential 400',
			'GET /auth/time 200',
			'GET /auth/currentCredential 200',
			'POST /service/12345/renew 200',
		]);
		const posts = loggedRequests(sbx, 'POST');
		expect(posts.map((r) => r.error)).toEqual(['QUERY_TIME_OUT', null]);
		expect(posts[1].body).toEqual({ dryRun: false, duration: 'P1Y', services: [12345] });
		expect(newOrders(sbx).map((o) => o.orderId)).toEqual([240000101]);
		expect(Math.abs(storedDelta(store) - HOUR)).toBeLessThanOrEqual(2);
	});

	it('a POST whose re-sent attempt is still out of time is not sent a third time', async () => {
		const sbx = sandbox();
		// OVH answers "Query out of time" to both attempts (a clock that keeps jumping)
		const store = ovhCredentialStore(sbx, { timeDelta: '0' });
		sbx.addFault({ method: 'POST', path: '/service/*/renew', type: 'status', status: 400, times: 2, body: { class: 'Client::BadRequest', message: 'Query out of time' } });

		const result = await runNode(
			sbx,
			OvhCreateRenewOrder,
			{ serviceId: byIdLocator(12345), duration: 'P1Y', verifyStrategy: false, options: { reuseRecentOrder: false, checkPermissionToPay: false } },
			{ store },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('OVH: Query out of time');
		expect(requestLines(sbx)).toEqual([
			'POST /service/12345/renew 400',
			'GET /auth/currentCredential 200',
			'POST /service/12345/renew 400',
		]);
		expect(newOrders(sbx)).toEqual([]);
	});
});
