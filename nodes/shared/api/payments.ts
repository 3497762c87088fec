import type { IDataObject } from 'n8n-workflow';

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
