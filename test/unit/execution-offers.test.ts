// Create Renew Order takes the offer List Renew Strategies read in the same execution, only for the very same order
// and only while it is recent (a workflow that waited for an approval reads the offers again).
import type { IExecuteFunctions } from 'n8n-workflow';

import { OFFER_TTL_MS, offeredInExecution, rememberOffers } from '../../nodes/shared/execution-offers';
import type { StrategyItem } from '../../nodes/shared/renew';

const context = (id: string) => ({ getExecutionId: () => id }) as unknown as IExecuteFunctions;
const strategy: StrategyItem = {
	serviceId: 12345,
	renewPeriod: 'P1Y',
	services: [67890, 12345],
	servicesDetails: [],
	price: { value: 37.87, currencyCode: 'EUR' },
	priceInUcents: null,
	onlyThisService: false,
};

afterEach(() => jest.restoreAllMocks());

describe('offers remembered for the execution', () => {
	it('answers the same service, period and services (in any order), in the same execution only', () => {
		rememberOffers(context('e1'), [strategy]);
		expect(offeredInExecution(context('e1'), { serviceId: 12345, duration: 'p1y', services: [12345, 67890] })).toEqual({ price: strategy.price });
		expect(offeredInExecution(context('e1'), { serviceId: 12345, duration: 'P1Y', services: [12345] })).toBeUndefined();
		expect(offeredInExecution(context('e2'), { serviceId: 12345, duration: 'P1Y', services: [67890, 12345] })).toBeUndefined();
	});

	it('forgets an offer older than OFFER_TTL_MS (read again after a long approval wait)', () => {
		const start = Date.now();
		jest.spyOn(Date, 'now').mockReturnValue(start);
		rememberOffers(context('e3'), [strategy]);
		const order = { serviceId: 12345, duration: 'P1Y', services: [67890, 12345] };
		jest.spyOn(Date, 'now').mockReturnValue(start + OFFER_TTL_MS);
		expect(offeredInExecution(context('e3'), order)).toEqual({ price: strategy.price });
		jest.spyOn(Date, 'now').mockReturnValue(start + OFFER_TTL_MS + 1);
		expect(offeredInExecution(context('e3'), order)).toBeUndefined();
	});
});
