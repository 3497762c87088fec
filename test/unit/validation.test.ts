// Input checks of nodes/shared/validation.ts: every refusal names the field and the item (1-based) and says how to fix it.
import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import {
	itemLabel,
	locatorValue,
	optionalAmount,
	parseDuration,
	parseIdList,
	parsePositiveId,
	requireText,
} from '../../nodes/shared/validation';

const NODE: INode = { id: 'n1', name: 'Create Renew Order', type: 'n8n-nodes-ovh-renewal.ovhCreateRenewOrder', typeVersion: 1, position: [0, 0], parameters: {} };

/** The NodeOperationError `fn` throws (fails the test if it returns). */
function refusal(fn: () => unknown): NodeOperationError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected a refusal, got a value');
}

describe('itemLabel and locatorValue', () => {
	it('numbers items from 1, as the editor shows them', () => {
		expect(itemLabel(0)).toBe('item 1');
		expect(itemLabel(41)).toBe('item 42');
	});

	it('reads a resource locator, a { mode, value } pair, or the plain value', () => {
		expect(locatorValue({ __rl: true, mode: 'id', value: '12345' })).toBe('12345');
		expect(locatorValue({ mode: 'list', value: 67890 })).toBe(67890);
		expect(locatorValue('12345')).toBe('12345');
		expect(locatorValue(null)).toBeNull();
		expect(locatorValue({ value: 1 })).toEqual({ value: 1 });
	});
});

describe('parsePositiveId', () => {
	it.each([
		[12345, 12345],
		['12345', 12345],
		['  445566 ', 445566],
		['007', 7],
		[Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
	])('accepts %p', (raw, id) => {
		expect(parsePositiveId(NODE, 0, 'Service', raw)).toBe(id);
	});

	it.each([
		['', 'an empty value'],
		['   ', 'an empty value'],
		[0, '0'],
		['0', '"0"'],
		[-5, '-5'],
		['-5', '"-5"'],
		[12.5, '12.5'],
		['1e3', '"1e3"'],
		['12 345', '"12 345"'],
		['vps112233.ovh.net', '"vps112233.ovh.net"'],
		[null, 'null'],
		[undefined, 'nothing'],
		[String(Number.MAX_SAFE_INTEGER + 2), `"${Number.MAX_SAFE_INTEGER + 2}"`],
	])('refuses %p, naming field, item and value', (raw, shown) => {
		const error = refusal(() => parsePositiveId(NODE, 2, 'Service', raw));
		expect(error.message).toBe(`Service must be a positive whole number (item 3), got ${shown}`);
		expect(error.description).toBe('Enter the numeric OVH ID, e.g. 12345, or map it from the previous node with an expression such as {{ $json.serviceId }}.');
	});

	it('refuses NaN and Infinity', () => {
		expect(refusal(() => parsePositiveId(NODE, 0, 'Order ID', Number.NaN)).message).toMatch(/^Order ID must be a positive whole number \(item 1\)/);
		expect(refusal(() => parsePositiveId(NODE, 0, 'Order ID', Number.POSITIVE_INFINITY)).message).toMatch(/^Order ID must be a positive whole number \(item 1\)/);
	});

	it('maps the hint to the output field of each known ID, and uses the example given', () => {
		expect(refusal(() => parsePositiveId(NODE, 0, 'Order ID', 'x', '123456789')).description).toBe(
			'Enter the numeric OVH ID, e.g. 123456789, or map it from the previous node with an expression such as {{ $json.orderId }}.',
		);
		expect(refusal(() => parsePositiveId(NODE, 0, 'Payment Mean ID', 'x', '1234')).description).toContain('{{ $json.paymentMeanId }}');
		expect(refusal(() => parsePositiveId(NODE, 0, 'Payment Method', 'x', '1111')).description).toContain('{{ $json.paymentMethodId }}');
		expect(refusal(() => parsePositiveId(NODE, 0, 'Bill', 'x', '42')).description).toBe('Enter the numeric OVH ID, e.g. 42.');
	});
});

describe('parseIdList', () => {
	it.each([
		['67890, 12345', [67890, 12345]],
		[' 67890 ,12345 ', [67890, 12345]],
		['12345', [12345]],
		[12345, [12345]],
		[[12345, '67890'], [12345, 67890]],
		['[12345, 67890]', [12345, 67890]],
		['12345, 12345, 67890, 12345', [12345, 67890]],
		[[12345, 12345], [12345]],
		['', []],
		['   ', []],
		[null, []],
		[undefined, []],
		[[], []],
	])('reads %p as %p (duplicates dropped, order kept)', (raw, ids) => {
		expect(parseIdList(NODE, 0, 'Services', raw)).toEqual(ids);
	});

	it.each([
		['abc, def', '"abc"'],
		['12345,', 'an empty value'],
		['12345,,67890', 'an empty value'],
		['-1, 12345', '"-1"'],
		['0', '"0"'],
		['12 345', '"12 345"'],
		[[12345, 0], '0'],
		[[12345, 1.5], '1.5'],
		[[12345, null], 'null'],
		[[12345, { id: 67890 }], '{"id":67890}'],
		['[12345', '"[12345"'],
		[{ id: 1 }, '{"id":1}'],
		[true, 'true'],
	])('refuses %p, naming the bad part and the item', (raw, shown) => {
		const error = refusal(() => parseIdList(NODE, 1, 'Services', raw));
		expect(error.message).toBe(`Services must list positive whole numbers (item 2): ${shown} is not a service ID`);
		expect(error.description).toMatch(/^Enter service IDs separated by commas, e.g. 67890, 12345/);
	});

	it('refuses an ID past the safe-integer range given as text, as it does for a number (it would round to another ID)', () => {
		expect(() => parseIdList(NODE, 0, 'Services', '9007199254740993')).toThrow(NodeOperationError);
	});
});

describe('parseDuration', () => {
	it.each([
		['P1Y', 'P1Y'],
		['P1M', 'P1M'],
		['P6M', 'P6M'],
		['P10Y', 'P10Y'],
		['p1y', 'P1Y'],
		[' P3M ', 'P3M'],
		['P1Y6M', 'P1Y6M'],
		['P2W', 'P2W'],
		['P0Y1M', 'P0Y1M'],
	])('accepts %p as %p', (raw, duration) => {
		expect(parseDuration(NODE, 0, 'Duration', raw)).toBe(duration);
	});

	it.each([
		['1Y', '"1Y"'],
		['P', '"P"'],
		['P0Y', '"P0Y"'],
		['P0M0D', '"P0M0D"'],
		['PT1H', '"PT1H"'],
		['P1Y2', '"P1Y2"'],
		['P1.5Y', '"P1.5Y"'],
		['P-1Y', '"P-1Y"'],
		['P1 Y', '"P1 Y"'],
		['', 'an empty value'],
		[undefined, 'nothing'],
		[null, 'null'],
		[12, '12'],
	])('refuses %p, naming field, item and value', (raw, shown) => {
		const error = refusal(() => parseDuration(NODE, 4, 'Renew Period filter', raw));
		expect(error.message).toBe(`Renew Period filter must be an ISO-8601 duration such as P1M, P3M, P6M or P1Y (item 5), got ${shown}`);
		expect(error.description).toContain('List Renew Strategies shows them as renewPeriod');
	});
});

describe('requireText', () => {
	it('trims text and accepts numbers', () => {
		expect(requireText(NODE, 0, 'Service Name', '  example-shop.ovh ', 'example.com')).toBe('example-shop.ovh');
		expect(requireText(NODE, 0, 'Service Name', 12345, 'example.com')).toBe('12345');
	});

	it.each([[''], ['   '], [null], [undefined], [{ name: 'x' }], [['x']]])('refuses %p', (raw) => {
		const error = refusal(() => requireText(NODE, 0, 'Service Name', raw, 'example.com'));
		expect(error.message).toBe('Service Name is empty (item 1)');
		expect(error.description).toBe('Enter the service name, e.g. example.com, or map it from the previous node with an expression.');
	});
});

describe('optionalAmount', () => {
	it.each([
		[undefined, undefined],
		[null, undefined],
		['', undefined],
		[0, 0],
		[50, 50],
		['49.99', 49.99],
		['49,99', 49.99],
		[' 50 ', 50],
	])('reads %p as %p', (raw, amount) => {
		expect(optionalAmount(NODE, 0, 'Max Amount', raw)).toBe(amount);
	});

	it.each([
		[-1, '-1'],
		['-0.01', '"-0.01"'],
		['ten euros', '"ten euros"'],
		['1,000.50', '"1,000.50"'],
		[true, 'true'],
	])('refuses %p', (raw, shown) => {
		const error = refusal(() => optionalAmount(NODE, 0, 'Max Amount', raw));
		expect(error.message).toBe(`Max Amount must be a positive amount (item 1), got ${shown}`);
		expect(error.description).toBe("Enter an amount in the order's currency, e.g. 50 or 49.99, or leave it empty.");
	});

	it('refuses NaN and Infinity', () => {
		for (const raw of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
			expect(refusal(() => optionalAmount(NODE, 0, 'Max Amount', raw)).message).toMatch(/^Max Amount must be a positive amount \(item 1\), got /);
		}
	});
});
