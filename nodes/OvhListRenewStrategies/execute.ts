import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getRenewDescriptions } from '../shared/api/renew';
import { inputError } from '../shared/errors';
import { processItems } from '../shared/execute';
import { rememberOffers } from '../shared/execution-offers';
import { describeOffers, flattenStrategies, matchesFilters } from '../shared/renew';
import type { StrategyFilters, StrategyItem } from '../shared/renew';
import { itemLabel, locatorValue, optionalAmount, parseDuration, parsePositiveId } from '../shared/validation';

/** List Renew Strategies: the renew offers of one service per input item, raw or flat and filtered. */
export async function listRenewStrategies(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await processItems(this, async (i) => {
		const serviceId = parsePositiveId(this.getNode(), i, 'Service', locatorValue(this.getNodeParameter('serviceId', i)));
		const includeOptions = this.getNodeParameter('includeOptions', i, false) as boolean;
		const output = this.getNodeParameter('output', i, 'strategies') as string;
		const filters = readFilters.call(this, i);
		const options = this.getNodeParameter('options', i, {}) as { emptyOnNoMatch?: boolean };

		const descriptions = await getRenewDescriptions.call(this, serviceId, includeOptions, i);
		if (output === 'raw') return descriptions.map((d) => ({ serviceId, ...d }));
		const all = flattenStrategies(serviceId, descriptions);
		rememberOffers(this, all);
		return keepMatching.call(this, i, serviceId, all, filters, options.emptyOnNoMatch);
	});
}

/** The Filters collection, checked. */
function readFilters(this: IExecuteFunctions, i: number): StrategyFilters {
	const node = this.getNode();
	const raw = this.getNodeParameter('filters', i, {}) as IDataObject;
	return {
		renewPeriod: raw.renewPeriod === undefined ? undefined : parseDuration(node, i, 'Renew Period filter', raw.renewPeriod),
		onlyThisService: raw.onlyThisService === true,
		maxPrice: optionalAmount(node, i, 'Max Price filter', raw.maxPrice),
	};
}

/** The strategies matching the filters; none is an error listing what OVH offers, unless `emptyOnNoMatch`. */
function keepMatching(
	this: IExecuteFunctions,
	i: number,
	serviceId: number,
	all: StrategyItem[],
	filters: StrategyFilters,
	emptyOnNoMatch?: boolean,
): StrategyItem[] {
	const kept = all.filter((s) => matchesFilters(s, filters));
	if (kept.length > 0 || emptyOnNoMatch) return kept;
	const asked = [
		filters.renewPeriod && `period ${filters.renewPeriod}`,
		filters.onlyThisService && 'this service alone',
		filters.maxPrice !== undefined && `at most ${filters.maxPrice} without tax`,
	].filter(Boolean);
	throw inputError(
		this.getNode(),
		i,
		`No renew strategy of service ${serviceId} matches ${asked.join(', ') || 'the filters'} (${itemLabel(i)})`,
		`OVH offers: ${describeOffers(all)}. Change the filters, or turn on "Return Nothing When No Strategy Matches" to continue with no items.`,
	);
}
