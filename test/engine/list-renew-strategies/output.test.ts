// List Renew Strategies in n8n's engine against the OVH sandbox: the shapes of its output.

import type { RunningSandbox } from '../../../sandbox';
import {
	byIdLocator,
	callList,
	loggedRequests,
	runOne,
	useSandbox,
} from '../helpers';

const DELIVERY_DELAY_MS = 150;

let sbx: RunningSandbox;

const sandbox = useSandbox({ deliveryDelayMs: DELIVERY_DELAY_MS });
beforeEach(() => {
	sbx = sandbox();
});

describe('List Renew Strategies output', () => {
	it('one flat item per strategy with serviceId, renewPeriod, services, servicesDetails, price, priceInUcents, onlyThisService', async () => {
		const result = await runOne(sbx, 'ovhListRenewStrategies', { serviceId: byIdLocator(12345) });

		expect(result.status).toBe('success');
		expect(result.json('Node')).toEqual([
			{
				serviceId: 12345,
				renewPeriod: 'P1Y',
				services: [12345],
				servicesDetails: [{ serviceId: 12345, serviceName: 'example-shop.ovh', serviceType: 'Domain .ovh' }],
				price: { value: 1.99, currencyCode: 'EUR', text: '1.99 €', priceInUcents: 199000000 },
				priceInUcents: 199000000,
				onlyThisService: true,
			},
			{
				serviceId: 12345,
				renewPeriod: 'P1Y',
				services: [67890, 12345],
				servicesDetails: [
					{ serviceId: 67890, serviceName: 'exampleshop.cluster021.hosting.ovh.net', serviceType: 'Hosting Perso 2014' },
					{ serviceId: 12345, serviceName: 'example-shop.ovh', serviceType: 'Domain .ovh' },
				],
				price: { value: 37.87, currencyCode: 'EUR', text: '37.87 €', priceInUcents: 3787000000 },
				priceInUcents: 3787000000,
				onlyThisService: false,
			},
		]);
		expect(callList(sbx)).toEqual(['GET /service/12345/renew']);
		expect(loggedRequests(sbx, 'GET', '/service/12345/renew')[0].query).toEqual({ includeOptions: 'false' });
	});

	it('filters by period, this service alone and max price; Include Options adds the option bundles', async () => {
		const filtered = await runOne(sbx, 'ovhListRenewStrategies', {
			serviceId: byIdLocator(112233),
			includeOptions: true,
			filters: { renewPeriod: 'p3m', onlyThisService: false, maxPrice: 20 },
		});
		expect(filtered.json('Node').map((s) => [s.renewPeriod, s.services, (s.price as { value: number }).value])).toEqual([
			['P3M', [112233], 18],
		]);

		const withOptions = await runOne(sbx, 'ovhListRenewStrategies', {
			serviceId: byIdLocator(112233),
			includeOptions: true,
			filters: { renewPeriod: 'P1M' },
		});
		expect(withOptions.json('Node').map((s) => [s.services, s.onlyThisService])).toEqual([
			[[112233], true],
			[[112233, 112234], false],
		]);
	});

	it("raw output: one item per renew period, as OVH's RenewDescription plus serviceId", async () => {
		const result = await runOne(sbx, 'ovhListRenewStrategies', {
			serviceId: byIdLocator(112233),
			output: 'raw',
		});
		expect(result.status).toBe('success');
		const items = result.json('Node');
		expect(items.map((i) => i.renewPeriod)).toEqual(['P1M', 'P3M', 'P6M', 'P1Y']);
		expect(items[1]).toEqual({
			serviceId: 112233,
			renewPeriod: 'P3M',
			strategies: [
				{
					price: { value: 18, currencyCode: 'EUR', text: '18.00 €', priceInUcents: 1800000000 },
					priceInUcents: 1800000000,
					services: [112233],
					servicesDetails: [{ serviceId: 112233, serviceName: 'vps112233.ovh.net', serviceType: 'VPS Value 1-2-40' }],
				},
			],
		});
	});
});
