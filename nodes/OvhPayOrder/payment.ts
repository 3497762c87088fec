import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { payWithPaymentMethod, payWithRegisteredPaymentMean } from '../shared/api/payments';
import type { RegisteredPaymentMean } from '../shared/api/payments';
import { inputError } from '../shared/errors';
import { itemLabel, parsePositiveId } from '../shared/validation';

/** billing.ReusablePaymentMeanEnum (legacy values used by payWithRegisteredPaymentMean). */
export const PAYMENT_MEANS = ['bankAccount', 'creditCard', 'deferredPaymentAccount', 'fidelityAccount', 'ovhAccount', 'paypal'];
/** Means that OVH can only charge with the ID of the registered mean. */
export const MEANS_NEEDING_ID = ['bankAccount', 'creditCard', 'paypal'];

export interface PaymentChoice {
	/** What the output shows about the means used (IDs and types only). */
	output: IDataObject;
	/** Sends the payment of an order, once. */
	pay: (context: IExecuteFunctions, orderId: number, itemIndex: number) => Promise<unknown>;
}

/** The item's Pay With choice, checked; sends no request. */
export function readPayment(this: IExecuteFunctions, i: number, payWith: string): PaymentChoice {
	const node = this.getNode();
	if (payWith === 'paymentMethod') {
		const paymentMethodId = parsePositiveId(node, i, 'Payment Method', this.getNodeParameter('paymentMethodId', i), '1111');
		return {
			output: { payWith, paymentMethodId },
			pay: async (context, orderId, itemIndex) =>
				await payWithPaymentMethod.call(context, orderId, paymentMethodId, itemIndex),
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
	const mean: RegisteredPaymentMean = { paymentMean };
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
		mean.paymentMeanId = paymentMeanId;
		output.paymentMeanId = paymentMeanId;
	}
	return {
		output,
		pay: async (context, orderId, itemIndex) => await payWithRegisteredPaymentMean.call(context, orderId, mean, itemIndex),
	};
}
