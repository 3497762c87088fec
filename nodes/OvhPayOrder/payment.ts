import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	getOrderPaymentMethods,
	listAvailableRegisteredPaymentMeans,
	listDefaultPaymentMethodIds,
	payWithPaymentMethod,
	payWithRegisteredPaymentMean,
} from '../shared/api/payments';
import type { RegisteredPaymentMean } from '../shared/api/payments';
import { inputError } from '../shared/errors';
import { itemLabel, parsePositiveId } from '../shared/validation';

/** billing.ReusablePaymentMeanEnum (legacy values used by payWithRegisteredPaymentMean). */
export const PAYMENT_MEANS = ['bankAccount', 'creditCard', 'deferredPaymentAccount', 'fidelityAccount', 'ovhAccount', 'paypal'];
/** Means that OVH can only charge with the ID of the registered mean. */
export const MEANS_NEEDING_ID = ['bankAccount', 'creditCard', 'paypal'];

/** A way to pay, resolved and checked against one order: ready to send, once. */
export interface PreparedPayment {
	/** What the output shows about the means used (IDs and types only). */
	output: IDataObject;
	/** Set when the payability check could not be made (a BETA route OVH did not serve). */
	note?: string;
	/** Sends the payment, once. */
	pay: () => Promise<unknown>;
}

export interface PaymentChoice {
	payWith: string;
	/**
	 * Resolves the way to pay for this order (the account's default method is read here) and checks, before anything
	 * is charged, that OVH lists it as able to pay the order; throws when it cannot.
	 */
	prepare: (context: IExecuteFunctions, orderId: number, itemIndex: number) => Promise<PreparedPayment>;
}

/** The item's Pay With choice, checked; sends no request. */
export function readPayment(this: IExecuteFunctions, i: number, payWith: string): PaymentChoice {
	const node = this.getNode();
	if (payWith === 'defaultPaymentMethod') {
		return {
			payWith,
			prepare: async (context, orderId, itemIndex) =>
				await methodPayment(context, orderId, itemIndex, payWith, await defaultMethodId(context, itemIndex)),
		};
	}
	if (payWith === 'paymentMethod') {
		const paymentMethodId = parsePositiveId(node, i, 'Payment Method', this.getNodeParameter('paymentMethodId', i), '1111');
		return {
			payWith,
			prepare: async (context, orderId, itemIndex) => await methodPayment(context, orderId, itemIndex, payWith, paymentMethodId),
		};
	}
	if (payWith !== 'registeredPaymentMean') {
		throw inputError(
			node,
			i,
			`Pay With "${payWith}" is not supported (${itemLabel(i)})`,
			'Choose Default Payment Method, Payment Method or Registered Payment Mean.',
		);
	}
	const mean = readRegisteredMean.call(this, i);
	return {
		payWith,
		prepare: async (context, orderId, itemIndex) => {
			const available = await listAvailableRegisteredPaymentMeans.call(context, orderId, itemIndex);
			if (!available.includes(mean.paymentMean)) {
				throw inputError(
					context.getNode(),
					itemIndex,
					`Registered payment mean ${mean.paymentMean} cannot pay order ${orderId} (${itemLabel(itemIndex)})`,
					`OVH offers for this order: ${available.join(', ') || 'no registered payment mean'} (GET /me/order/${orderId}/availableRegisteredPaymentMean). Nothing was charged. Choose one of them, or Pay With: Default Payment Method.`,
				);
			}
			return {
				output: { payWith, ...mean },
				pay: async () => await payWithRegisteredPaymentMean.call(context, orderId, mean, itemIndex),
			};
		},
	};
}

function readRegisteredMean(this: IExecuteFunctions, i: number): RegisteredPaymentMean {
	const node = this.getNode();
	const paymentMean = String(this.getNodeParameter('paymentMean', i) ?? '').trim();
	if (!PAYMENT_MEANS.includes(paymentMean)) {
		throw inputError(
			node,
			i,
			`Payment Mean "${paymentMean}" is not a payment mean OVH accepts (${itemLabel(i)})`,
			`Use one of: ${PAYMENT_MEANS.join(', ')}.`,
		);
	}
	const mean: RegisteredPaymentMean = { paymentMean };
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
		mean.paymentMeanId = parsePositiveId(node, i, 'Payment Mean ID', raw, '1234');
	}
	return mean;
}

/** The account's default payment method: exactly one expected. */
async function defaultMethodId(context: IExecuteFunctions, itemIndex: number): Promise<number> {
	const ids = await listDefaultPaymentMethodIds.call(context, itemIndex);
	if (ids.length === 1) return ids[0];
	throw inputError(
		context.getNode(),
		itemIndex,
		ids.length === 0
			? `The OVH account has no default payment method (${itemLabel(itemIndex)})`
			: `The OVH account has ${ids.length} default payment methods (${ids.join(', ')}) (${itemLabel(itemIndex)})`,
		'Nothing was charged. Set a default payment method in the OVH control panel (Billing > Payment methods), or choose Pay With: Payment Method and pick one.',
	);
}

/** Pays with a payment method (POST /me/order/{id}/pay) once OVH listed it among those that can pay this order. */
async function methodPayment(
	context: IExecuteFunctions,
	orderId: number,
	itemIndex: number,
	payWith: string,
	paymentMethodId: number,
): Promise<PreparedPayment> {
	const usable = await getOrderPaymentMethods.call(context, orderId, itemIndex);
	const prepared: PreparedPayment = {
		output: { payWith, paymentMethodId },
		pay: async () => await payWithPaymentMethod.call(context, orderId, paymentMethodId, itemIndex),
	};
	if (usable === null) {
		prepared.note = `OVH did not answer GET /me/order/${orderId}/paymentMethods (a BETA route): the check that payment method ${paymentMethodId} can pay this order was skipped.`;
		return prepared;
	}
	const registered = (usable.registered ?? []).map(Number);
	if (!registered.includes(paymentMethodId)) {
		throw inputError(
			context.getNode(),
			itemIndex,
			`Payment method ${paymentMethodId} cannot pay order ${orderId} (${itemLabel(itemIndex)})`,
			`OVH lists the payment methods that can pay this order: ${registered.join(', ') || 'none'} (GET /me/order/${orderId}/paymentMethods). Nothing was charged. Choose one of them with Pay With: Payment Method, or check the method in the OVH control panel.`,
		);
	}
	return prepared;
}
