import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { getService, listServiceIds } from './services';

const PAGE_SIZE = 50;

/**
 * Lists the account's services for the Service picker, 50 at a time (one GET /service/{id} per service for its
 * display name), filtered by name or ID when the user types.
 */
export async function searchServices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const ids = await listServiceIds.call(this);
	const start = Number(paginationToken ?? 0) || 0;
	const page = ids.slice(start, start + PAGE_SIZE);
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const id of page) {
		const service = await getService.call(this, id);
		const name = service.resource?.displayName ?? service.resource?.name ?? String(id);
		const product = service.plan?.product?.name ?? service.route?.path?.split('/')[1] ?? '';
		const label = `${name}${product ? ` (${product})` : ''} · ${id}`;
		if (needle && !label.toLowerCase().includes(needle)) continue;
		results.push({ name: label, value: String(id) });
	}
	const next = start + PAGE_SIZE;
	return { results, paginationToken: next < ids.length ? String(next) : undefined };
}
