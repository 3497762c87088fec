// Date arithmetic of the nodes: daysUntil (nodes/shared/services.ts) counts whole UTC days to an expiration date,
// isExpired (nodes/shared/orders.ts) says whether an order can no longer be paid, addPeriod (Pay Order) moves a date.
import { addPeriod } from '../../nodes/OvhPayOrder/delivery';
import { isExpired } from '../../nodes/shared/orders';
import type { OvhOrder } from '../../nodes/shared/api/orders';
import { daysUntil } from '../../nodes/shared/services';

const at = (iso: string) => Date.parse(iso);

describe('daysUntil', () => {
	it('counts whole days from today (UTC), whatever the time of day', () => {
		expect(daysUntil('2030-01-11', at('2030-01-01T00:00:00Z'))).toBe(10);
		expect(daysUntil('2030-01-11', at('2030-01-01T23:59:59Z'))).toBe(10);
		expect(daysUntil('2030-01-01', at('2030-01-01T18:00:00Z'))).toBe(0);
		expect(daysUntil('2030-01-02', at('2030-01-01T23:59:59.999Z'))).toBe(1);
	});

	it('is negative for a past date', () => {
		expect(daysUntil('2029-12-31', at('2030-01-01T00:00:01Z'))).toBe(-1);
		expect(daysUntil('2029-01-01', at('2030-01-01T12:00:00Z'))).toBe(-365);
	});

	it('crosses month ends, leap days and DST changes without drift', () => {
		expect(daysUntil('2028-03-01', at('2028-02-28T12:00:00Z'))).toBe(2);
		expect(daysUntil('2029-03-01', at('2029-02-28T12:00:00Z'))).toBe(1);
		expect(daysUntil('2030-04-01', at('2030-03-30T12:00:00Z'))).toBe(2);
		expect(daysUntil('2031-01-01', at('2030-01-01T12:00:00Z'))).toBe(365);
	});

	it('reads only the date of a timestamp (OVH sends both forms)', () => {
		expect(daysUntil('2030-01-11T23:30:00+02:00', at('2030-01-01T00:00:00Z'))).toBe(10);
		expect(daysUntil('2030-01-11T00:00:00.000Z', at('2030-01-01T00:00:00Z'))).toBe(10);
	});

	it.each([[undefined], [null], [''], ['soon'], ['2030-13-01'], ['11/01/2030']])('is null for %p', (date) => {
		expect(daysUntil(date, at('2030-01-01T00:00:00Z'))).toBeNull();
	});
});

describe('isExpired (orders)', () => {
	const order = (expirationDate?: string): OvhOrder => ({ orderId: 240000101, date: '2030-01-01T10:00:00+01:00', expirationDate });
	const NOW = at('2030-01-15T10:00:00Z');

	it('is true from the expiration instant on', () => {
		expect(isExpired(order('2030-01-15T10:00:00Z'), NOW)).toBe(true);
		expect(isExpired(order('2030-01-15T10:59:59+01:00'), NOW)).toBe(true);
		expect(isExpired(order('2030-01-01T00:00:00Z'), NOW)).toBe(true);
	});

	it('is false before it, and when the date is missing or unreadable', () => {
		expect(isExpired(order('2030-01-15T10:00:01Z'), NOW)).toBe(false);
		expect(isExpired(order('2030-01-15T11:00:01+01:00'), NOW)).toBe(false);
		expect(isExpired(order(undefined), NOW)).toBe(false);
		expect(isExpired(order(''), NOW)).toBe(false);
		expect(isExpired(order('not a date'), NOW)).toBe(false);
	});
});

describe('addPeriod (Pay Order: did the expiration move by the period?)', () => {
	it('adds years and months, clamping month ends, and refuses periods it cannot add', () => {
		expect(addPeriod('2030-01-31', 'P1M')).toBe('2030-02-28');
		expect(addPeriod('2028-01-31', 'P1M')).toBe('2028-02-29');
		expect(addPeriod('2030-11-15', 'P3M')).toBe('2031-02-15');
		expect(addPeriod('2028-02-29', 'P1Y')).toBe('2029-02-28');
		expect(addPeriod('2030-06-30', 'P1Y6M')).toBe('2031-12-30');
		expect(addPeriod('2030-06-30', 'P10D')).toBeUndefined();
	});
});
