/**
 * Batch reads through n8n's engine against the sandbox (issue 7): All Services in batch GETs, the fallback to single
 * GETs when the sandbox refuses batch mode (remembered for the rest of the execution), per-entry errors kept per
 * item, and Create Renew Order reading every item's services in one batch.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RunningSandbox } from '../../../sandbox';
import {
	byIdLocator,
	createOrderNode,
	failure,
	getServiceInfoNode,
	loggedRequests,
	requestLines,
	runNodes,
	useSandbox,
} from '../helpers';

const sandbox = useSandbox();
let sbx: RunningSandbox;
beforeEach(() => {
	sbx = sandbox();
});

const ALL_IDS = [12345, 67890, 112233, 112234, 445566, 778899, 990011, 990022, 990033];

async function all(parameters: IDataObject, extra = {}) {
	return await runNodes(sbx, [getServiceInfoNode({ lookup: 'all', ...parameters }, 'Get Service Info')], { credential: { timeDelta: '0' }, ...extra });
}

describe('All Services in batch GETs', () => {
	it('expiring within 30 days: the list, then one batch GET for every service', async () => {
		const result = await all({ returnAll: true, options: { expiringWithinDays: 30 } });
		expect(result.status).toBe('success');
		expect(result.json('Get Service Info').map((i) => i.serviceId)).toEqual([12345, 67890, 112233, 112234, 778899]);
		expect(requestLines(sbx)).toEqual(['GET /service 200', `GET /service/${ALL_IDS.join(',')} 200`]);
	});

	it('batch refused (sandbox switch): the same items from single GETs, the refusal asked once per execution', async () => {
		sbx.state().batchEnabled = false;
		const result = await runNodes(
			sbx,
			[getServiceInfoNode({ lookup: 'all', limit: 2 }, 'First'), getServiceInfoNode({ lookup: 'all', limit: 3, options: { includeServiceInfos: true } }, 'Second')],
			{ credential: { timeDelta: '0' } },
		);
		expect(result.status).toBe('success');
		expect(result.json('First').map((i) => i.serviceId)).toEqual([12345, 67890]);
		expect(result.json('Second').map((i) => i.serviceId)).toEqual([12345, 67890, 112233, 12345, 67890, 112233]);
		expect(result.json('Second')[0]).toMatchObject({ serviceName: 'example-shop.ovh', renewalType: expect.any(String) });
		const refused = loggedRequests(sbx).filter((r) => r.status === 400);
		// /service/{id} refused once, by First; Second's serviceInfos are one per product (single GETs, nothing to batch)
		expect(refused.map((r) => r.path)).toEqual(['/service/12345,67890']);
		expect(requestLines(sbx).slice(0, 4)).toEqual(['GET /service 200', 'GET /service/12345,67890 400', 'GET /service/12345 200', 'GET /service/67890 200']);
		// the limit-3 sequence of before batch mode, for each of Second's two items: no batch attempt any more
		const second = requestLines(sbx).slice(4).filter((l) => !l.includes('serviceInfos'));
		expect(second).toEqual([
			'GET /service 200', 'GET /service/12345 200', 'GET /service/67890 200', 'GET /service/112233 200',
			'GET /service 200', 'GET /service/12345 200', 'GET /service/67890 200', 'GET /service/112233 200',
		]);
	});

	it('a per-entry error fails only its item, with OVH\'s own error (the entry is read again alone)', async () => {
		// the list names a service the batch answers with an error entry (deleted meanwhile)
		sbx.addFault({ method: 'GET', path: '/service', type: 'status', status: 200, body: [12345, 424242], times: 1 });
		sbx.addFault({ method: 'GET', path: '/service', type: 'status', status: 200, body: [67890], times: 1 });
		const result = await all({ returnAll: true }, {
			inputItems: [{ json: {} }, { json: {} }],
		});
		// without Continue On Fail the node stops at the first failing item: item 1
		expect(result.status).toBe('error');
		expect(failure(result).message).toBe('OVH: This service does not exist');
		expect(failure(result).description).toContain('OVH does not know service 424242');
		expect(requestLines(sbx)).toEqual(['GET /service 200', 'GET /service/12345,424242 200', 'GET /service/424242 404']);
	});

	it('with Continue On Fail, the failing item is an error item and the next item is read', async () => {
		sbx.addFault({ method: 'GET', path: '/service', type: 'status', status: 200, body: [12345, 424242], times: 1 });
		sbx.addFault({ method: 'GET', path: '/service', type: 'status', status: 200, body: [67890, 12345], times: 1 });
		const node = { ...getServiceInfoNode({ lookup: 'all', returnAll: true }, 'Get Service Info'), continueOnFail: true };
		const result = await runNodes(sbx, [node], { credential: { timeDelta: '0' }, inputItems: [{ json: {} }, { json: {} }] });
		expect(result.status).toBe('success');
		const out = result.output('Get Service Info');
		expect(out[0].json).toMatchObject({ error: 'OVH: This service does not exist', httpCode: '404' });
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out.slice(1).map((o) => [o.json.serviceId, o.pairedItem])).toEqual([[67890, { item: 1 }], [12345, { item: 1 }]]);
	});
});

describe('Create Renew Order: the services of every item in one batch', () => {
	it('three items, Reuse Recent Order on: one batch GET of their services instead of one GET per item', async () => {
		const ids = [12345, 445566, 778899];
		const durations: Record<number, string> = { 12345: 'P1Y', 445566: 'P1M', 778899: 'P1M' };
		const result = await runNodes(
			sbx,
			[createOrderNode({ serviceId: byIdLocator('={{ $json.id }}'), duration: '={{ $json.duration }}', verifyStrategy: false })],
			{ credential: { timeDelta: '0' }, inputItems: ids.map((id) => ({ json: { id, duration: durations[id] } })) },
		);
		expect(result.status).toBe('success');
		expect(result.json('Create Renew Order').map((o) => o.serviceId)).toEqual(ids);
		const serviceReads = loggedRequests(sbx, 'GET', '/service/*').map((r) => r.path);
		expect(serviceReads).toEqual(['/service/12345,445566,778899']);
		expect(loggedRequests(sbx, 'POST')).toHaveLength(3);
	});
});
