import type { IDataObject } from 'n8n-workflow';

import type { OvhPrice, OvhRenewDescription } from './api/renew';

/** One strategy as the nodes output it: flat, with the service it was asked for. */
export interface StrategyItem extends IDataObject {
	serviceId: number;
	renewPeriod: string;
	services: number[];
	servicesDetails: IDataObject[];
	price: OvhPrice;
	priceInUcents: number | null;
	/** Whether the strategy renews this service alone (`services` is exactly `[serviceId]`). */
	onlyThisService: boolean;
}

export interface StrategyFilters {
	renewPeriod?: string;
	onlyThisService?: boolean;
	maxPrice?: number;
}

export function sameIds(a: number[], b: number[]): boolean {
	if (a.length !== b.length) return false;
	const sorted = (ids: number[]) => ids.map(Number).sort((x, y) => x - y);
	const left = sorted(a);
	return sorted(b).every((id, i) => id === left[i]);
}

export function flattenStrategies(serviceId: number, descriptions: OvhRenewDescription[]): StrategyItem[] {
	const items: StrategyItem[] = [];
	for (const description of descriptions) {
		for (const strategy of description.strategies ?? []) {
			const services = (strategy.services ?? []).map(Number);
			items.push({
				serviceId,
				renewPeriod: description.renewPeriod,
				services,
				servicesDetails: (strategy.servicesDetails ?? []) as IDataObject[],
				price: strategy.price,
				priceInUcents: strategy.priceInUcents ?? strategy.price?.priceInUcents ?? null,
				onlyThisService: sameIds(services, [serviceId]),
			});
		}
	}
	return items;
}

export function matchesFilters(strategy: StrategyItem, filters: StrategyFilters): boolean {
	if (filters.renewPeriod && strategy.renewPeriod.toUpperCase() !== filters.renewPeriod.toUpperCase()) return false;
	if (filters.onlyThisService && !strategy.onlyThisService) return false;
	if (filters.maxPrice !== undefined && !(Number(strategy.price?.value) <= filters.maxPrice)) return false;
	return true;
}

export function priceText(price: OvhPrice | undefined): string {
	if (!price) return 'no price';
	return price.text ?? `${price.value} ${price.currencyCode ?? ''}`.trim();
}

/** A readable list of what OVH offers, for messages: `P1Y: [12345] 1.99 €; P1Y: [67890, 12345] 37.87 €`. */
export function describeOffers(strategies: StrategyItem[]): string {
	if (strategies.length === 0) return 'OVH offers no renewal for this service';
	return strategies
		.map((s) => `${s.renewPeriod} for services [${s.services.join(', ')}] at ${priceText(s.price)}`)
		.join('; ');
}
