// Renew strategies of nodes/shared/renew.ts: OVH's `GET /service/{id}/renew` answer flattened to one item per offer,
// the filters, and how offers read in messages.
import { describeOffers, flattenStrategies, matchesFilters, priceText, sameIds } from '../../nodes/shared/renew';
import type { OvhRenewDescription } from '../../nodes/shared/api/renew';
import type { StrategyItem } from '../../nodes/shared/renew';

/** The sandbox's answer for the domain 12345 (alone, or bundled with the hosting 67890). */
const DOMAIN_RENEW: OvhRenewDescription[] = [
	{
		renewPeriod: 'P1Y',
		strategies: [
			{ price: { value: 1.99, currencyCode: 'EUR', text: '1.99 €', priceInUcents: 199000000 }, services: [12345], servicesDetails: [{ serviceId: 12345, serviceName: 'example-shop.ovh' }] },
			{ price: { value: 37.87, currencyCode: 'EUR', text: '37.87 €' }, priceInUcents: 3787000000, services: [67890, 12345] },
		],
	},
	{ renewPeriod: 'P2Y', strategies: [{ price: { value: 3.98, currencyCode: 'EUR' }, services: [12345] }] },
];

describe('sameIds', () => {
	it('compares as sets of numbers, in any order', () => {
		expect(sameIds([12345], [12345])).toBe(true);
		expect(sameIds([67890, 12345], [12345, 67890])).toBe(true);
		expect(sameIds(['12345' as unknown as number], [12345])).toBe(true);
		expect(sameIds([], [])).toBe(true);
	});

	it('is false for other IDs or another count', () => {
		expect(sameIds([12345], [67890])).toBe(false);
		expect(sameIds([12345], [12345, 67890])).toBe(false);
		expect(sameIds([12345, 67890], [12345])).toBe(false);
		expect(sameIds([], [12345])).toBe(false);
		expect(sameIds([1, 1], [1, 2])).toBe(false);
	});

	it('is false when one side repeats an ID the other lists once', () => {
		// [12345, 67890] vs [12345, 12345]: same length, and every ID of the second is in the first.
		expect(sameIds([12345, 67890], [12345, 12345])).toBe(false);
	});
});

describe('flattenStrategies', () => {
	it('gives one item per offer, periods in order, with the service asked for', () => {
		const items = flattenStrategies(12345, DOMAIN_RENEW);
		expect(items.map((s) => [s.renewPeriod, s.services, s.onlyThisService])).toEqual([
			['P1Y', [12345], true],
			['P1Y', [67890, 12345], false],
			['P2Y', [12345], true],
		]);
		expect(items.every((s) => s.serviceId === 12345)).toBe(true);
	});

	it('takes priceInUcents from the strategy, else from the price, else null; servicesDetails default to []', () => {
		const items = flattenStrategies(12345, DOMAIN_RENEW);
		expect(items.map((s) => s.priceInUcents)).toEqual([199000000, 3787000000, null]);
		expect(items[0].servicesDetails).toEqual([{ serviceId: 12345, serviceName: 'example-shop.ovh' }]);
		expect(items[1].servicesDetails).toEqual([]);
		expect(items[0].price).toBe(DOMAIN_RENEW[0].strategies[0].price);
	});

	it('reads service IDs sent as strings as numbers', () => {
		const [item] = flattenStrategies(12345, [{ renewPeriod: 'P1M', strategies: [{ price: { value: 1 }, services: ['12345' as unknown as number] }] }]);
		expect(item.services).toEqual([12345]);
		expect(item.onlyThisService).toBe(true);
	});

	it('is empty for no periods, and skips periods without strategies', () => {
		expect(flattenStrategies(12345, [])).toEqual([]);
		expect(flattenStrategies(12345, [{ renewPeriod: 'P1Y', strategies: [] }, { renewPeriod: 'P2Y' } as OvhRenewDescription])).toEqual([]);
	});
});

describe('matchesFilters', () => {
	const [alone, bundle, twoYears] = flattenStrategies(12345, DOMAIN_RENEW);

	it('matches everything without filters', () => {
		expect([alone, bundle, twoYears].every((s) => matchesFilters(s, {}))).toBe(true);
	});

	it('filters on the period, whatever its case', () => {
		expect(matchesFilters(alone, { renewPeriod: 'P1Y' })).toBe(true);
		expect(matchesFilters(alone, { renewPeriod: 'p1y' })).toBe(true);
		expect(matchesFilters(twoYears, { renewPeriod: 'P1Y' })).toBe(false);
	});

	it('keeps only the offers for this service alone when asked', () => {
		expect(matchesFilters(alone, { onlyThisService: true })).toBe(true);
		expect(matchesFilters(bundle, { onlyThisService: true })).toBe(false);
		expect(matchesFilters(bundle, { onlyThisService: false })).toBe(true);
	});

	it('caps the price, the cap included; 0 is a cap, a price without a value never passes one', () => {
		expect(matchesFilters(alone, { maxPrice: 1.99 })).toBe(true);
		expect(matchesFilters(alone, { maxPrice: 1.98 })).toBe(false);
		expect(matchesFilters(alone, { maxPrice: 0 })).toBe(false);
		const noPrice = { ...alone, price: undefined } as unknown as StrategyItem;
		expect(matchesFilters(noPrice, { maxPrice: 1000 })).toBe(false);
		expect(matchesFilters(noPrice, {})).toBe(true);
	});

	it('combines filters', () => {
		expect(matchesFilters(alone, { renewPeriod: 'P1Y', onlyThisService: true, maxPrice: 2 })).toBe(true);
		expect(matchesFilters(bundle, { renewPeriod: 'P1Y', onlyThisService: false, maxPrice: 2 })).toBe(false);
	});
});

describe('priceText and describeOffers', () => {
	it("uses OVH's text, else value and currency", () => {
		expect(priceText({ value: 1.99, currencyCode: 'EUR', text: '1.99 €' })).toBe('1.99 €');
		expect(priceText({ value: 3.98, currencyCode: 'EUR' })).toBe('3.98 EUR');
		expect(priceText({ value: 0 })).toBe('0');
		expect(priceText(undefined)).toBe('no price');
	});

	it('lists every offer with its period, services and price', () => {
		expect(describeOffers(flattenStrategies(12345, DOMAIN_RENEW))).toBe(
			'P1Y for services [12345] at 1.99 €; P1Y for services [67890, 12345] at 37.87 €; P2Y for services [12345] at 3.98 EUR',
		);
	});

	it('says when there is nothing to offer', () => {
		expect(describeOffers([])).toBe('OVH offers no renewal for this service');
	});
});
