import { NodeConnectionTypes, sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { credentialsDescription } from '../shared/descriptions';
import { asNodeError, inputError, withNote } from '../shared/errors';
import { processCheckedItems } from '../shared/execute';
import { PAID_STATUSES, getOrder, getOrderStatus, isExpired } from '../shared/orders';
import type { OvhOrder } from '../shared/orders';
import { priceText } from '../shared/renew';
import { ovhRequest, outcomeUnknown } from '../shared/transport';
import { itemLabel, optionalAmount, parsePositiveId } from '../shared/validation';

/** billing.ReusablePaymentMeanEnum (legacy values used by payWithRegisteredPaymentMean). */
const PAYMENT_MEANS = ['bankAccount', 'creditCard', 'deferredPaymentAccount', 'fidelityAccount', 'ovhAccount', 'paypal'];
/** Means that OVH can only charge with the ID of the registered mean. */
const MEANS_NEEDING_ID = ['bankAccount', 'creditCard', 'paypal'];

interface PayOptions {
	maxAmount?: number | string;
	waitForDelivery?: boolean;
	deliveryTimeoutSeconds?: number;
	pollIntervalSeconds?: number;
}

export class OvhPayOrder implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVH Pay Order',
		name: 'ovhPayOrder',
		icon: { light: 'file:../../icons/ovh.svg', dark: 'file:../../icons/ovh.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "Pay order " + $parameter["orderId"] }}',
		description:
			'Pay an OVH order with a payment mean registered on the account. THIS CHARGES THE ACCOUNT: only use it after a human approved the amount (e.g. behind a Wait or Send and Wait approval step), and set Max Amount. It pays only an unpaid, unexpired order: an order already paid is reported as alreadyPaid and never paid twice.',
		defaults: { name: 'OVH Pay Order' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		properties: [
			{
				displayName:
					'This node charges your OVH account. It checks the order status first, so running it again never pays twice. Set Max Amount to cap what it may pay.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Order ID',
				name: 'orderId',
				type: 'string',
				default: '={{ $json.orderId }}',
				required: true,
				placeholder: 'e.g. 123456789',
				description: 'The ID of the order to pay, as returned by Create Renew Order',
			},
			{
				displayName: 'Pay With',
				name: 'payWith',
				type: 'options',
				noDataExpression: true,
				default: 'registeredPaymentMean',
				options: [
					{
						name: 'Payment Method',
						value: 'paymentMethod',
						description: 'A payment method of the newer API (GET /me/payment/method), via POST /me/order/{orderId}/pay',
					},
					{
						name: 'Registered Payment Mean',
						value: 'registeredPaymentMean',
						description: "OVH's renewal guide way: POST /me/order/{orderId}/payWithRegisteredPaymentMean",
					},
				],
			},
			{
				displayName: 'Payment Mean',
				name: 'paymentMean',
				type: 'options',
				default: 'creditCard',
				options: [
					{ name: 'Bank Account (SEPA Direct Debit)', value: 'bankAccount' },
					{ name: 'Credit Card', value: 'creditCard' },
					{ name: 'Deferred Payment Account', value: 'deferredPaymentAccount' },
					{ name: 'Fidelity Account', value: 'fidelityAccount' },
					{ name: 'OVH Account (Prepaid Balance)', value: 'ovhAccount' },
					{ name: 'PayPal', value: 'paypal' },
				],
				description: 'The type of registered payment mean to charge',
				displayOptions: { show: { payWith: ['registeredPaymentMean'] } },
			},
			{
				displayName: 'Payment Mean ID',
				name: 'paymentMeanId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 1234',
				description: 'The ID of the registered bank account, credit card or PayPal account (required by OVH for these types)',
				displayOptions: { show: { payWith: ['registeredPaymentMean'], paymentMean: MEANS_NEEDING_ID } },
			},
			{
				displayName: 'Payment Method Name or ID',
				name: 'paymentMethodId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getPaymentMethods' },
				default: '',
				required: true,
				description:
					'The payment method to charge. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { payWith: ['paymentMethod'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Delivery Timeout (Seconds)',
						name: 'deliveryTimeoutSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 600,
						description: 'How long Wait for Delivery waits before returning with the last status',
						displayOptions: { show: { waitForDelivery: [true] } },
					},
					{
						displayName: 'Max Amount (Incl. Tax)',
						name: 'maxAmount',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 100,
						description:
							"Refuse to pay when the order's price with tax is above this amount (in the order's currency). Nothing is charged then.",
					},
					{
						displayName: 'Poll Interval (Seconds)',
						name: 'pollIntervalSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 10,
						description: 'How often Wait for Delivery reads the order status',
						displayOptions: { show: { waitForDelivery: [true] } },
					},
					{
						displayName: 'Wait for Delivery',
						name: 'waitForDelivery',
						type: 'boolean',
						default: false,
						description: 'Whether to poll the order status after paying until OVH reports it delivered (the renewal is applied)',
					},
				],
			},
		],
	};

	methods = {
		loadOptions: {
			async getPaymentMethods(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const ids = (await ovhRequest.call(this, {
					method: 'GET',
					path: '/me/payment/method',
					rule: '/me/payment/method',
				})) as number[];
				const options: INodePropertyOptions[] = [];
				for (const id of ids ?? []) {
					const method = (await ovhRequest.call(this, {
						method: 'GET',
						path: `/me/payment/method/${Number(id)}`,
						rule: '/me/payment/method/*',
					})) as IDataObject;
					const label = [method.paymentType, method.label ?? method.description].filter(Boolean).join(' ');
					options.push({
						name: `${label || 'Payment method'} · ${id}${method.default ? ' (default)' : ''}`,
						value: Number(id),
						description: `Status: ${String(method.status ?? 'unknown')}`,
					});
				}
				return options;
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const node = this.getNode();
		// 1. Every item's input is checked before any request for any item.
		const check = (i: number) => {
			const orderId = parsePositiveId(node, i, 'Order ID', this.getNodeParameter('orderId', i), '123456789');
			const payWith = this.getNodeParameter('payWith', i) as string;
			const options = this.getNodeParameter('options', i, {}) as PayOptions;
			const maxAmount = optionalAmount(node, i, 'Max Amount', options.maxAmount);
			return { orderId, options, maxAmount, payment: readPayment.call(this, i, payWith) };
		};
		const results = await processCheckedItems(this, check, async (i, { orderId, options, maxAmount, payment }) => {
			// 2. Read the order: only a notPaid, unexpired order within the cap is paid.
			const order = await getOrder.call(this, orderId, i);
			const status = await getOrderStatus.call(this, orderId, i);
			const facts = orderFacts(orderId, order);

			if (PAID_STATUSES.includes(status)) {
				const final = options.waitForDelivery ? await waitForDelivery.call(this, orderId, status, options, i) : status;
				return [{ ...facts, paid: false, alreadyPaid: true, status: final, delivered: final === 'delivered', ...payment.output }];
			}
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

			// 3. Pay once. Never re-sent: when the answer is lost, the status read back says what happened.
			let confirmedAfterUncertainResponse = false;
			try {
				await ovhRequest.call(this, { ...payment.call(orderId), itemIndex: i });
			} catch (error) {
				if (!outcomeUnknown(error)) throw asNodeError(node, error, i);
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
				confirmedAfterUncertainResponse = true;
			}

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
		return [results];
	}
}

interface PaymentChoice {
	/** What the output shows about the means used (IDs and types only). */
	output: IDataObject;
	call: (orderId: number) => { method: 'POST'; path: string; body: IDataObject; rule: string; subject: string };
}

function readPayment(this: IExecuteFunctions, i: number, payWith: string): PaymentChoice {
	const node = this.getNode();
	if (payWith === 'paymentMethod') {
		const paymentMethodId = parsePositiveId(node, i, 'Payment Method', this.getNodeParameter('paymentMethodId', i), '1111');
		return {
			output: { payWith, paymentMethodId },
			call: (orderId) => ({
				method: 'POST',
				path: `/me/order/${orderId}/pay`,
				body: { paymentMethod: { id: paymentMethodId } },
				rule: '/me/order/*/pay',
				subject: `order ${orderId}`,
			}),
		};
	}
	if (payWith !== 'registeredPaymentMean') {
		throw inputError(node, i, `Pay With "${payWith}" is not supported (${itemLabel(i)})`, 'Choose Registered Payment Mean or Payment Method.');
	}
	const paymentMean = String(this.getNodeParameter('paymentMean', i) ?? '').trim();
	if (!PAYMENT_MEANS.includes(paymentMean)) {
		throw inputError(
			node,
			i,
			`Payment Mean "${paymentMean}" is not a payment mean OVH accepts (${itemLabel(i)})`,
			`Use one of: ${PAYMENT_MEANS.join(', ')}.`,
		);
	}
	const body: IDataObject = { paymentMean };
	const output: IDataObject = { payWith, paymentMean };
	if (MEANS_NEEDING_ID.includes(paymentMean)) {
		const raw = this.getNodeParameter('paymentMeanId', i, '');
		if (raw === '' || raw === undefined || raw === null) {
			throw inputError(
				node,
				i,
				`Payment Mean ID is required to pay with ${paymentMean} (${itemLabel(i)})`,
				'Enter the ID of the registered payment mean, e.g. 1234 (OVH control panel > Payment methods, or GET /me/paymentMean/...).',
			);
		}
		const paymentMeanId = parsePositiveId(node, i, 'Payment Mean ID', raw, '1234');
		body.paymentMeanId = paymentMeanId;
		output.paymentMeanId = paymentMeanId;
	}
	return {
		output,
		call: (orderId) => ({
			method: 'POST',
			path: `/me/order/${orderId}/payWithRegisteredPaymentMean`,
			body,
			rule: '/me/order/*/payWithRegisteredPaymentMean',
			subject: `order ${orderId}`,
		}),
	};
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
