import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { getService, listServiceIds } from './api/services';

const PAGE_SIZE = 50;
/** With a filter, pages without a match are skipped, up to this many services read in one search. */
const MAX_SCANNED_PER_SEARCH = 200;

/**
 * Lists the account's services for the Service picker, 50 at a time (one GET /service/{id} per service for its
 * display name). When the user types, services are matched by name, product or ID, and pages without a match are
 * skipped (bounded, to stay well within OVH's rate limit); an exact ID is answered with one request.
 */
export async function searchServices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const ids = await listServiceIds.call(this);
	const needle = (filter ?? '').trim().toLowerCase();
	let start = Number(paginationToken ?? 0) || 0;
	if (/^\d+$/.test(needle) && start === 0 && ids.includes(Number(needle))) {
		return { results: [await describeForList.call(this, Number(needle))] };
	}
	const results: INodeListSearchItems[] = [];
	let scanned = 0;
	do {
		for (const id of ids.slice(start, start + PAGE_SIZE)) {
			const item = await describeForList.call(this, id);
			if (!needle || item.name.toLowerCase().includes(needle)) results.push(item);
		}
		start += PAGE_SIZE;
		scanned += PAGE_SIZE;
	} while (needle && results.length === 0 && start < ids.length && scanned < MAX_SCANNED_PER_SEARCH);
	return { results, paginationToken: start < ids.length ? String(start) : undefined };
}

async function describeForList(this: ILoadOptionsFunctions, id: number): Promise<INodeListSearchItems> {
	const service = await getService.call(this, id);
	const name = service.resource?.displayName ?? service.resource?.name ?? String(id);
	const product = service.plan?.product?.name ?? service.route?.path?.split('/')[1] ?? '';
	return { name: `${name}${product ? ` (${product})` : ''} · ${id}`, value: String(id) };
}
