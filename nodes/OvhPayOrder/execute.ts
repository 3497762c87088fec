import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import { getOrder, getOrderStatus } from '../shared/api/orders';
import type { OvhOrder } from '../shared/api/orders';
import { getPaymentMethod, listPaymentMethodIds } from '../shared/api/payments';
import { inputError } from '../shared/errors';
import { processCheckedItems } from '../shared/execute';
import { PAID_STATUSES, isExpired } from '../shared/orders';
import { priceText } from '../shared/renew';
import { itemLabel } from '../shared/validation';
import { expirationProof, readBaseline, waitForDelivery } from './delivery';
import type { ExpirationBaseline } from './delivery';
import { readPayInput } from './input';
import type { PayInput } from './input';
import { orderShowsPayment, payOnce, readAfterPayment } from './pay-once';

/**
 * Pay Order: 1. every item's input is checked before any request for any item (readPayInput); 2. only a notPaid,
 * unexpired order within the cap and currency is paid, a paid one is reported as alreadyPaid (checkPayable);
 * 3. the way to pay is checked against the order (payment.ts); 4. just before paying, the status and the payment
 * record are read again; 5. pay once (pay-once.ts); 6. optionally wait for delivery and prove the renewal
 * (delivery.ts). After the payment, failed reads become a warning, never an error hiding the payment.
 */
export async function payOrder(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await processCheckedItems(this, (i) => readPayInput.call(this, i), async (i, input) => {
		const { orderId } = input;
		const order = await getOrder.call(this, orderId, i);
		const facts = { ...orderFacts(orderId, order), maxAmount: input.maxAmount, payWith: input.payment.payWith };
		const status = await getOrderStatus.call(this, orderId, i);
		if (PAID_STATUSES.includes(status)) return [await alreadyPaid.call(this, i, input, facts, status)];
		checkPayable.call(this, i, input, order, status);

		const prepared = await input.payment.prepare(this, orderId, i);
		const baseline = input.verifyServiceIds.length
			? await readBaseline.call(this, i, orderId, input.verifyServiceIds, input.inputDuration)
			: undefined;
		// Just before paying: a payment record (the status may lag it) means someone already paid.
		const last = await orderShowsPayment.call(this, orderId, i);
		if (last.paid) return [await alreadyPaid.call(this, i, input, facts, last.status)];
		checkPayable.call(this, i, input, order, last.status);

		const { outcome, status: seen } = await payOnce.call(this, i, orderId, prepared);
		const described = { ...facts, ...prepared.output, ...(prepared.note ? { note: prepared.note } : {}) };
		if (outcome === 'alreadyPaid') return [await alreadyPaid.call(this, i, input, described, seen ?? 'checking')];

		const warnings: string[] = [];
		const statusAfter = await readAfterPayment(warnings, 'reading the order status after it', async () =>
			await getOrderStatus.call(this, orderId, i),
		);
		const delivery = await afterPayment.call(this, i, input, statusAfter, baseline, warnings);
		return [
			{
				...described,
				paid: true,
				alreadyPaid: false,
				...delivery,
				...(outcome === 'confirmedAfterUncertainResponse' ? { confirmedAfterUncertainResponse: true } : {}),
				...(warnings.length ? { warning: warnings.join(' ') } : {}),
			},
		];
	});
}

/** Wait for Delivery (when on) and the expiration proof; a failed read becomes a warning. */
async function afterPayment(
	this: IExecuteFunctions,
	i: number,
	{ orderId, options }: PayInput,
	status: string | undefined,
	baseline: ExpirationBaseline | undefined,
	warnings: string[],
): Promise<IDataObject> {
	let final = status;
	if (options.waitForDelivery && status !== undefined) {
		final = (await readAfterPayment(warnings, 'waiting for delivery', async () =>
			await waitForDelivery.call(this, orderId, status, options, i),
		)) ?? status;
	}
	const proof = baseline ? await expirationProof.call(this, i, baseline, final === 'delivered', warnings) : {};
	return { status: final ?? null, delivered: final === 'delivered', ...proof };
}

/** An order paid before this run (or by a concurrent one): nothing is paid; delivery is awaited when asked. */
async function alreadyPaid(this: IExecuteFunctions, i: number, input: PayInput, facts: IDataObject, status: string): Promise<IDataObject> {
	const { orderId, options } = input;
	const final = options.waitForDelivery ? await waitForDelivery.call(this, orderId, status, options, i) : status;
	return { ...facts, paid: false, alreadyPaid: true, status: final, delivered: final === 'delivered' };
}

/** Refuses, before anything is charged, an order that is not notPaid, has expired, or is above the cap or in another currency. */
function checkPayable(this: IExecuteFunctions, i: number, { orderId, maxAmount, currency }: PayInput, order: OvhOrder, status: string): void {
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
	const orderCurrency = order.priceWithTax?.currencyCode;
	if (currency !== undefined && orderCurrency !== currency) {
		throw inputError(
			node,
			i,
			`Order ${orderId} is in ${orderCurrency ?? 'an unknown currency'}, not in ${currency} as Expected Currency says (${itemLabel(i)})`,
			`Nothing was charged. Max Amount ${maxAmount} is meant in ${currency}: check the order (${priceText(order.priceWithTax)}), then set Expected Currency and Max Amount for its currency.`,
		);
	}
	const amount = Number(order.priceWithTax?.value);
	if (!(amount <= maxAmount)) {
		throw inputError(
			node,
			i,
			`Order ${orderId} costs ${priceText(order.priceWithTax)} with tax, above Max Amount ${maxAmount}${orderCurrency ? ` ${orderCurrency}` : ''} (${itemLabel(i)})`,
			`Nothing was charged. Raise Max Amount to at least ${Number.isFinite(amount) ? amount : 'the order price'} if this price is expected, or check order ${orderId} in the OVH control panel.`,
		);
	}
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
