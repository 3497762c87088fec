import { sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import { getOrder, getOrderStatus } from '../shared/api/orders';
import type { OvhOrder } from '../shared/api/orders';
import { getPaymentMethod, listPaymentMethodIds } from '../shared/api/payments';
import { asNodeError, inputError, withNote } from '../shared/errors';
import { processCheckedItems } from '../shared/execute';
import { PAID_STATUSES, isExpired } from '../shared/orders';
import { priceText } from '../shared/renew';
import { outcomeUnknown } from '../shared/transport';
import { itemLabel, optionalAmount, parsePositiveId } from '../shared/validation';
import { readPayment } from './payment';
import type { PaymentChoice } from './payment';

interface PayOptions {
	maxAmount?: number | string;
	waitForDelivery?: boolean;
	deliveryTimeoutSeconds?: number;
	pollIntervalSeconds?: number;
}

interface PayInput {
	orderId: number;
	options: PayOptions;
	maxAmount?: number;
	payment: PaymentChoice;
}

/**
 * Pay Order: 1. every item's input is checked before any request for any item; 2. only a notPaid, unexpired order
 * within the cap is paid (a paid one is reported as alreadyPaid); 3. pay once; 4. optionally wait for delivery.
 */
export async function payOrder(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await processCheckedItems(this, (i) => readPayInput.call(this, i), async (i, input) => {
		const { orderId, options, payment } = input;
		const order = await getOrder.call(this, orderId, i);
		const status = await getOrderStatus.call(this, orderId, i);
		const facts = orderFacts(orderId, order);
		if (PAID_STATUSES.includes(status)) {
			const final = options.waitForDelivery ? await waitForDelivery.call(this, orderId, status, options, i) : status;
			return [{ ...facts, paid: false, alreadyPaid: true, status: final, delivered: final === 'delivered', ...payment.output }];
		}
		checkPayable.call(this, i, input, order, status);
		const confirmedAfterUncertainResponse = await payOnce.call(this, i, orderId, payment);
		const statusAfter = await getOrderStatus.call(this, orderId, i);
		const final = options.waitForDelivery ? await waitForDelivery.call(this, orderId, statusAfter, options, i) : statusAfter;
		return [
			{
				...facts,
				paid: true,
				alreadyPaid: false,
				status: final,
				delivered: final === 'delivered',
				...(confirmedAfterUncertainResponse ? { confirmedAfterUncertainResponse } : {}),
				...payment.output,
			},
		];
	});
}

/** The item's parameters, checked; sends no request. */
function readPayInput(this: IExecuteFunctions, i: number): PayInput {
	const node = this.getNode();
	const orderId = parsePositiveId(node, i, 'Order ID', this.getNodeParameter('orderId', i), '123456789');
	const payWith = this.getNodeParameter('payWith', i) as string;
	const options = this.getNodeParameter('options', i, {}) as PayOptions;
	const maxAmount = optionalAmount(node, i, 'Max Amount', options.maxAmount);
	return { orderId, options, maxAmount, payment: readPayment.call(this, i, payWith) };
}

/** Refuses, before anything is charged, an order that is not notPaid, has expired, or costs more than Max Amount. */
function checkPayable(this: IExecuteFunctions, i: number, { orderId, maxAmount }: PayInput, order: OvhOrder, status: string): void {
	const node = this.getNode();
	if (status !== 'notPaid') {
		throw inputError(
			node,
			i,
			`Order ${orderId} cannot be paid: OVH reports it as "${status}" (${itemLabel(i)})`,
			status === 'cancelled' || status === 'cancelling'
				? 'The order was cancelled at OVH; nothing was charged. Create a new renew order.'
				: status === 'documentsRequested'
					? 'OVH is waiting for documents before this order can go on; see the order in the OVH control panel. Nothing was charged.'
					: 'Only orders with status notPaid can be paid. Check the order in the OVH control panel. Nothing was charged.',
		);
	}
	if (isExpired(order, Date.now())) {
		throw inputError(
			node,
			i,
			`Order ${orderId} expired on ${order.expirationDate} and can no longer be paid (${itemLabel(i)})`,
			'OVH orders stay payable for about a day. Create a new renew order and pay it. Nothing was charged.',
		);
	}
	const amount = Number(order.priceWithTax?.value);
	if (maxAmount !== undefined && !(amount <= maxAmount)) {
		throw inputError(
			node,
			i,
			`Order ${orderId} costs ${priceText(order.priceWithTax)} with tax, above Max Amount ${maxAmount}${order.priceWithTax?.currencyCode ? ` ${order.priceWithTax.currencyCode}` : ''} (${itemLabel(i)})`,
			`Nothing was charged. Raise Max Amount to at least ${amount} if this price is expected, or check the order: ${order.url ?? `order ${orderId}`}.`,
		);
	}
}

/**
 * Pays once. Never re-sent: when the answer is lost, the status read back says what happened. Returns whether the
 * payment was only confirmed by that status.
 */
async function payOnce(this: IExecuteFunctions, i: number, orderId: number, payment: PaymentChoice): Promise<boolean> {
	try {
		await payment.pay(this, orderId, i);
		return false;
	} catch (error) {
		if (!outcomeUnknown(error)) throw asNodeError(this.getNode(), error, i);
		let after: string;
		try {
			after = await getOrderStatus.call(this, orderId, i);
		} catch {
			throw withNote(
				error,
				`The payment answer was lost and the order status could not be read back: the payment may have been taken. It was NOT re-sent. Check order ${orderId} in the OVH control panel before running this again.`,
			);
		}
		if (!PAID_STATUSES.includes(after)) {
			throw withNote(
				error,
				`The payment answer was lost; OVH still reports order ${orderId} as "${after}", so the payment did not go through. It was NOT re-sent automatically. Running the node again is safe: it checks the status before paying.`,
			);
		}
		return true;
	}
}

/** Polls the order status until delivered or the delivery timeout; returns the last status. */
async function waitForDelivery(
	this: IExecuteFunctions,
	orderId: number,
	current: string,
	options: PayOptions,
	itemIndex: number,
): Promise<string> {
	const deadline = Date.now() + (options.deliveryTimeoutSeconds ?? 600) * 1000;
	const interval = Math.max(1, options.pollIntervalSeconds ?? 10) * 1000;
	let status = current;
	while (status !== 'delivered' && Date.now() + interval <= deadline) {
		await sleep(interval);
		status = await getOrderStatus.call(this, orderId, itemIndex);
	}
	return status;
}

function orderFacts(orderId: number, order: OvhOrder): IDataObject {
	return {
		orderId,
		amount: order.priceWithTax?.value ?? null,
		currency: order.priceWithTax?.currencyCode ?? null,
		amountText: order.priceWithTax?.text ?? null,
		amountWithoutTax: order.priceWithoutTax?.value ?? null,
		orderDate: order.date ?? null,
		orderExpirationDate: order.expirationDate ?? null,
	};
}

/** loadOptions: the account's payment methods (newer API), labelled with type, label and default flag. */
export async function getPaymentMethods(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	for (const id of await listPaymentMethodIds.call(this)) {
		const method = await getPaymentMethod.call(this, id);
		const label = [method.paymentType, method.label ?? method.description].filter(Boolean).join(' ');
		options.push({
			name: `${label || 'Payment method'} · ${id}${method.default ? ' (default)' : ''}`,
			value: id,
			description: `Status: ${String(method.status ?? 'unknown')}`,
		});
	}
	return options;
}
