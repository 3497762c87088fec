import type { IExecuteFunctions } from 'n8n-workflow';

import type { OvhPrice } from './api/renew';
import { ExecutionMemory, executionId } from './execution-memory';
import type { StrategyItem } from './renew';

/**
 * Request economy between List Renew Strategies and Create Renew Order (issue 7): the renew offers List Renew
 * Strategies read are remembered for the rest of the execution (in this process; the last few executions only), and
 * Create Renew Order's Verify Strategy takes the offer from there instead of reading the offers again, when the very
 * same service, period and services were offered in this execution less than OFFER_TTL_MS ago (a workflow that waits
 * for an approval between the two reads the offers again). Nothing in the items is trusted for it, so an edited or
 * older item cannot skip the check.
 *
 * Safety does not depend on the offer's freshness: OVH itself refuses a renew order no strategy matches (400); the
 * price only serves to prove a reuse (a changed price makes a reuse unprovable, never a false match), and Pay Order
 * checks its Max Amount against the order's own price.
 */
const offers = new ExecutionMemory<{ at: number; prices: Map<string, OvhPrice> }>();
/** How long an offer read by List Renew Strategies stands in for Create Renew Order's own read. */
export const OFFER_TTL_MS = 10 * 60_000;

function offerKey(serviceId: number, duration: string, services: number[]): string {
	return `${serviceId}/${duration.toUpperCase()}/${[...services].map(Number).sort((a, b) => a - b).join(',')}`;
}

/** Remembers every strategy OVH offered in this execution (all of them, before any filter). */
export function rememberOffers(context: IExecuteFunctions, strategies: StrategyItem[]): void {
	const id = executionId(context);
	if (id === undefined) return;
	const known = offers.get(id)?.prices ?? new Map<string, OvhPrice>();
	for (const s of strategies) known.set(offerKey(s.serviceId, s.renewPeriod, s.services), s.price);
	offers.set(id, { at: Date.now(), prices: known });
}

/** The offer for exactly this order, when OVH offered it earlier in this execution. */
export function offeredInExecution(
	context: IExecuteFunctions,
	order: { serviceId: number; duration: string; services: number[] },
): { price: OvhPrice } | undefined {
	const id = executionId(context);
	const remembered = id === undefined ? undefined : offers.get(id);
	if (!remembered || Date.now() - remembered.at > OFFER_TTL_MS) return undefined;
	const price = remembered.prices.get(offerKey(order.serviceId, order.duration, order.services));
	return price ? { price } : undefined;
}
