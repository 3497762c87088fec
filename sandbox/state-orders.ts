/**
 * Orders in the state: tax, order details (one RENEW line per renewed service) and normalizing a state file's order.
 */
import { asBool, asEnum, asIdArray, asIdListOrNull, asOptString, asPositiveInt, asPrice, asString, fail, isRecord, optDateTime, ORDER_STATUSES, asStatusLag } from './state-validate';
import { parseIsoDuration, resolveDateTime } from './time';
import type { SandboxOrder, SandboxOrderDetail, SandboxService, SandboxState } from './types';

export function cents(value: number): number {
	return Math.round(value * 100);
}

/** Splits an amount between services (last one takes the rounding remainder). */
function evenSplit(total: number, count: number): number[] {
	const totalCents = cents(total);
	const base = Math.floor(totalCents / count);
	const out = Array.from({ length: count }, () => base);
	out[count - 1] += totalCents - base * count;
	return out.map((c) => c / 100);
}

export function taxFor(priceWithoutTax: number, taxRate: number): { tax: number; priceWithTax: number } {
	const c = cents(priceWithoutTax);
	const t = Math.round(c * taxRate);
	return { tax: t / 100, priceWithTax: (c + t) / 100 };
}

/** Order details derived from the services renewed (one RENEW line per service). */
export function buildOrderDetails(
	orderId: number,
	services: number[],
	duration: string,
	priceWithoutTax: number,
	breakdown: Array<{ serviceId: number; price: number }> | null,
	lookup: (id: number) => SandboxService | undefined,
): SandboxOrderDetail[] {
	const split = evenSplit(priceWithoutTax, services.length);
	return services.map((id, i) => {
		const svc = lookup(id);
		const price = breakdown?.find((b) => b.serviceId === id)?.price ?? split[i];
		return {
			orderDetailId: orderId * 10 + i + 1,
			serviceId: id,
			description: `Renewal ${svc ? `${svc.serviceType} ${svc.serviceName}` : `service ${id}`} for ${duration}`,
			domain: svc?.serviceName ?? String(id),
			quantity: '1',
			unitPrice: price,
			totalPrice: price,
		};
	});
}

export function normalizeOrder(raw: unknown, idx: number, now: number, state: SandboxState, origin: string): SandboxOrder {
	const f = `orders[${idx}]`;
	if (!isRecord(raw)) fail(f, 'must be an object');
	const orderId = asPositiveInt(raw.orderId, `${f}.orderId`);
	const services = asIdArray(raw.services, `${f}.services`);
	const duration = asString(raw.duration, `${f}.duration`);
	if (!parseIsoDuration(duration)) fail(`${f}.duration`, 'must be an ISO-8601 duration such as P1Y');
	const priceWithoutTax = asPrice(raw.priceWithoutTax, `${f}.priceWithoutTax`);
	const computed = taxFor(priceWithoutTax, state.taxRate);
	const date = optDateTime(raw.date, now, `${f}.date`, null) ?? resolveDateTime('now', now, `${f}.date`);
	const password = asString(raw.password ?? 'sbx0', `${f}.password`);
	const status = asEnum(raw.status, ORDER_STATUSES, `${f}.status`, 'notPaid');
	const lookup = (id: number): SandboxService | undefined => state.services.find((s) => s.serviceId === id);
	return {
		orderId,
		password,
		date,
		expirationDate:
			optDateTime(raw.expirationDate, now, `${f}.expirationDate`, null) ??
			resolveDateTime('now', Date.parse(date) + 86_400_000, `${f}.expirationDate`),
		url: asOptString(raw.url, `${f}.url`, null) ?? `${origin}/__sandbox/orders/${orderId}?orderPassword=${password}`,
		pdfUrl:
			asOptString(raw.pdfUrl, `${f}.pdfUrl`, null) ??
			`${origin}/__sandbox/orders/${orderId}?orderPassword=${password}&format=pdf`,
		serviceId: raw.serviceId === undefined || raw.serviceId === null ? null : asPositiveInt(raw.serviceId, `${f}.serviceId`),
		services,
		duration,
		currencyCode: asString(raw.currencyCode ?? state.currencyCode, `${f}.currencyCode`),
		priceWithoutTax,
		tax: raw.tax === undefined ? computed.tax : asPrice(raw.tax, `${f}.tax`),
		priceWithTax: raw.priceWithTax === undefined ? computed.priceWithTax : asPrice(raw.priceWithTax, `${f}.priceWithTax`),
		status,
		paidAt: optDateTime(raw.paidAt, now, `${f}.paidAt`, null),
		payment: isRecord(raw.payment) ? (raw.payment as unknown as SandboxOrder['payment']) : null,
		deliveredAt: optDateTime(raw.deliveredAt, now, `${f}.deliveredAt`, null),
		extensionApplied: asBool(raw.extensionApplied, `${f}.extensionApplied`, status === 'delivered'),
		details: Array.isArray(raw.details)
			? (raw.details as SandboxOrderDetail[])
			: buildOrderDetails(orderId, services, duration, priceWithoutTax, null, lookup),
		paymentMethods:
			raw.paymentMethods === undefined ? state.orderPaymentMethods : asIdListOrNull(raw.paymentMethods, `${f}.paymentMethods`),
		statusLagUntil: optDateTime(raw.statusLagUntil, now, `${f}.statusLagUntil`, null),
		statusLagReads:
			raw.statusLagReads === undefined ? 0 : asStatusLag({ reads: raw.statusLagReads }, `${f}.statusLagReads`).reads,
	};
}

