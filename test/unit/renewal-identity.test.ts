import { judgeCandidate, matchLines, namesMatch, samePrice } from '../../nodes/shared/renewal-identity';
import type { WantedService } from '../../nodes/shared/renewal-identity';

const domain: WantedService = { serviceId: 1, name: 'example-shop.ovh', planCode: 'domain-ovh' };
const zone: WantedService = { serviceId: 2, name: 'example-shop.ovh', planCode: 'zone' };
const hosting: WantedService = { serviceId: 3, name: 'example-shop.ovh', planCode: 'hosting-perso' };
const vps: WantedService = { serviceId: 4, name: 'vps112233.ovh.net', planCode: 'vps-starter' };

describe('samePrice', () => {
	it('compares to the half cent and refuses unknown or non-finite prices', () => {
		expect(samePrice(1.99, 1.994)).toBe(true);
		expect(samePrice(1.99, 2)).toBe(false);
		expect(samePrice(undefined, 1)).toBe(false);
		expect(samePrice(Number.NaN, Number.NaN)).toBe(false);
	});
});

describe('matchLines / namesMatch', () => {
	it('assigns lines one to one, using the plan code to tell services of one name apart', () => {
		const lines = [{ domain: 'example-shop.ovh', planCode: 'zone' }, { domain: 'example-shop.ovh' }];
		expect(matchLines([domain, zone], lines)).toEqual([{ domain: 'example-shop.ovh' }, lines[0]]);
		expect(matchLines([domain, hosting], [{ domain: 'example-shop.ovh', planCode: 'zone' }, { domain: 'example-shop.ovh' }])).toBeUndefined();
	});
	it('needs as many lines as services', () => {
		expect(matchLines([domain], [{ domain: 'example-shop.ovh' }, { domain: 'example-shop.ovh' }])).toBeUndefined();
		expect(namesMatch([domain, hosting], [{ domain: 'example-shop.ovh' }])).toBe(false);
		expect(namesMatch([vps, domain], [{ domain: 'example-shop.ovh' }, { domain: 'vps112233.ovh.net' }])).toBe(true);
	});
});

describe('judgeCandidate', () => {
	it('proves the same renewal from the plan code and the plan duration, whatever the price knowledge', () => {
		const verdict = judgeCandidate([vps], 'P1Y', undefined, {
			orderId: 10,
			lines: [{ domain: 'vps112233.ovh.net', planCode: 'vps-starter', duration: 'p1y' }],
		});
		expect(verdict).toEqual({ kind: 'same', proof: 'services by name and plan, period from the order details', sharedNames: [] });
	});

	it('finds another period from the plan duration even when the strategy was not verified (finding 2: P1M reused as P1Y)', () => {
		const verdict = judgeCandidate([vps], 'P1Y', undefined, {
			orderId: 11,
			priceWithoutTax: 5,
			lines: [{ domain: 'vps112233.ovh.net', planCode: 'vps-starter', duration: 'P1M' }],
		});
		expect(verdict.kind).toBe('different');
		expect(verdict).toHaveProperty('reason', 'order 11 renews for P1M, not P1Y');
	});

	it('without plan durations, a period is proven only by the verified price', () => {
		const lines = [{ domain: 'vps112233.ovh.net', planCode: 'vps-starter' }];
		expect(judgeCandidate([vps], 'P1Y', 64.8, { orderId: 12, lines, priceWithoutTax: 64.8 }).kind).toBe('same');
		expect(judgeCandidate([vps], 'P1Y', 64.8, { orderId: 12, lines, priceWithoutTax: 6 }).kind).toBe('different');
		const unknown = judgeCandidate([vps], 'P1Y', undefined, { orderId: 12, lines, priceWithoutTax: 64.8 });
		expect(unknown.kind).toBe('unprovable');
		expect(unknown).toHaveProperty('reason', expect.stringContaining('order 12 renews vps112233.ovh.net, but its period'));
	});

	it('a name shared by a domain, its zone and its hosting: another plan is another service, and the name is reported', () => {
		const verdict = judgeCandidate([domain], 'P1Y', undefined, {
			orderId: 13,
			lines: [{ domain: 'example-shop.ovh', planCode: 'zone', duration: 'P1Y' }],
		});
		expect(verdict).toEqual({ kind: 'different', reason: 'order 13 renews other services', sharedNames: ['example-shop.ovh'] });
	});

	it('a name-only line (no plan code) with a known period is unprovable: it may be the zone or the hosting', () => {
		const verdict = judgeCandidate([domain], 'P1Y', undefined, {
			orderId: 14,
			lines: [{ domain: 'example-shop.ovh', duration: 'P1Y' }],
		});
		expect(verdict.kind).toBe('unprovable');
		expect(verdict).toHaveProperty('reason', expect.stringContaining('which of the services with these names it renews'));
	});

	it('without plan codes, a name proves the service only when no other service of the account has it, whatever the price', () => {
		const lines = [{ domain: 'example-shop.ovh' }];
		const shared = judgeCandidate([{ ...domain, nameUnique: false }], 'P1Y', 1.99, { orderId: 16, lines, priceWithoutTax: 1.99 });
		expect(shared.kind).toBe('unprovable');
		const unique = judgeCandidate([{ ...domain, nameUnique: true }], 'P1Y', 1.99, { orderId: 16, lines, priceWithoutTax: 1.99 });
		expect(unique).toEqual({ kind: 'same', proof: 'services by their unique name, period from the price', sharedNames: [] });
	});

	it('a bundle is only the same bundle: one line more or less is another order', () => {
		const both = [
			{ domain: 'example-shop.ovh', planCode: 'hosting-perso', duration: 'P1Y' },
			{ domain: 'example-shop.ovh', planCode: 'domain-ovh', duration: 'P1Y' },
		];
		expect(judgeCandidate([domain, hosting], 'P1Y', undefined, { orderId: 15, lines: both }).kind).toBe('same');
		expect(judgeCandidate([domain], 'P1Y', undefined, { orderId: 15, lines: both }).kind).toBe('different');
	});
});
