/**
 * Payment routes: paying an order (payWithRegisteredPaymentMean, pay), its registered payment means, and the
 * account's payment methods (/me/payment/method).
 */
import type { RouteCtx, RouteDef } from './api-common';
import { getOrder, isPositiveInt, parseBody, pathId, queryBoolean, rejectUndescribed, requireProp } from './api-common';
import type { SandboxCore } from './core';
import { OvhError, badRequest, invalidInput, notFound } from './errors';
import { LEGACY_PAYMENT_MEANS } from './state-validate';
import { formatDateTime } from './time';
import type { SandboxOrder, SandboxPaymentMethod } from './types';

const ALL_PAYMENT_MEAN_ENUM = [
	'CREDIT_CARD',
	'CURRENT_ACCOUNT',
	'DEFERRED_PAYMENT_ACCOUNT',
	'DOMESTIC_CARD',
	'ENTERPRISE',
	'INTERNAL_TRUSTED_ACCOUNT',
	'PAYPAL',
	'RUPAY',
	'SEPA_DIRECT_DEBIT',
	...LEGACY_PAYMENT_MEANS,
];
const MEANS_NEEDING_ID = ['bankAccount', 'creditCard', 'paypal'];
function assertPayable(core: SandboxCore, order: SandboxOrder): void {
	if (order.status === 'cancelled' || order.status === 'cancelling') throw badRequest('This order has been cancelled');
	if (order.status !== 'notPaid') throw new OvhError(409, 'This order is already paid');
	if (core.isOrderExpired(order)) throw badRequest('This order has expired');
}

/**
 * Takes the payment. Synchronous, and called right after assertPayable with no await in between: of concurrent
 * payments of one order exactly one is accepted, the others get the 409 of assertPayable.
 */
function markPaid(core: SandboxCore, order: SandboxOrder, payment: SandboxOrder['payment']): null {
	const now = core.now();
	const lag = core.state.orderStatusLag;
	order.status = 'checking';
	order.paidAt = new Date(now).toISOString();
	order.payment = payment;
	order.statusLagUntil = lag.delayMs > 0 ? new Date(now + lag.delayMs).toISOString() : null;
	order.statusLagReads = lag.reads;
	return null;
}

/** Whether this payment method may pay this order (order.paymentMethods null = any VALID method). */
function canPayWith(order: SandboxOrder, m: SandboxPaymentMethod): boolean {
	return m.status === 'VALID' && (order.paymentMethods === null || order.paymentMethods.includes(m.paymentMethodId));
}

function payWithRegisteredPaymentMean(ctx: RouteCtx): unknown {
	const { core, req } = ctx;
	const body = parseBody(req);
	rejectUndescribed(body, ['paymentMean', 'paymentMeanId']);
	const mean = requireProp(body, 'paymentMean');
	if (typeof mean !== 'string' || !ALL_PAYMENT_MEAN_ENUM.includes(mean)) {
		throw invalidInput(
			`'paymentMean' must be one of ${LEGACY_PAYMENT_MEANS.join(', ')} (got ${JSON.stringify(mean)})`,
		);
	}
	const meanId = body.paymentMeanId;
	if (meanId !== undefined && meanId !== null && !isPositiveInt(meanId)) {
		throw invalidInput(`'paymentMeanId' must be a positive integer (got ${JSON.stringify(meanId)})`);
	}
	const order = getOrder(ctx);
	if (!(LEGACY_PAYMENT_MEANS as readonly string[]).includes(mean)) {
		throw badRequest(
			`Payment mean ${mean} cannot be used with payWithRegisteredPaymentMean in the sandbox; use POST /me/order/{orderId}/pay with a payment method from /me/payment/method`,
		);
	}
	if (MEANS_NEEDING_ID.includes(mean) && (meanId === undefined || meanId === null)) {
		throw invalidInput(`'paymentMeanId' is mandatory for bankAccount, creditCard and paypal`);
	}
	const registered = core.state.paymentMeans.filter((m) => m.paymentMean === mean);
	if (registered.length === 0) throw badRequest(`No registered payment mean of type ${mean} on this account`);
	if (MEANS_NEEDING_ID.includes(mean) && !registered.some((m) => m.paymentMeanId === meanId)) {
		throw badRequest(`Registered payment mean ${mean} #${String(meanId)} does not exist`);
	}
	const linked = core.state.paymentMethods.find((m) => meanId !== undefined && meanId !== null && m.paymentMeanId === meanId);
	if (linked && order.paymentMethods !== null && !order.paymentMethods.includes(linked.paymentMethodId)) {
		throw badRequest(`This order can't be paid with '${mean}'`);
	}
	assertPayable(core, order);
	return markPaid(core, order, {
		via: 'payWithRegisteredPaymentMean',
		paymentMean: mean,
		paymentMeanId: typeof meanId === 'number' ? meanId : null,
		paymentMethodId: null,
	});
}

function payWithPaymentMethod(ctx: RouteCtx): unknown {
	const { core, req } = ctx;
	const body = parseBody(req);
	rejectUndescribed(body, ['paymentMethod']);
	const pm = requireProp(body, 'paymentMethod');
	if (typeof pm !== 'object' || pm === null || Array.isArray(pm)) {
		throw invalidInput(`'paymentMethod' must be an object {"id": <paymentMethodId>}`);
	}
	const id = (pm as Record<string, unknown>).id;
	if (id === undefined || id === null) throw invalidInput(`'paymentMethod.id' is a required property`);
	if (!isPositiveInt(id)) throw invalidInput(`'paymentMethod.id' must be a positive integer (got ${JSON.stringify(id)})`);
	const order = getOrder(ctx);
	const method = core.state.paymentMethods.find((m) => m.paymentMethodId === id);
	if (!method) throw badRequest(`Payment method ${id} does not exist`);
	if (method.status !== 'VALID') throw badRequest(`Payment method ${id} cannot be used (status ${method.status})`);
	if (!canPayWith(order, method)) throw badRequest(`This order can't be paid with payment method ${id}`);
	assertPayable(core, order);
	return markPaid(core, order, {
		via: 'pay',
		paymentMean: method.paymentType,
		paymentMeanId: method.paymentMeanId,
		paymentMethodId: id,
	});
}

function listPaymentMethods(ctx: RouteCtx): unknown {
	const dflt = queryBoolean(ctx.req, 'default');
	const type = ctx.req.query.get('paymentType');
	const status = ctx.req.query.get('status');
	return ctx.core.state.paymentMethods
		.filter(
			(m) =>
				(dflt === undefined || m.default === dflt) &&
				(type === null || type === '' || m.paymentType === type) &&
				(status === null || status === '' || m.status === status),
		)
		.map((m) => m.paymentMethodId);
}

/** me.payment.PaymentMethod */
function paymentMethodView(m: SandboxPaymentMethod): Record<string, unknown> {
	return {
		creationDate: m.creationDate,
		default: m.default,
		description: m.description,
		expirationDate: m.expirationDate,
		label: m.label,
		paymentMeanId: m.paymentMeanId,
		paymentMethodId: m.paymentMethodId,
		paymentSubType: m.paymentSubType,
		paymentType: m.paymentType,
		status: m.status,
	};
}

function getPaymentMethod(c: RouteCtx): unknown {
	const id = pathId(c.params.paymentMethodId, 'paymentMethodId');
	const m = c.core.state.paymentMethods.find((x) => x.paymentMethodId === id);
	if (!m) throw notFound(`The requested object (paymentMethodId = ${id}) does not exist`);
	return paymentMethodView(m);
}

function availableRegisteredPaymentMean(c: RouteCtx): unknown {
	getOrder(c);
	const types = [...new Set(c.core.state.paymentMeans.map((m) => m.paymentMean))];
	return types.map((paymentMean) => ({ paymentMean }));
}

/** billing.PaymentMeanEnum of a payment (mapping of the payment types: an assumption, see README). */
const PAYMENT_TYPE: Record<string, string> = {
	creditCard: 'creditCard',
	CREDIT_CARD: 'creditCard',
	paypal: 'paypal',
	PAYPAL: 'paypal',
	bankAccount: 'withdrawal',
	SEPA_DIRECT_DEBIT: 'withdrawal',
	ovhAccount: 'ovhAccount',
	fidelityAccount: 'fidelityPoints',
	deferredPaymentAccount: 'debtAccount',
};

/** billing.Payment of a paid order; 404 before any payment (an assumption: OVH's answer then is unverified). */
function orderPayment(c: RouteCtx): unknown {
	const order = getOrder(c);
	if (order.paidAt === null || order.payment === null) {
		throw notFound(`The requested object (payment of orderId = ${order.orderId}) does not exist`);
	}
	const p = order.payment;
	const method = c.core.state.paymentMethods.find((m) => m.paymentMethodId === p.paymentMethodId);
	const mean = c.core.state.paymentMeans.find((m) => m.paymentMean === p.paymentMean && m.paymentMeanId === p.paymentMeanId);
	return {
		paymentDate: formatDateTime(Date.parse(order.paidAt)),
		paymentIdentifier: method?.label ?? mean?.description ?? null,
		paymentType: PAYMENT_TYPE[p.paymentMean ?? ''] ?? 'none',
	};
}

/** billing.order.PaymentMethods: what can pay this order (order.paymentMethods; null = every VALID method). */
function orderPaymentMethods(c: RouteCtx): unknown {
	const order = getOrder(c);
	const usable = c.core.state.paymentMethods.filter((m) => canPayWith(order, m));
	const types = [...new Set(usable.map((m) => m.paymentType))];
	return {
		available: types.map((paymentType) => ({
			formSessionId: null,
			icon: { data: null, name: paymentType },
			integration: 'REDIRECT',
			merchantId: null,
			oneshot: true,
			organizationId: null,
			paymentSubType: null,
			paymentType,
			registerable: true,
			registerableWithTransaction: true,
		})),
		paymentMethods: usable.map(paymentMethodView),
		registered: usable.map((m) => m.paymentMethodId),
	};
}

export const PAYMENT_ROUTES: RouteDef[] = [
	{ method: 'GET', path: '/me/order/{orderId}/availableRegisteredPaymentMean', auth: true, handler: availableRegisteredPaymentMean },
	{ method: 'POST', path: '/me/order/{orderId}/payWithRegisteredPaymentMean', auth: true, handler: payWithRegisteredPaymentMean },
	{ method: 'POST', path: '/me/order/{orderId}/pay', auth: true, handler: payWithPaymentMethod },
	{ method: 'GET', path: '/me/order/{orderId}/payment', auth: true, handler: orderPayment },
	{ method: 'GET', path: '/me/order/{orderId}/paymentMethods', auth: true, handler: orderPaymentMethods },
	{ method: 'GET', path: '/me/payment/method', auth: true, handler: listPaymentMethods },
	{ method: 'GET', path: '/me/payment/method/{paymentMethodId}', auth: true, handler: getPaymentMethod },
];
