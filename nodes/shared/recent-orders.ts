import type { IExecuteFunctions } from 'n8n-workflow';

import { getOrderDetailExtension } from './api/order-extension';
import { getOrder, getOrderDetails, getOrderStatuses, getOrders, listOrderIdsSince } from './api/orders';
import type { OvhOrder } from './api/orders';
import { getService, getServices, listServiceIdsNamed } from './api/services';
import type { OvhServiceListEntry } from './api/services';
import { ovhRoute } from './api/catalogue';
import { batchAvailable, valueOf } from './batch';
import type { BatchResult } from './batch';
import { inputError } from './errors';
import { PAID_STATUSES, isExpired } from './orders';
import { judgeCandidate, namesMatch } from './renewal-identity';
import type { OrderLine, Verdict, WantedService } from './renewal-identity';
import { DEFAULT_READ_CONCURRENCY, mapPool } from './pool';
import { itemLabel } from './validation';

/** Above this many orders in the window, the duplicate check refuses rather than guess. */
const MAX_ORDERS_CHECKED = 1000;

/** One renewal a node is about to order. */
export interface RenewalRequest {
	services: number[];
	duration: string;
	windowHours: number;
	/** The verified strategy's price without tax, when Verify Strategy read it. */
	expectedPriceWithoutTax?: number;
	itemIndex: number;
}

/** An order proven to be the same renewal. */
export interface SameRenewal {
	orderId: number;
	order: OvhOrder;
	status: string;
	/** How it was proven, e.g. `services by name and plan, period from the order details`. */
	proof: string;
	/** The order's own period, when OVH's order details give it. */
	orderDuration: string | null;
}

export interface Lookup {
	/** The lowest-numbered same renewal already paid, else the lowest still payable; none when there is none. */
	found?: SameRenewal;
	/** Names that another service of the account also has (told apart by plan code). */
	sharedNames: string[];
}

type LineWithId = OrderLine & { orderDetailId: number };

/** A service as order details name it (`resource.name`), with its plan code. */
function asWanted(serviceId: number, service: OvhServiceListEntry): WantedService {
	return { serviceId, name: String(service.resource?.name ?? serviceId), planCode: service.plan?.code };
}

function renewalKey(request: RenewalRequest): string {
	return `${[...request.services].sort((a, b) => a - b).join(',')}/${request.duration.toUpperCase()}`;
}

/** A promise cache that forgets a failed load, so the next item asks again and gets its own error and index. */
function remembered<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
	let entry = cache.get(key);
	if (!entry) {
		const loading = load();
		cache.set(key, loading);
		loading.catch(() => {
			if (cache.get(key) === loading) cache.delete(key);
		});
		entry = loading;
	}
	return entry;
}

/**
 * Finds renew orders already created for the same renewal, so a re-run (or a concurrent run) reuses them instead of
 * ordering and paying twice. One instance per node execution: what never changes (services, order details and their
 * extensions, order prices) is read once and shared by all items; statuses are read fresh each time. Services,
 * orders and statuses are read with batch GETs (batch.ts), order details a few orders at a time (pool.ts).
 *
 * Convergence: after creating an order, `converge` lists the window again and answers the lowest-numbered same
 * renewal. N identical executions that each created an order all pick the same one (order IDs grow with time, so
 * whoever created a higher one sees the lower); the others stay unpaid and expire after a day.
 */
export class RecentRenewOrders {
	private readonly services = new Map<number, Promise<WantedService>>();

	private readonly windows = new Map<number, Promise<number[]>>();

	private readonly lines = new Map<number, Promise<LineWithId[]>>();

	private readonly extended = new Map<number, Promise<OrderLine[]>>();

	private readonly orders = new Map<number, Promise<OvhOrder>>();

	private readonly named = new Map<string, Promise<number[]>>();

	/** Orders this execution created, with what they renew (`renewalKey`). */
	private readonly created = new Map<number, string>();

	constructor(private readonly context: IExecuteFunctions) {}

	/** Reads the services of every item at once (batch GETs), before the first item needs them; failures are left to the item. */
	async prefetch(serviceIds: number[], itemIndex: number): Promise<void> {
		const missing = [...new Set(serviceIds)].filter((id) => !this.services.has(id));
		if (missing.length < 2) return;
		const read = await getServices.call(this.context, missing, DEFAULT_READ_CONCURRENCY, itemIndex);
		for (const [serviceId, result] of read) {
			if (!result.ok) continue;
			this.services.set(serviceId, Promise.resolve(asWanted(serviceId, result.value)));
		}
	}

	/** The services as order details name them (`resource.name`), with their plan codes. */
	async wanted(serviceIds: number[], itemIndex: number): Promise<WantedService[]> {
		const wanted: WantedService[] = [];
		for (const serviceId of serviceIds) {
			wanted.push(
				await remembered(this.services, serviceId, async () => asWanted(serviceId, await getService.call(this.context, serviceId, itemIndex))),
			);
		}
		return wanted;
	}

	/** The same renewal among the window's orders (the order list is read once per execution). */
	async find(request: RenewalRequest): Promise<Lookup> {
		return await this.judge(request, await this.windowIds(request, false));
	}

	/** Lists the window again (orders made meanwhile by other executions included) and answers the lowest same renewal. */
	async converge(request: RenewalRequest): Promise<Lookup> {
		return await this.judge(request, await this.windowIds(request, true));
	}

	/** Records an order this execution created: what it renews is known, so it costs no request to judge it. */
	async remember(orderId: number, order: OvhOrder, request: RenewalRequest): Promise<void> {
		const wanted = await this.wanted(request.services, request.itemIndex);
		const lines = wanted.map((s) => ({ domain: s.name, planCode: s.planCode, duration: request.duration }));
		this.created.set(orderId, renewalKey(request));
		this.orders.set(orderId, Promise.resolve(order));
		this.lines.set(orderId, Promise.resolve(lines.map((line, i) => ({ ...line, orderDetailId: -1 - i }))));
		this.extended.set(orderId, Promise.resolve(lines));
	}

	private async windowIds(request: RenewalRequest, fresh: boolean): Promise<number[]> {
		const load = async () => {
			const since = new Date(Date.now() - request.windowHours * 3_600_000);
			const ids = await listOrderIdsSince.call(this.context, since, request.itemIndex);
			if (ids.length > MAX_ORDERS_CHECKED) {
				throw inputError(
					this.context.getNode(),
					request.itemIndex,
					`The account has ${ids.length} orders in the last ${request.windowHours} hours, too many to check for an existing renewal`,
					`Nothing was ordered. Lower Recent Order Window (Hours), or turn off Reuse Recent Order if you are sure this renewal was not ordered yet.`,
				);
			}
			return ids;
		};
		if (fresh) this.windows.delete(request.windowHours);
		const ids = await remembered(this.windows, request.windowHours, load);
		return [...new Set([...ids, ...this.created.keys()])].sort((a, b) => a - b);
	}

	private async judge(request: RenewalRequest, orderIds: number[]): Promise<Lookup> {
		const { itemIndex } = request;
		const wanted = await this.wanted(request.services, itemIndex);
		const same: SameRenewal[] = [];
		const unprovable: Array<{ orderId: number; reason: string }> = [];
		const sharedNames = new Set<string>();
		const now = Date.now();
		const lines = await mapPool(orderIds, DEFAULT_READ_CONCURRENCY, async (orderId) => await this.renewLines(orderId, itemIndex));
		const candidates = orderIds.filter((_, i) => namesMatch(wanted, lines[i]));
		// While batch GETs work, the orders of the whole window are read at once (50 a request, once per execution),
		// so later items find theirs read already; otherwise only this item's candidates.
		const orders = await this.ordersOf(batchAvailable(this.context, ovhRoute('order')) ? orderIds : candidates, itemIndex);
		const judged: Array<{ orderId: number; order: OvhOrder; lines: OrderLine[]; verdict: Verdict }> = [];
		for (const orderId of candidates) {
			const order = await orders(orderId);
			const extended = await this.extendedLines(orderId, itemIndex);
			const verdict = await this.verdict(wanted, request, orderId, order, extended);
			verdict.sharedNames.forEach((name) => sharedNames.add(name));
			if (verdict.kind !== 'different') judged.push({ orderId, order, lines: extended, verdict });
		}
		const statuses = await getOrderStatuses.call(this.context, judged.map((j) => j.orderId), DEFAULT_READ_CONCURRENCY, itemIndex);
		for (const { orderId, order, lines: orderLines, verdict } of judged) {
			const status = valueOf(statuses.get(orderId) as BatchResult<string>);
			const paid = PAID_STATUSES.includes(status);
			if (!paid && (status !== 'notPaid' || isExpired(order, now))) continue;
			if (verdict.kind === 'unprovable') {
				unprovable.push({ orderId, reason: verdict.reason });
				continue;
			}
			if (verdict.kind !== 'same') continue;
			const durations = [...new Set(orderLines.map((line) => line.duration?.toUpperCase()))];
			const orderDuration = durations.length === 1 && durations[0] ? durations[0] : null;
			same.push({ orderId, order, status, proof: verdict.proof, orderDuration });
		}
		const found = same.find((s) => PAID_STATUSES.includes(s.status)) ?? same[0];
		if (!found && unprovable.length > 0) {
			const ids = unprovable.map((u) => u.orderId).join(', ');
			throw inputError(
				this.context.getNode(),
				itemIndex,
				`Order ${ids} of the last ${request.windowHours} hours may already renew services [${request.services.join(', ')}], but that cannot be proven (${itemLabel(itemIndex)})`,
				`${unprovable.map((u) => u.reason).join('; ')}. Nothing was ordered. Check order ${ids} in the OVH control panel (pay or cancel it there), or turn off Reuse Recent Order to create a new order anyway.`,
			);
		}
		return { found, sharedNames: [...sharedNames] };
	}

	/** The orders not read yet are read in one batch; each is then answered from it (or its own error). */
	private async ordersOf(orderIds: number[], itemIndex: number): Promise<(orderId: number) => Promise<OvhOrder>> {
		const missing = orderIds.filter((id) => !this.orders.has(id) && !this.created.has(id));
		const read = missing.length > 1 ? await getOrders.call(this.context, missing, DEFAULT_READ_CONCURRENCY, itemIndex) : undefined;
		for (const [orderId, result] of read ?? []) if (result.ok) this.orders.set(orderId, Promise.resolve(result.value));
		return async (orderId) => {
			const failed = read?.get(orderId);
			if (failed && !failed.ok) return valueOf(failed);
			return await remembered(this.orders, orderId, async () => await getOrder.call(this.context, orderId, itemIndex));
		};
	}

	/** An order this execution created is the same renewal exactly when it was created for the same request. */
	private async verdict(
		wanted: WantedService[],
		request: RenewalRequest,
		orderId: number,
		order: OvhOrder,
		lines: OrderLine[],
	): Promise<Verdict> {
		const createdFor = this.created.get(orderId);
		if (createdFor !== undefined) {
			return createdFor === renewalKey(request)
				? { kind: 'same', proof: 'created by this execution', sharedNames: [] }
				: { kind: 'different', reason: `order ${orderId} was created for another renewal`, sharedNames: [] };
		}
		const price = Number(order.priceWithoutTax?.value);
		// Without plan codes, a line is these services only if no other service of the account has their names.
		const services = lines.some((line) => line.planCode === undefined) ? await this.withNameUniqueness(wanted, request.itemIndex) : wanted;
		return judgeCandidate(services, request.duration, request.expectedPriceWithoutTax, {
			orderId,
			lines,
			priceWithoutTax: Number.isFinite(price) ? price : undefined,
		});
	}

	private async withNameUniqueness(wanted: WantedService[], itemIndex: number): Promise<WantedService[]> {
		const checked: WantedService[] = [];
		for (const service of wanted) {
			const ids = await remembered(this.named, service.name, async () => await listServiceIdsNamed.call(this.context, service.name, itemIndex));
			checked.push({ ...service, nameUnique: ids.length === 1 && ids[0] === service.serviceId });
		}
		return checked;
	}

	/** The order's RENEW lines (detail `domain`), read once: details never change. */
	private async renewLines(orderId: number, itemIndex: number): Promise<LineWithId[]> {
		return await remembered(this.lines, orderId, async () => {
			const details = await getOrderDetails.call(this.context, orderId, itemIndex);
			return details
				.filter((d) => String(d.detailType ?? '').toUpperCase() === 'RENEW')
				.map((d) => ({ domain: String(d.domain ?? ''), orderDetailId: Number(d.orderDetailId) }));
		});
	}

	/** The RENEW lines with their plan code and period from the detail extension, when OVH describes them. */
	private async extendedLines(orderId: number, itemIndex: number): Promise<OrderLine[]> {
		return await remembered(this.extended, orderId, async () => {
			const lines: OrderLine[] = [];
			for (const line of await this.renewLines(orderId, itemIndex)) {
				const plan = (await getOrderDetailExtension.call(this.context, orderId, line.orderDetailId, itemIndex))?.order?.plan;
				lines.push({ domain: line.domain, planCode: plan?.code || undefined, duration: plan?.duration || undefined });
			}
			return lines;
		});
	}
}
