/**
 * Is an order OVH already has "the same renewal" as the one a node is about to create or pay? Pure logic, no requests.
 *
 * An order is only ever reused (or reported as already paid) when that is proven: every service being renewed matches
 * exactly one RENEW line of the order, and the order's period is the wanted one. What counts as proof:
 * - service: the line's `domain` is the service's name AND either the line's plan code (order detail extension, when
 *   OVH gives it) is the service's plan code, or no other service of the account has that name. A shared name alone is
 *   no proof: one name can belong to a domain, its DNS zone, its MX plan and its hosting, at the same price.
 * - period: every line's `plan.duration` (order detail extension) is the wanted period; without the extension, the
 *   order's price without tax equals the verified strategy's price for exactly these services and this period.
 * - price: when the strategy's price is known, an order at another price is another renewal.
 * A candidate that shares the names but cannot be proven either way is `unprovable`: the caller must stop, not guess.
 */

export interface WantedService {
	serviceId: number;
	/** `resource.name` of GET /service/{serviceId}. */
	name: string;
	/** `plan.code` of GET /service/{serviceId}, when OVH gives it. */
	planCode?: string;
	/** Whether no other service of the account has this name (GET /services?resourceName=), when it was checked. */
	nameUnique?: boolean;
}

/** One RENEW line of an order: its detail, plus the detail extension's plan when OVH answers it. */
export interface OrderLine {
	domain: string;
	planCode?: string;
	/** ISO-8601 period from the extension's `order.plan.duration`. */
	duration?: string;
}

export interface CandidateOrder {
	orderId: number;
	lines: OrderLine[];
	priceWithoutTax?: number;
}

export type Verdict =
	| { kind: 'same'; proof: string; sharedNames: string[] }
	| { kind: 'different'; reason: string; sharedNames: string[] }
	| { kind: 'unprovable'; reason: string; sharedNames: string[] };

const PRICE_TOLERANCE = 0.005;

export function samePrice(a: number | undefined, b: number | undefined): boolean {
	return a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) < PRICE_TOLERANCE;
}

function lineFits(service: WantedService, line: OrderLine): boolean {
	if (line.domain !== service.name) return false;
	return line.planCode === undefined || service.planCode === undefined || line.planCode === service.planCode;
}

/** A one-to-one assignment of lines to services (small n: plain backtracking), or undefined when there is none. */
export function matchLines(services: WantedService[], lines: OrderLine[]): OrderLine[] | undefined {
	if (services.length !== lines.length) return undefined;
	const used = new Array<boolean>(lines.length).fill(false);
	const assigned: OrderLine[] = [];
	const place = (index: number): boolean => {
		if (index === services.length) return true;
		for (let l = 0; l < lines.length; l++) {
			if (used[l] || !lineFits(services[index], lines[l])) continue;
			used[l] = true;
			assigned[index] = lines[l];
			if (place(index + 1)) return true;
			used[l] = false;
		}
		return false;
	};
	return place(0) ? assigned : undefined;
}

/** Names that a line of this order shares with a wanted service while its plan shows it is another service. */
function sharedNamesOf(services: WantedService[], lines: OrderLine[]): string[] {
	const shared = new Set<string>();
	for (const line of lines) {
		for (const service of services) {
			if (line.domain === service.name && line.planCode && service.planCode && line.planCode !== service.planCode) {
				shared.add(service.name);
			}
		}
	}
	return [...shared];
}

/** Whether the order's names could be these services at all (same names, same count): a candidate worth judging. */
export function namesMatch(services: WantedService[], lines: OrderLine[]): boolean {
	if (services.length !== lines.length) return false;
	const names = services.map((s) => s.name).sort();
	const domains = lines.map((l) => l.domain).sort();
	return names.every((name, i) => name === domains[i]);
}

export function judgeCandidate(
	services: WantedService[],
	duration: string,
	expectedPriceWithoutTax: number | undefined,
	order: CandidateOrder,
): Verdict {
	const sharedNames = sharedNamesOf(services, order.lines);
	const assigned = matchLines(services, order.lines);
	if (!assigned) {
		return { kind: 'different', reason: `order ${order.orderId} renews other services`, sharedNames };
	}
	const wanted = duration.toUpperCase();
	const durations = assigned.map((line) => line.duration?.toUpperCase());
	const otherPeriod = durations.find((d) => d !== undefined && d !== wanted);
	if (otherPeriod) {
		return { kind: 'different', reason: `order ${order.orderId} renews for ${otherPeriod}, not ${wanted}`, sharedNames };
	}
	if (expectedPriceWithoutTax !== undefined && order.priceWithoutTax !== undefined) {
		if (!samePrice(expectedPriceWithoutTax, order.priceWithoutTax)) {
			return {
				kind: 'different',
				reason: `order ${order.orderId} costs ${order.priceWithoutTax} without tax, not the offered ${expectedPriceWithoutTax}`,
				sharedNames,
			};
		}
	}
	const priceProof = samePrice(expectedPriceWithoutTax, order.priceWithoutTax);
	const periodProof = durations.every((d) => d === wanted) ? 'period from the order details' : priceProof ? 'period from the price' : '';
	const byPlan = assigned.every((line, i) => line.planCode !== undefined && line.planCode === services[i].planCode);
	const serviceProof = byPlan ? 'services by name and plan' : services.every((s) => s.nameUnique) ? 'services by their unique name' : '';
	if (periodProof && serviceProof) return { kind: 'same', proof: `${serviceProof}, ${periodProof}`, sharedNames };
	const unproven = [
		periodProof ? '' : `its period (OVH gave no plan duration${expectedPriceWithoutTax === undefined ? ' and no verified price' : ''})`,
		serviceProof ? '' : 'which of the services with these names it renews (OVH gave no plan code, and the name is shared)',
	].filter(Boolean);
	const names = [...new Set(services.map((s) => s.name))].join(', ');
	return {
		kind: 'unprovable',
		reason: `order ${order.orderId} renews ${names}, but ${unproven.join(' and ')} cannot be proven`,
		sharedNames,
	};
}
