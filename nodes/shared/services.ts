import type { IDataObject, INode, INodePropertyOptions } from 'n8n-workflow';

import type { OvhServiceInfos, OvhServiceListEntry } from './api/services';
import { inputError } from './errors';
import { itemLabel } from './validation';

/** OVH API products that expose `GET /{product}/{serviceName}/serviceInfos`, by API path prefix. */
export const SERVICE_INFO_PRODUCTS: Array<{ name: string; value: string }> = [
	{ name: 'All Dom', value: 'allDom' },
	{ name: 'CDN Dedicated', value: 'cdn/dedicated' },
	{ name: 'Dedicated Cloud (Hosted Private Cloud)', value: 'dedicatedCloud' },
	{ name: 'Dedicated Housing', value: 'dedicated/housing' },
	{ name: 'Dedicated NAS-HA', value: 'dedicated/nasha' },
	{ name: 'Dedicated Server', value: 'dedicated/server' },
	{ name: 'Domain', value: 'domain' },
	{ name: 'Domain DNS Zone', value: 'domain/zone' },
	{ name: 'Email Domain (MX Plan)', value: 'email/domain' },
	{ name: 'Email MX Plan', value: 'email/mxplan' },
	{ name: 'Email Pro', value: 'email/pro' },
	{ name: 'Hosting Private Database', value: 'hosting/privateDatabase' },
	{ name: 'IP', value: 'ip' },
	{ name: 'IP Load Balancing', value: 'ipLoadbalancing' },
	{ name: 'License cPanel', value: 'license/cpanel' },
	{ name: 'License DirectAdmin', value: 'license/directadmin' },
	{ name: 'License Plesk', value: 'license/plesk' },
	{ name: 'License SQL Server', value: 'license/sqlserver' },
	{ name: 'License Virtuozzo', value: 'license/virtuozzo' },
	{ name: 'License Windows', value: 'license/windows' },
	{ name: 'Logs Data Platform', value: 'dbaas/logs' },
	{ name: 'Nutanix', value: 'nutanix' },
	{ name: 'OverTheBox', value: 'overTheBox' },
	{ name: 'Pack xDSL', value: 'pack/xdsl' },
	{ name: 'Public Cloud Project', value: 'cloud/project' },
	{ name: 'SMS', value: 'sms' },
	{ name: 'SSL Certificate', value: 'ssl' },
	{ name: 'SSL Gateway', value: 'sslGateway' },
	{ name: 'Telephony', value: 'telephony' },
	{ name: 'Veeam Cloud Connect', value: 'veeamCloudConnect' },
	{ name: 'VPS', value: 'vps' },
	{ name: 'vRack', value: 'vrack' },
	{ name: 'Web Hosting', value: 'hosting/web' },
	{ name: 'xDSL', value: 'xdsl' },
];

export const PRODUCT_OPTIONS: INodePropertyOptions[] = SERVICE_INFO_PRODUCTS.map((p) => ({
	name: p.name,
	value: p.value,
	description: `/${p.value}/{serviceName}/serviceInfos`,
}));

export function parseProduct(node: INode, itemIndex: number, raw: unknown): string {
	const value = typeof raw === 'string' ? raw.trim().replace(/^\/+|\/+$/g, '') : '';
	if (!SERVICE_INFO_PRODUCTS.some((p) => p.value === value)) {
		throw inputError(
			node,
			itemIndex,
			`Product "${String(raw ?? '')}" is not an OVH product with service information (${itemLabel(itemIndex)})`,
			`Pick a product from the list, or use one of these API path prefixes in an expression: ${SERVICE_INFO_PRODUCTS.map((p) => p.value).join(', ')}.`,
		);
	}
	return value;
}

/**
 * The product and service name behind a service's route, to reach its serviceInfos. Prefers `route.path` with
 * `route.vars` (`/ip/{ip}` + ip=141.94.185.0/28 keeps the slash inside the name), else `route.url`
 * (`/vps/vps112233.ovh.net`).
 */
export function routeToProduct(route: OvhServiceListEntry['route']): { product: string; serviceName: string } | undefined {
	const byLength = [...SERVICE_INFO_PRODUCTS].sort((a, b) => b.value.length - a.value.length);
	const templated = /^\/(.+)\/\{([^}/]+)\}\/?$/.exec(route?.path ?? '');
	if (templated) {
		const product = byLength.find((p) => p.value === templated[1]);
		const value = route?.vars?.find((v) => v.key === templated[2])?.value;
		if (product && value) return { product: product.value, serviceName: value };
	}
	const path = (route?.url ?? '').replace(/\/+$/, '');
	const known = byLength.find((p) => path.startsWith(`/${p.value}/`));
	if (!known) return undefined;
	const rest = path.slice(known.value.length + 2);
	if (!rest || rest.includes('/')) return undefined;
	try {
		return { product: known.value, serviceName: decodeURIComponent(rest) };
	} catch {
		return { product: known.value, serviceName: rest };
	}
}

const DAY_MS = 86_400_000;

/** Whole days from today (UTC) to a YYYY-MM-DD date; negative when past. */
export function daysUntil(date: string | undefined | null, nowMs: number): number | null {
	if (!date) return null;
	const time = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
	if (!Number.isFinite(time)) return null;
	const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
	return Math.round((time - today) / DAY_MS);
}

/**
 * One flat, stable item per service, whichever routes it came from: the fields later nodes need first
 * (serviceId, expiration, renew mode), then details.
 */
export function toServiceItem(
	nowMs: number,
	service: OvhServiceListEntry | undefined,
	infos: OvhServiceInfos | undefined,
	names: { product?: string; serviceName?: string; serviceId?: number } = {},
): IDataObject {
	const expiration = (infos?.expiration ?? service?.expirationDate ?? null)?.slice(0, 10) ?? null;
	const automatic = infos?.renew?.automatic ?? (service?.renew?.mode ? service.renew.mode !== 'manual' : undefined);
	const item: IDataObject = {
		serviceId: infos?.serviceId ?? names.serviceId ?? null,
		serviceName: names.serviceName ?? service?.resource?.name ?? infos?.domain ?? null,
		displayName: service?.resource?.displayName ?? names.serviceName ?? infos?.domain ?? null,
		product: names.product ?? null,
		expiration,
		daysUntilExpiration: daysUntil(expiration, nowMs),
		renewMode: automatic === undefined ? null : automatic ? 'automatic' : 'manual',
		status: infos?.status ?? service?.state ?? null,
	};
	if (service) {
		item.state = service.state ?? null;
		item.planCode = service.plan?.code ?? null;
		item.productName = service.plan?.product?.name ?? null;
		item.renewInterval = service.renew?.interval ?? null;
		item.possibleRenewIntervals = service.renew?.possibleIntervals ?? [];
		item.nextBillingDate = service.nextBillingDate ?? null;
		item.creationDate = service.creationDate ?? null;
		item.engagementDate = service.engagementDate ?? null;
		item.route = service.route?.url ?? null;
	}
	if (infos) {
		item.renewalType = infos.renewalType ?? null;
		item.renewPeriodMonths = infos.renew?.period ?? null;
		item.possibleRenewPeriodMonths = infos.possibleRenewPeriod ?? [];
		item.deleteAtExpiration = infos.renew?.deleteAtExpiration ?? false;
		item.manualPayment = infos.renew?.manualPayment ?? false;
		item.creation = infos.creation ?? null;
		item.engagedUpTo = infos.engagedUpTo ?? null;
		item.contactAdmin = infos.contactAdmin ?? null;
		item.contactBilling = infos.contactBilling ?? null;
		item.contactTech = infos.contactTech ?? null;
	}
	return item;
}
