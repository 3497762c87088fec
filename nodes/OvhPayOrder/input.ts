import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { inputError } from '../shared/errors';
import { itemLabel, parseIdList, parsePositiveId } from '../shared/validation';
import { readPayment } from './payment';
import type { PaymentChoice } from './payment';

export interface PayOptions {
	currency?: string;
	waitForDelivery?: boolean;
	deliveryTimeoutSeconds?: number;
	pollIntervalSeconds?: number;
	verifyServiceIds?: unknown;
}

export interface PayInput {
	orderId: number;
	options: PayOptions;
	/** The cap, tax included, in the order's currency; 0 allows only free orders. */
	maxAmount: number;
	/** The currency the cap is in, when given: an order in another one is refused. */
	currency?: string;
	payment: PaymentChoice;
	/** With Wait for Delivery: the services whose expiration proves the renewal (empty: not checked). */
	verifyServiceIds: number[];
	/** The period the input item says was ordered (Create Renew Order's `duration`), a fallback for the proof. */
	inputDuration?: string;
}

const CAP_FIX =
	"Enter the most this order may cost with tax, in the order's currency, e.g. 45.44 (0 for a free order), or bind it to the approved quote with an expression such as {{ $('Price').item.json.priceWithTax.value }}.";

/** The item's parameters, checked; sends no request. */
export function readPayInput(this: IExecuteFunctions, i: number): PayInput {
	const node = this.getNode();
	const orderId = parsePositiveId(node, i, 'Order ID', this.getNodeParameter('orderId', i), '123456789');
	const maxAmount = parseCap(node, i, this.getNodeParameter('maxAmount', i, ''));
	const payWith = this.getNodeParameter('payWith', i) as string;
	const options = this.getNodeParameter('options', i, {}) as PayOptions;
	const currency = parseCurrency(node, i, options.currency);
	const payment = readPayment.call(this, i, payWith);
	const json = this.getInputData()[i]?.json ?? {};
	return {
		orderId,
		options,
		maxAmount,
		currency,
		payment,
		verifyServiceIds: options.waitForDelivery ? serviceIdsToCheck(node, i, options, json) : [],
		inputDuration: typeof json.duration === 'string' ? json.duration : undefined,
	};
}

/** Max Amount (Incl. Tax): required, a finite amount ≥ 0 (a number, or text such as "45.44" / "45,44"). */
export function parseCap(node: INode, i: number, raw: unknown): number {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		throw inputError(
			node,
			i,
			`Max Amount (Incl. Tax) is empty (${itemLabel(i)}): nothing is paid without a cap`,
			CAP_FIX,
		);
	}
	const value = typeof raw === 'string' ? Number(raw.trim().replace(',', '.')) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		const shown = typeof raw === 'string' ? `"${raw}"` : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
		throw inputError(node, i, `Max Amount must be a positive amount (${itemLabel(i)}), got ${shown}`, CAP_FIX);
	}
	return value;
}

function parseCurrency(node: INode, i: number, raw: unknown): string | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (!/^[A-Za-z]{3}$|^points$/.test(value)) {
		throw inputError(
			node,
			i,
			`Expected Currency must be a currency code such as EUR (${itemLabel(i)}), got ${JSON.stringify(raw)}`,
			"Enter the code of the currency Max Amount is in (EUR, CAD, USD, GBP…), or remove the option to accept the order's currency.",
		);
	}
	return value === 'points' ? value : value.toUpperCase();
}

/**
 * The services to check: the option when added (checked strictly), else the input item's `services` or `serviceId`
 * when they are service IDs (else none: the proof is skipped).
 */
function serviceIdsToCheck(node: INode, i: number, options: PayOptions, json: IDataObject): number[] {
	if (options.verifyServiceIds !== undefined) return parseIdList(node, i, 'Services to Check', options.verifyServiceIds);
	try {
		return parseIdList(node, i, 'Services to Check', json.services ?? json.serviceId);
	} catch {
		return [];
	}
}
