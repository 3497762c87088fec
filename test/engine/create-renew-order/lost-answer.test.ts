// Create Renew Order in n8n's engine: a lost answer on the order POST (ordered once, never re-sent).
import type { RunningSandbox } from '../../../sandbox';
import {
	byIdLocator,
	loggedRequests,
	failure,
	newOrders,
	runOne,
	useSandbox,
} from '../helpers';

let sbx: RunningSandbox;

const sandbox = useSandbox({ deliveryDelayMs: 150 });
beforeEach(() => {
	sbx = sandbox();
});

describe('Create Renew Order: a lost answer on the order POST', () => {
	it('fails without re-sending; the next run finds and reuses the order OVH did create', async () => {
		sbx.addFault({ method: 'POST', path: '/service/*/renew', type: 'status', status: 502, when: 'after' });

		const first = await runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byIdLocator(12345), duration: 'P1Y' });
		expect(first.status).toBe('error');
		expect(failure(first).description).toContain('OVH may or may not have created the order: the request was not re-sent');
		expect(loggedRequests(sbx, 'POST', '/service/*/renew')).toHaveLength(1);
		expect(newOrders(sbx)).toHaveLength(1);

		const second = await runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byIdLocator(12345), duration: 'P1Y' });
		expect(second.status).toBe('success');
		expect(second.json('Node')[0]).toMatchObject({ orderId: 240000101, reused: true, status: 'notPaid', alreadyPaid: false });
		expect(loggedRequests(sbx, 'POST', '/service/*/renew')).toHaveLength(1);
		expect(newOrders(sbx)).toHaveLength(1);
	});
});
