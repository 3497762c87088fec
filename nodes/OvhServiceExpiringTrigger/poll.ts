import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { listServices, serviceRenewMode } from '../shared/service-scan';
import type { ServiceScan } from '../shared/service-scan';
import { parseProduct, toServiceItem } from '../shared/services';

/**
 * The trigger's static data: the expiration date last emitted per service ID. Only services currently in the window
 * are kept, so it never grows beyond the account's services.
 */
interface TriggerState {
	emitted?: Record<string, string>;
}

function parseDays(node: INode, raw: unknown): number {
	const days = typeof raw === 'number' ? raw : Number(String(raw ?? '').trim());
	if (!Number.isInteger(days) || days < 0) {
		throw new NodeOperationError(node, `Expiring Within Days must be a whole number of days, 0 or more (got "${String(raw)}")`, {
			description: 'For example 30: services expiring between today and 30 days from now.',
		});
	}
	return days;
}

/** The services currently in the window and matching the filters (one simplified item each). */
async function currentMatches(this: IPollFunctions, now: number): Promise<IDataObject[]> {
	const node = this.getNode();
	const within = parseDays(node, this.getNodeParameter('expiringWithinDays', 30));
	const renewMode = this.getNodeParameter('renewMode', 'manual') as string;
	const products = (this.getNodeParameter('products', []) as string[]).map((p) => parseProduct(node, 0, p));
	const scan: ServiceScan = {
		now,
		within,
		simplify: true,
		includeInfos: this.getNodeParameter('includeServiceInfos', false) as boolean,
		keep: (service, target) =>
			(renewMode === 'any' || serviceRenewMode(service) === renewMode) &&
			(products.length === 0 || (target !== undefined && products.includes(target.product))),
	};
	return await listServices.call(this, scan);
}

/** What "Fetch test event" shows when no service matches now: the item shape, marked as a sample. */
function sampleItem(now: number): IDataObject {
	return {
		...toServiceItem(now, undefined, undefined, { serviceId: 0, serviceName: 'sample.example', product: 'domain' }),
		sample: true,
		sampleNote: 'No service matches the filters now: this is an example of the item shape, not one of your services.',
	};
}

/**
 * One poll: every (service, expiration) in the window not emitted before. State is replaced only after every read
 * succeeded (a failed poll throws and commits nothing); in manual mode ("Fetch test event") it is not touched and
 * every current match (or a marked sample) is returned.
 */
export async function pollExpiringServices(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const now = Date.now();
	const matches = await currentMatches.call(this, now);
	if (this.getMode() === 'manual') {
		return [this.helpers.returnJsonArray(matches.length > 0 ? matches : [sampleItem(now)])];
	}

	const state = this.getWorkflowStaticData('node') as TriggerState;
	const previous = state.emitted ?? {};
	const emitted: Record<string, string> = {};
	const fresh: IDataObject[] = [];
	for (const item of matches) {
		const key = String(item.serviceId);
		const expiration = String(item.expiration);
		emitted[key] = expiration;
		if (previous[key] !== expiration) fresh.push(item);
	}
	state.emitted = emitted;
	return fresh.length > 0 ? [this.helpers.returnJsonArray(fresh)] : null;
}
