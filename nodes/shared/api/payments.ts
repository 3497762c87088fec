import type { IDataObject } from 'n8n-workflow';

import { answeredNotFound, answeredUnavailable } from '../call-outcome';
import { asNodeError } from '../errors';
import { callRoute } from '../transport';
import type { OvhContext } from '../transport';
import { ovhRoute } from './catalogue';

/** `me.payment.method.PaymentMethod` (the fields the nodes show). */
export interface OvhPaymentMethod extends IDataObject {
	paymentMethodId?: number;
	paymentType?: string;
	label?: string | null;
	description?: string | null;
	default?: boolean;
	status?: string;
}

/** What `payWithRegisteredPaymentMean` takes: the mean type, and the ID of the mean for the types that need one. */
export interface RegisteredPaymentMean extends IDataObject {
	paymentMean: string;
	paymentMeanId?: number;
}

/** `POST /me/order/{orderId}/payWithRegisteredPaymentMean`: sent once, never re-sent. */
export async function payWithRegisteredPaymentMean(
	this: OvhContext,
	orderId: number,
	mean: RegisteredPaymentMean,
	itemIndex?: number,
): Promise<unknown> {
	return await callRoute.call(this, ovhRoute('orderPayWithRegisteredPaymentMean'), {
		params: { orderId },
		body: mean,
		subject: `order ${orderId}`,
		itemIndex,
	});
}

/** `POST /me/order/{orderId}/pay` with a payment method of the newer API: sent once, never re-sent. */
export async function payWithPaymentMethod(
	this: OvhContext,
	orderId: number,
	paymentMethodId: number,
	itemIndex?: number,
): Promise<unknown> {
	return await callRoute.call(this, ovhRoute('orderPay'), {
		params: { orderId },
		body: { paymentMethod: { id: paymentMethodId } },
		subject: `order ${orderId}`,
		itemIndex,
	});
}

/** `GET /me/payment/method`. */
export async function listPaymentMethodIds(this: OvhContext): Promise<number[]> {
	const ids = (await callRoute.call(this, ovhRoute('paymentMethodList'))) as number[] | null;
	return Array.isArray(ids) ? ids.map(Number) : [];
}

/** `GET /me/payment/method/{paymentMethodId}`. */
export async function getPaymentMethod(this: OvhContext, paymentMethodId: number): Promise<OvhPaymentMethod> {
	return (await callRoute.call(this, ovhRoute('paymentMethod'), {
		params: { paymentMethodId },
	})) as OvhPaymentMethod;
}

/** `GET /me/payment/method?default=true`: the IDs of the account's default payment method (one expected). */
export async function listDefaultPaymentMethodIds(this: OvhContext, itemIndex?: number): Promise<number[]> {
	const ids = (await callRoute.call(this, ovhRoute('paymentMethodList'), {
		qs: { default: true },
		subject: 'the default payment method',
		itemIndex,
	})) as number[] | null;
	return Array.isArray(ids) ? ids.map(Number) : [];
}

/** `billing.Payment`: the payment of a paid order. */
export interface OvhOrderPayment extends IDataObject {
	paymentDate?: string;
	paymentType?: string;
	paymentIdentifier?: string | null;
}

/** `GET /me/order/{orderId}/payment`: the order's payment, or null when OVH answers 404 (no payment yet). */
export async function getOrderPayment(this: OvhContext, orderId: number, itemIndex?: number): Promise<OvhOrderPayment | null> {
	try {
		return (await callRoute.call(this, ovhRoute('orderPayment'), {
			params: { orderId },
			subject: `the payment of order ${orderId}`,
			itemIndex,
		})) as OvhOrderPayment;
	} catch (error) {
		if (answeredNotFound(error)) return null;
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}

/** `billing.order.PaymentMethods`: what can pay an order; `registered` holds usable payment method IDs. */
export interface OvhOrderPaymentMethods extends IDataObject {
	available?: IDataObject[];
	paymentMethods?: OvhPaymentMethod[];
	registered?: number[];
}

/**
 * `GET /me/order/{orderId}/paymentMethods` (BETA): what can pay this order, or null when OVH answers 400/404
 * (the route is not served for this order).
 */
export async function getOrderPaymentMethods(
	this: OvhContext,
	orderId: number,
	itemIndex?: number,
): Promise<OvhOrderPaymentMethods | null> {
	try {
		return (await callRoute.call(this, ovhRoute('orderPaymentMethods'), {
			params: { orderId },
			subject: `order ${orderId}`,
			itemIndex,
		})) as OvhOrderPaymentMethods;
	} catch (error) {
		if (answeredUnavailable(error)) return null;
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}

/** `GET /me/order/{orderId}/availableRegisteredPaymentMean`: the registered mean types that can pay this order. */
export async function listAvailableRegisteredPaymentMeans(this: OvhContext, orderId: number, itemIndex?: number): Promise<string[]> {
	const means = (await callRoute.call(this, ovhRoute('orderAvailableRegisteredPaymentMean'), {
		params: { orderId },
		subject: `order ${orderId}`,
		itemIndex,
	})) as Array<{ paymentMean?: string }> | null;
	return Array.isArray(means) ? means.map((m) => String(m.paymentMean ?? '')).filter(Boolean) : [];
}
