// Create Renew Order in n8n's engine against the OVH sandbox: Reuse Recent Order (the duplicate check), dry runs and
// strategy checks.
import type { INodeParameters } from 'n8n-workflow';

import type { RunningSandbox } from '../../../sandbox';
import {
	admin,
	byIdLocator,
	loggedRequests,
	failure,
	newOrders,
	posts as postsOf,
	runOne,
	useSandbox,
} from '../helpers';

const DELIVERY_DELAY_MS = 150;

let sbx: RunningSandbox;

const sandbox = useSandbox({ deliveryDelayMs: DELIVERY_DELAY_MS });
beforeEach(() => {
	sbx = sandbox();
});

function posts() {
	return postsOf(sbx);
}

describe('Reuse Recent Order', () => {
	const createVps = (duration: string, options: INodeParameters = {}) =>
		runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byIdLocator(112233), duration, options });

	it('does not reuse an order of the same service for another period', async () => {
		const monthly = await createVps('P1M');
		const quarterly = await createVps('P3M');
		const quarterlyAgain = await createVps('P3M');

		expect(monthly.json('Node')[0]).toMatchObject({ orderId: 240000101, reused: false, priceWithoutTax: { value: 6 } });
		expect(quarterly.json('Node')[0]).toMatchObject({
			orderId: 240000102,
			duration: 'P3M',
			reused: false,
			priceWithoutTax: { value: 18 },
			priceWithTax: { value: 21.6 },
		});
		expect(quarterlyAgain.json('Node')[0]).toMatchObject({ orderId: 240000102, reused: true, priceWithoutTax: { value: 18 } });
		expect(newOrders(sbx).map((o) => [o.orderId, o.duration])).toEqual([
			[240000101, 'P1M'],
			[240000102, 'P3M'],
		]);
		expect(loggedRequests(sbx, 'POST', '/service/*/renew')).toHaveLength(2);
	});

	it.each(['expire', 'cancel'])('does not reuse an order that OVH made unpayable (%s): a new one is created', async (action) => {
		await createVps('P1M');
		await admin(sbx, 'POST', `/orders/240000101/${action}`);
		const again = await createVps('P1M');
		expect(again.json('Node')[0]).toMatchObject({ orderId: 240000102, reused: false, status: 'notPaid' });
		expect(loggedRequests(sbx, 'POST', '/service/*/renew')).toHaveLength(2);
	});

	it('turned off, a second run creates a second order', async () => {
		await createVps('P1M');
		const again = await createVps('P1M', { reuseRecentOrder: false });
		expect(again.json('Node')[0]).toMatchObject({ orderId: 240000102, reused: false });
		expect(loggedRequests(sbx, 'GET', '/me/order')).toHaveLength(1);
		expect(newOrders(sbx)).toHaveLength(2);
	});

	it('ignores orders older than the window', async () => {
		await createVps('P1M');
		const order = sbx.state().orders.find((o) => o.orderId === 240000101);
		if (!order) throw new Error('order 240000101 missing');
		order.date = new Date(Date.now() - 2 * 3_600_000).toISOString();
		const again = await createVps('P1M', { recentOrderWindowHours: 1 });
		expect(again.json('Node')[0]).toMatchObject({ orderId: 240000102, reused: false });
		const sameWindow = await createVps('P1M', { recentOrderWindowHours: 3 });
		expect(sameWindow.json('Node')[0]).toMatchObject({ orderId: 240000102, reused: true });
	});
});

describe('Create Renew Order', () => {
	it('dry run: returns the price, creates no order and returns orderId null', async () => {
		const ordersBefore = sbx.state().orders.length;
		const nextId = sbx.state().nextOrderId;

		const result = await runOne(sbx, 'ovhCreateRenewOrder', {
			serviceId: byIdLocator(67890),
			duration: 'P1Y',
			services: '67890, 12345',
			dryRun: true,
		});

		expect(result.status).toBe('success');
		expect(result.json('Node')).toEqual([
			expect.objectContaining({
				orderId: null,
				dryRun: true,
				status: null,
				reused: false,
				services: [67890, 12345],
				priceWithTax: expect.objectContaining({ value: 45.44 }) as unknown,
			}),
		]);
		expect(loggedRequests(sbx, 'POST', '/service/67890/renew').map((r) => r.body)).toEqual([
			{ dryRun: true, duration: 'P1Y', services: [67890, 12345] },
		]);
		// A dry run does not look for recent orders either.
		expect(loggedRequests(sbx, 'GET', '/me/order')).toHaveLength(0);
		expect(sbx.state().orders).toHaveLength(ordersBefore);
		expect(sbx.state().nextOrderId).toBe(nextId);
	});

	it("sends the guide's exact POST body for the hosting + domain bundle", async () => {
		const result = await runOne(sbx, 'ovhCreateRenewOrder', {
			serviceId: byIdLocator(12345),
			duration: 'P1Y',
			services: '67890, 12345',
		});
		expect(result.status).toBe('success');
		expect(loggedRequests(sbx, 'POST').map((r) => [r.path, r.body])).toEqual([
			['/service/12345/renew', { dryRun: false, duration: 'P1Y', services: [67890, 12345] }],
		]);
		expect(result.json('Node')[0]).toMatchObject({ orderId: 240000101, priceWithTax: { value: 45.44 } });
	});

	it.each([
		['a period OVH does not offer', 12345, 'P2Y', '', 'renew services [12345] for P2Y'],
		['the hosting alone (only sold with its domain)', 67890, 'P1Y', '67890', 'renew services [67890] for P1Y'],
		['the VPS with its backup for P6M (bundle offered for P1M/P3M only)', 112233, 'P6M', '112233,112234', 'renew services [112233, 112234] for P6M'],
	])('Verify Strategy refuses %s before any POST and lists the offers', async (_label, serviceId, duration, services, fragment) => {
		const result = await runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byIdLocator(serviceId), duration, services });

		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe(`OVH does not offer to ${fragment} (item 1)`);
		expect(description).toContain('OVH offers: ');
		expect(description).toContain('turn off Verify Strategy');
		expect(loggedRequests(sbx, 'GET', `/service/${serviceId}/renew`)).toHaveLength(1);
		expect(loggedRequests(sbx, 'GET', `/service/${serviceId}/renew`)[0].query).toEqual({ includeOptions: 'true' });
		expect(posts()).toHaveLength(0);
		expect(sbx.state().orders).toHaveLength(1);
	});

	it('the offers listed by Verify Strategy name every period, service combination and price', async () => {
		const result = await runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byIdLocator(12345), duration: 'P2Y' });
		expect(failure(result).description).toContain(
			'OVH offers: P1Y for services [12345] at 1.99 €; P1Y for services [67890, 12345] at 37.87 €.',
		);
		const vps = await runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byIdLocator(112233), duration: 'P2Y' });
		expect(failure(vps).description).toContain(
			'OVH offers: P1M for services [112233] at 6.00 €; P1M for services [112233, 112234] at 8.40 €; ' +
				'P3M for services [112233] at 18.00 €; P3M for services [112233, 112234] at 25.20 €; ' +
				'P6M for services [112233] at 34.20 €; P1Y for services [112233] at 64.80 €.',
		);
	});
});
