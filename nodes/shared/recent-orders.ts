import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './errors';
import { getOrder, getOrderDetails, getOrderStatus, listOrderIdsSince } from './api/orders';
import type { OvhOrder } from './api/orders';
import { getService } from './api/services';
import { PAID_STATUSES, isExpired } from './orders';

/** Above this many orders in the window, the duplicate check refuses rather than guess. */
const MAX_ORDERS_CHECKED = 1000;

interface RenewOrderEntry {
	orderId: number;
	/** Service names renewed by the order (its RENEW details' `domain`). */
	domains: Set<string>;
}

/**
 * Finds renew orders already created for the same services, so a re-run reuses them instead of ordering (and
 * paying) twice. One instance per execution: the recent orders and their details are read once and shared by all
 * items, orders created during the execution are added as they are made, and every order in the window is
 * considered (a check limited to the latest N orders misses the first run's orders as soon as it made more than N).
 */
export class RecentRenewOrders {
	private readonly windows = new Map<number, Promise<RenewOrderEntry[]>>();

	private readonly serviceNames = new Map<number, string>();

	private readonly created: RenewOrderEntry[] = [];

	constructor(private readonly context: IExecuteFunctions) {}

	/** The names OVH uses for these services in order details. */
	async namesOf(services: number[], itemIndex: number): Promise<Set<string>> {
		const names = new Set<string>();
		for (const id of services) {
			let name = this.serviceNames.get(id);
			if (name === undefined) {
				const service = await getService.call(this.context, id, itemIndex);
				name = String(service.resource?.name ?? id);
				this.serviceNames.set(id, name);
			}
			names.add(name);
		}
		return names;
	}

	/** Records an order this execution created, so a later item for the same services finds it. */
	remember(orderId: number, domains: Set<string>): void {
		this.created.unshift({ orderId, domains });
	}

	/**
	 * The most recent order of the window that renews exactly these services and is still payable or already paid;
	 * when the strategy's price is known, only an order at that price (another period is another order).
	 */
	async find(
		services: number[],
		windowHours: number,
		itemIndex: number,
		expectedPriceWithoutTax?: number,
	): Promise<{ order: OvhOrder; status: string } | undefined> {
		const wanted = await this.namesOf(services, itemIndex);
		const candidates = [...this.created, ...(await this.entries(windowHours, itemIndex))].filter(
			(entry) => entry.domains.size === wanted.size && [...wanted].every((name) => entry.domains.has(name)),
		);
		const now = Date.now();
		for (const { orderId } of candidates) {
			const status = await getOrderStatus.call(this.context, orderId, itemIndex);
			if (!PAID_STATUSES.includes(status) && status !== 'notPaid') continue;
			const order = await getOrder.call(this.context, orderId, itemIndex);
			if (
				expectedPriceWithoutTax !== undefined &&
				!(Math.abs(Number(order.priceWithoutTax?.value) - expectedPriceWithoutTax) < 0.005)
			) {
				continue;
			}
			if (PAID_STATUSES.includes(status) || !isExpired(order, now)) return { order, status };
		}
		return undefined;
	}

	private async entries(windowHours: number, itemIndex: number): Promise<RenewOrderEntry[]> {
		let loaded = this.windows.get(windowHours);
		if (!loaded) {
			loaded = this.load(windowHours, itemIndex);
			this.windows.set(windowHours, loaded);
		}
		return await loaded;
	}

	private async load(windowHours: number, itemIndex: number): Promise<RenewOrderEntry[]> {
		const since = new Date(Date.now() - windowHours * 3_600_000);
		const orderIds = await listOrderIdsSince.call(this.context, since, itemIndex);
		if (orderIds.length > MAX_ORDERS_CHECKED) {
			throw inputError(
				this.context.getNode(),
				itemIndex,
				`The account has ${orderIds.length} orders in the last ${windowHours} hours, too many to check for an existing renewal`,
				`Nothing was ordered. Lower Recent Order Window (Hours), or turn off Reuse Recent Order if you are sure this renewal was not ordered yet.`,
			);
		}
		const entries: RenewOrderEntry[] = [];
		for (const orderId of [...orderIds].sort((a, b) => b - a)) {
			const renewals = (await getOrderDetails.call(this.context, orderId, itemIndex)).filter(
				(d) => String(d.detailType ?? '').toUpperCase() === 'RENEW',
			);
			if (renewals.length > 0) entries.push({ orderId, domains: new Set(renewals.map((d) => String(d.domain ?? ''))) });
		}
		return entries;
	}
}
