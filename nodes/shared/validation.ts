import type { INode, INodeParameterResourceLocator } from 'n8n-workflow';

import { inputError } from './errors';

/**
 * Input checks run before any request is sent. Each failure names the field, the item (1-based, as the editor shows
 * it) and how to fix it.
 */

export function itemLabel(itemIndex: number): string {
	return `item ${itemIndex + 1}`;
}

function show(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') return value.trim() === '' ? 'an empty value' : `"${value}"`;
	try {
		const text = JSON.stringify(value);
		return text.length > 80 ? `${text.slice(0, 77)}...` : text;
	} catch {
		return String(value);
	}
}

/** A resource locator or plain value as entered: `{ mode, value }` or a raw string/number. */
export function locatorValue(value: unknown): unknown {
	if (typeof value === 'object' && value !== null && '__rl' in value) {
		return (value as INodeParameterResourceLocator).value;
	}
	if (typeof value === 'object' && value !== null && 'value' in value && 'mode' in value) {
		return (value as { value: unknown }).value;
	}
	return value;
}

const MAX_SAFE_ID = Number.MAX_SAFE_INTEGER;

/** The output field of this package's nodes that holds each ID, for the "map it with an expression" hint. */
const ID_SOURCE_FIELDS: Record<string, string> = {
	Service: 'serviceId',
	'Order ID': 'orderId',
	'Payment Method': 'paymentMethodId',
	'Payment Mean ID': 'paymentMeanId',
};

/** 12345 or "12345" as a number when it is a positive whole number that JavaScript represents exactly; else undefined. */
function toPositiveId(raw: unknown): number | undefined {
	const value = typeof raw === 'string' ? raw.trim() : raw;
	let id: number | undefined;
	if (typeof value === 'number' && Number.isInteger(value)) id = value;
	else if (typeof value === 'string' && /^\d+$/.test(value)) id = Number(value);
	return id !== undefined && id > 0 && id <= MAX_SAFE_ID ? id : undefined;
}

/** A positive integer ID (OVH `long`): accepts 12345 or "12345", nothing else. */
export function parsePositiveId(
	node: INode,
	itemIndex: number,
	field: string,
	raw: unknown,
	example = '12345',
): number {
	const id = toPositiveId(raw);
	if (id === undefined) {
		throw inputError(
			node,
			itemIndex,
			`${field} must be a positive whole number (${itemLabel(itemIndex)}), got ${show(raw)}`,
			ID_SOURCE_FIELDS[field]
				? `Enter the numeric OVH ID, e.g. ${example}, or map it from the previous node with an expression such as {{ $json.${ID_SOURCE_FIELDS[field]} }}.`
				: `Enter the numeric OVH ID, e.g. ${example}.`,
		);
	}
	return id;
}

/**
 * A list of service IDs from a comma-separated string ("67890, 12345"), an array (from an expression) or a single
 * number. An empty value gives an empty list; anything that is not a positive integer is refused.
 */
export function parseIdList(node: INode, itemIndex: number, field: string, raw: unknown): number[] {
	let parts: unknown[];
	if (raw === undefined || raw === null) parts = [];
	else if (Array.isArray(raw)) parts = raw;
	else if (typeof raw === 'number') parts = [raw];
	else if (typeof raw === 'string') {
		const text = raw.trim();
		if (text.startsWith('[')) {
			try {
				const parsed: unknown = JSON.parse(text);
				parts = Array.isArray(parsed) ? parsed : [parsed];
			} catch {
				parts = [text];
			}
		} else {
			parts = text === '' ? [] : text.split(',').map((p) => p.trim());
		}
	} else parts = [raw];

	const ids: number[] = [];
	for (const part of parts) {
		const id = toPositiveId(part);
		if (id !== undefined) {
			if (!ids.includes(id)) ids.push(id);
			continue;
		}
		throw inputError(
			node,
			itemIndex,
			`${field} must list positive whole numbers (${itemLabel(itemIndex)}): ${show(part)} is not a service ID`,
			'Enter service IDs separated by commas, e.g. 67890, 12345, or an expression that returns an array of numbers such as {{ $json.services }}.',
		);
	}
	return ids;
}

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/;

/** An ISO-8601 date duration as OVH uses for renew periods: P1M, P3M, P6M, P1Y, P2Y… (no time part, no zero). */
export function parseDuration(node: INode, itemIndex: number, field: string, raw: unknown): string {
	const value = typeof raw === 'string' ? raw.trim().toUpperCase() : raw;
	if (typeof value !== 'string' || !ISO_DURATION.test(value) || !/[1-9]/.test(value)) {
		throw inputError(
			node,
			itemIndex,
			`${field} must be an ISO-8601 duration such as P1M, P3M, P6M or P1Y (${itemLabel(itemIndex)}), got ${show(raw)}`,
			'Pick one of the periods OVH offers for this service (List Renew Strategies shows them as renewPeriod), e.g. P1Y for one year.',
		);
	}
	return value;
}

/** A non-empty trimmed string. */
export function requireText(node: INode, itemIndex: number, field: string, raw: unknown, example: string): string {
	const value = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (value === '') {
		throw inputError(
			node,
			itemIndex,
			`${field} is empty (${itemLabel(itemIndex)})`,
			`Enter the ${field.toLowerCase()}, e.g. ${example}, or map it from the previous node with an expression.`,
		);
	}
	return value;
}

/** A finite number ≥ 0, or undefined when left empty. */
export function optionalAmount(node: INode, itemIndex: number, field: string, raw: unknown): number | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = typeof raw === 'string' ? Number(raw.trim().replace(',', '.')) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw inputError(
			node,
			itemIndex,
			`${field} must be a positive amount (${itemLabel(itemIndex)}), got ${show(raw)}`,
			`Enter an amount in the order's currency, e.g. 50 or 49.99, or leave it empty.`,
		);
	}
	return value;
}
