import type { IExecuteFunctions } from 'n8n-workflow';

import type { OvhPrice } from './api/renew';
import type { StrategyItem } from './renew';

/**
 * Request economy between List Renew Strategies and Create Renew Order (issue 7): the renew offers List Renew
 * Strategies read are remembered for the rest of the execution (in this process; the last few executions only), and
 * Create Renew Order's Verify Strategy takes the offer from there instead of reading the offers again, when the very
 * same service, period and services were offered in this execution (minutes ago at most). Nothing in the items is
 * trusted for it, so an edited or older item cannot skip the check.
 *
 * Safety does not depend on the offer's freshness: OVH itself refuses a renew order no strategy matches (400); the
 * price only serves to prove a reuse (a changed price makes a reuse unprovable, never a false match), and Pay Order
 * checks its Max Amount against the order's own price.
 */
const offers = new Map<string, Map<string, OvhPrice>>();
const REMEMBERED_EXECUTIONS = 200;

function executionId(context: IExecuteFunctions): string | undefined {
	try {
		const id = context.getExecutionId();
		return id ? String(id) : undefined;
	} catch {
		return undefined;
	}
}

function offerKey(serviceId: number, duration: string, services: number[]): string {
	return `${serviceId}/${duration.toUpperCase()}/${[...services].map(Number).sort((a, b) => a - b).join(',')}`;
}

/** Remembers every strategy OVH offered in this execution (all of them, before any filter). */
export function rememberOffers(context: IExecuteFunctions, strategies: StrategyItem[]): void {
	const id = executionId(context);
	if (id === undefined) return;
	const known = offers.get(id) ?? new Map<string, OvhPrice>();
	for (const s of strategies) known.set(offerKey(s.serviceId, s.renewPeriod, s.services), s.price);
	offers.delete(id);
	offers.set(id, known);
	while (offers.size > REMEMBERED_EXECUTIONS) offers.delete(offers.keys().next().value as string);
}

/** The offer for exactly this order, when OVH offered it earlier in this execution. */
export function offeredInExecution(
	context: IExecuteFunctions,
	order: { serviceId: number; duration: string; services: number[] },
): { price: OvhPrice } | undefined {
	const id = executionId(context);
	const price = id === undefined ? undefined : offers.get(id)?.get(offerKey(order.serviceId, order.duration, order.services));
	return price ? { price } : undefined;
}
