// Create Renew Order reuses only what is provably the same renewal, converges identical concurrent runs on one
// order, and says honestly what happened when a request failed (issue 10, findings 2, 3, 6, 8, 9).
import type { INodeParameters } from 'n8n-workflow';

import type { RunningSandbox } from '../../../sandbox';
import { byIdLocator, failure, loggedRequests, newOrders, runOne, useSandbox } from '../helpers';

let sbx: RunningSandbox;

const sandbox = useSandbox({ deliveryDelayMs: 150 });
beforeEach(() => {
	sbx = sandbox();
});

const create = (serviceId: number, duration: string, parameters: INodeParameters = {}, extra = {}) =>
	runOne(sbx, 'ovhCreateRenewOrder', { serviceId: byIdLocator(serviceId), duration, ...parameters }, { extra });

describe('reuse needs proof', () => {
	it('finding 2: with Verify Strategy off, an unpaid P1M order is not reused for P1Y (its plan duration says P1M)', async () => {
		const monthly = await create(112233, 'P1M', { verifyStrategy: false });
		expect(monthly.json('Node')[0]).toMatchObject({ orderId: 240000101, reused: false });

		const yearly = await create(112233, 'P1Y', { verifyStrategy: false });
		expect(yearly.status).toBe('success');
		expect(yearly.json('Node')[0]).toMatchObject({ orderId: 240000102, reused: false, duration: 'P1Y', priceWithoutTax: { value: 64.8 } });
		expect(newOrders(sbx).map((o) => [o.orderId, o.duration])).toEqual([
			[240000101, 'P1M'],
			[240000102, 'P1Y'],
		]);
	});

	it('a reused order shows its own period, its price and how it was proven', async () => {
		await create(112233, 'P3M', { verifyStrategy: false });
		const again = await create(112233, 'P3M', { verifyStrategy: false });
		expect(again.json('Node')[0]).toMatchObject({
			orderId: 240000101,
			reused: true,
			orderDuration: 'P3M',
			matchedBy: 'services by name and plan, period from the order details',
			priceWithoutTax: { value: 18 },
		});
	});

	it('finding 9: a name shared by a domain and its DNS zone: the zone order is not taken for the domain, and the output says the name is shared', async () => {
		// the demo zone renews automatically; give it a yearly offer so an order for it can exist
		sbx.state().renewOffers.push({ renewPeriod: 'P1Y', services: [990022], price: 1.99, offeredOn: [990022], option: false, breakdown: null });
		const zone = await create(990022, 'P1Y', { verifyStrategy: false });
		expect(zone.status).toBe('success');
		const zoneOrder = zone.json('Node')[0].orderId;

		const domain = await create(12345, 'P1Y');
		expect(domain.status).toBe('success');
		const out = domain.json('Node')[0];
		expect(out).toMatchObject({ reused: false, sharedNames: ['example-shop.ovh'] });
		expect(out.orderId).not.toBe(zoneOrder);
		expect(String(out.sharedNameNote)).toContain('example-shop.ovh is also the name of another service');
		expect(loggedRequests(sbx, 'POST', '/service/*/renew')).toHaveLength(2);
	});

	it('without the order detail extension and without a verified price, a same-name order is never reused nor called paid: the node stops naming it', async () => {
		sbx.addFault({ method: 'GET', path: '/me/order/*/details/*/extension', type: 'status', status: 404, times: -1 });
		await create(112233, 'P1Y', { verifyStrategy: false });
		const again = await create(112233, 'P1Y', { verifyStrategy: false });

		expect(again.status).toBe('error');
		const { message, description } = failure(again);
		expect(message).toContain('Order 240000101 of the last 24 hours may already renew services [112233], but that cannot be proven');
		expect(description).toContain('its period (OVH gave no plan duration and no verified price)');
		expect(description).toContain('Nothing was ordered');
		expect(loggedRequests(sbx, 'POST', '/service/*/renew')).toHaveLength(1);
	});

	it('without the extension, the verified strategy price proves the renewal', async () => {
		sbx.addFault({ method: 'GET', path: '/me/order/*/details/*/extension', type: 'status', status: 404, times: -1 });
		await create(112233, 'P1Y');
		const again = await create(112233, 'P1Y');
		expect(again.json('Node')[0]).toMatchObject({
			orderId: 240000101,
			reused: true,
			orderDuration: null,
			matchedBy: 'services by their unique name, period from the price',
		});
		expect(loggedRequests(sbx, 'POST', '/service/*/renew')).toHaveLength(1);
		expect(loggedRequests(sbx, 'GET', '/services')).toHaveLength(1);
	});

	it('without the extension, a shared name at the same price is not proof: the zone order is not taken for the domain, the node stops', async () => {
		sbx.addFault({ method: 'GET', path: '/me/order/*/details/*/extension', type: 'status', status: 404, times: -1 });
		// the zone's yearly price equals the domain's (1.99): only the account's other services named alike tell them apart
		sbx.state().renewOffers.push({ renewPeriod: 'P1Y', services: [990022], price: 1.99, offeredOn: [990022], option: false, breakdown: null });
		await create(990022, 'P1Y', { verifyStrategy: false });
		const domain = await create(12345, 'P1Y');
		expect(domain.status).toBe('error');
		const { message, description } = failure(domain);
		expect(message).toContain('may already renew services [12345], but that cannot be proven');
		expect(description).toContain('which of the services with these names it renews (OVH gave no plan code, and the name is shared)');
		expect(loggedRequests(sbx, 'POST', '/service/*/renew')).toHaveLength(1);
	});
});

describe('concurrent identical executions converge on one order', () => {
	it('finding 8: 10 executions started at once all answer the same (lowest) order; the extra orders stay unpaid', async () => {
		const runs = await Promise.all(Array.from({ length: 10 }, async () => await create(112233, 'P1Y')));
		const ids = runs.map((run) => {
			expect(run.status).toBe('success');
			return run.json('Node')[0].orderId as number;
		});
		const created = newOrders(sbx).map((o) => o.orderId);
		expect(created.length).toBeGreaterThanOrEqual(1);
		expect(new Set(ids)).toEqual(new Set([Math.min(...created)]));
		const superseded = runs.map((run) => run.json('Node')[0].supersededOrderId).filter(Boolean);
		expect(superseded.length + 1).toBeGreaterThanOrEqual(created.length);
	});
});

describe('honest outcomes', () => {
	it('finding 3: a refused connection says nothing was sent, and does not mention Reuse Recent Order when it is off', async () => {
		const port = new URL(sbx.baseUrl).port;
		const closed = sbx.baseUrl.replace(`:${port}`, ':9');
		const run = await runOne(
			sbx,
			'ovhCreateRenewOrder',
			{ serviceId: byIdLocator(112233), duration: 'P1Y', verifyStrategy: false, options: { reuseRecentOrder: false } },
			{ credential: { customUrl: closed, timeDelta: '0' } },
		);
		expect(run.status).toBe('error');
		const { description } = failure(run);
		expect(description).toContain('Nothing reached OVH: no order was created');
		expect(description).not.toContain('may or may not');
		expect(description).not.toContain('Reuse Recent Order');
	});

	it('finding 6: a failed read of the recent orders is not handed to the next items', async () => {
		sbx.addFault({ method: 'GET', path: '/me/order', type: 'status', status: 403, times: 1 });
		const run = await runOne(
			sbx,
			'ovhCreateRenewOrder',
			{ serviceId: byIdLocator('={{ $json.serviceId }}'), duration: 'P1Y' },
			{
				inputItems: [{ json: { serviceId: 112233 } }, { json: { serviceId: 12345 } }],
				extra: { onError: 'continueRegularOutput' },
			},
		);
		expect(run.status).toBe('success');
		const [first, second] = run.json('Node');
		expect(first).toMatchObject({ httpCode: '403' });
		expect(second).toMatchObject({ serviceId: 12345, reused: false, status: 'notPaid' });
		expect(loggedRequests(sbx, 'POST', '/service/*/renew')).toHaveLength(1);
	});
});
