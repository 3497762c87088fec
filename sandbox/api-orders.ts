/**
 * Order routes: GET /me/order, /me/order/{orderId} (billing.Order), its status and its details.
 */
import type { RouteCtx, RouteDef } from './api-common';
import { getOrder, pathId, price, queryDateTime } from './api-common';
import { notFound } from './errors';
import type { SandboxOrder, SandboxOrderDetail } from './types';

function orderView(o: SandboxOrder): Record<string, unknown> {
	return {
		date: o.date,
		expirationDate: o.expirationDate,
		orderId: o.orderId,
		password: o.password,
		pdfUrl: o.pdfUrl,
		priceWithTax: price(o.priceWithTax, o.currencyCode),
		priceWithoutTax: price(o.priceWithoutTax, o.currencyCode),
		retractionDate: null,
		tax: price(o.tax, o.currencyCode),
		url: o.url,
	};
}

function listOrders(ctx: RouteCtx): unknown {
	const from = queryDateTime(ctx.req, 'date.from');
	const to = queryDateTime(ctx.req, 'date.to');
	return ctx.core.state.orders
		.filter((o) => {
			const t = Date.parse(o.date);
			return (from === undefined || t >= from) && (to === undefined || t <= to);
		})
		.map((o) => o.orderId)
		.sort((a, b) => a - b);
}

function getDetail(c: RouteCtx): { order: SandboxOrder; detail: SandboxOrderDetail } {
	const order = getOrder(c);
	const id = pathId(c.params.orderDetailId, 'orderDetailId');
	const detail = order.details.find((x) => x.orderDetailId === id);
	if (!detail) throw notFound(`The requested object (orderDetailId = ${id}) does not exist`);
	return { order, detail };
}

/** billing.OrderDetail */
function detailView(c: RouteCtx): unknown {
	const { order, detail: d } = getDetail(c);
	return {
		cancelled: order.status === 'cancelled',
		description: d.description,
		detailType: 'RENEW',
		domain: d.domain,
		orderDetailId: d.orderDetailId,
		quantity: d.quantity,
		totalPrice: price(d.totalPrice, order.currencyCode),
		unitPrice: price(d.unitPrice, order.currencyCode),
	};
}

/** billing.ItemDetail (BETA route): the renewal period of a RENEW line, its plan code and product. */
function detailExtension(c: RouteCtx): unknown {
	const { order, detail } = getDetail(c);
	const svc = detail.serviceId === null ? undefined : c.core.findService(detail.serviceId);
	return {
		order: {
			action: 'renew',
			configurations: [],
			plan: {
				code: svc?.planCode ?? null,
				duration: order.duration,
				pricingMode: 'default',
				product: { name: svc?.productName ?? null },
				quantity: Number(detail.quantity),
			},
			type: 'plan',
		},
	};
}

export const ORDER_ROUTES: RouteDef[] = [
	{ method: 'GET', path: '/me/order', auth: true, handler: listOrders },
	{ method: 'GET', path: '/me/order/{orderId}', auth: true, batch: true, handler: (c) => orderView(getOrder(c)) },
	{ method: 'GET', path: '/me/order/{orderId}/status', auth: true, batch: true, handler: (c) => c.core.readStatus(getOrder(c)) },
	{
		method: 'GET',
		path: '/me/order/{orderId}/details',
		auth: true,
		handler: (c) => getOrder(c).details.map((d) => d.orderDetailId),
	},
	{ method: 'GET', path: '/me/order/{orderId}/details/{orderDetailId}', auth: true, handler: detailView },
	{ method: 'GET', path: '/me/order/{orderId}/details/{orderDetailId}/extension', auth: true, handler: detailExtension },
];
