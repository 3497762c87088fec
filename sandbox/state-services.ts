/**
 * Normalizing one service of a state file (services.Service + serviceList.Service fields, with defaults).
 */
import { asBool, asEnum, asOptString, asPositiveInt, asString, BILLING_STATES, fail, isRecord, optDate, RENEWAL_TYPES, RESOURCE_STATES, SERVICE_STATUSES } from './state-validate';
import { monthsToInterval, resolveDate } from './time';
import type { BillingState, SandboxService } from './types';

export function normalizeService(raw: unknown, idx: number, now: number, nic: string): SandboxService {
	const f = `services[${idx}]`;
	if (!isRecord(raw)) fail(f, 'must be an object');
	const serviceId = asPositiveInt(raw.serviceId, `${f}.serviceId`);
	const serviceName = asString(raw.serviceName, `${f}.serviceName`);
	const product = raw.product === null ? null : raw.product === undefined ? null : asString(raw.product, `${f}.product`);
	if (product !== null && (product.startsWith('/') || product.endsWith('/'))) {
		fail(`${f}.product`, 'must not start or end with "/" (e.g. "dedicated/server")');
	}
	const expiration = resolveDate(asString(raw.expiration, `${f}.expiration`), now, `${f}.expiration`);
	const status = asEnum(raw.status, SERVICE_STATUSES, `${f}.status`, 'ok');
	const defaultBilling: BillingState =
		status === 'expired' ? 'expired' : status === 'unPaid' || status === 'pendingDebt' ? 'unpaid' : status === 'inCreation' ? 'pending' : 'ok';
	const renewalType = asEnum(raw.renewalType, RENEWAL_TYPES, `${f}.renewalType`, 'manual');
	const renewIn = raw.renew === undefined ? {} : raw.renew;
	if (!isRecord(renewIn)) fail(`${f}.renew`, 'must be an object');
	const period = renewIn.period === undefined || renewIn.period === null ? 12 : asPositiveInt(renewIn.period, `${f}.renew.period`);
	const renew = {
		automatic: asBool(renewIn.automatic, `${f}.renew.automatic`, renewalType !== 'manual'),
		deleteAtExpiration: asBool(renewIn.deleteAtExpiration, `${f}.renew.deleteAtExpiration`, false),
		forced: asBool(renewIn.forced, `${f}.renew.forced`, false),
		manualPayment:
			renewIn.manualPayment === null ? null : asBool(renewIn.manualPayment, `${f}.renew.manualPayment`, renewalType === 'manual'),
		period: renewIn.period === null ? null : period,
	};
	let possibleRenewPeriod: number[] | null = [period];
	if (raw.possibleRenewPeriod === null) possibleRenewPeriod = null;
	else if (raw.possibleRenewPeriod !== undefined) {
		if (!Array.isArray(raw.possibleRenewPeriod)) fail(`${f}.possibleRenewPeriod`, 'must be an array of months');
		possibleRenewPeriod = raw.possibleRenewPeriod.map((m, i) => asPositiveInt(m, `${f}.possibleRenewPeriod[${i}]`));
	}
	const routeIn = raw.route === undefined ? {} : raw.route;
	if (!isRecord(routeIn)) fail(`${f}.route`, 'must be an object');
	const defaultPath = product === null ? null : `/${product}/{serviceName}`;
	const defaultUrl = product === null ? null : `/${product}/${serviceName}`;
	let vars: Array<{ key: string; value: string }> = product === null ? [] : [{ key: 'serviceName', value: serviceName }];
	if (routeIn.vars !== undefined) {
		if (!Array.isArray(routeIn.vars)) fail(`${f}.route.vars`, 'must be an array of {key, value}');
		vars = routeIn.vars.map((v, i) => {
			if (!isRecord(v)) fail(`${f}.route.vars[${i}]`, 'must be {key, value}');
			return { key: asString(v.key, `${f}.route.vars[${i}].key`), value: asString(v.value, `${f}.route.vars[${i}].value`) };
		});
	}
	const slIn = raw.serviceListRenew === undefined ? {} : raw.serviceListRenew;
	if (!isRecord(slIn)) fail(`${f}.serviceListRenew`, 'must be an object');
	const mode = renew.automatic ? (renewalType === 'manual' ? 'automaticV2016' : renewalType) : 'manual';
	const possibleIntervals = (possibleRenewPeriod ?? [])
		.map((m) => monthsToInterval(m))
		.filter((x): x is string => x !== null);
	const serviceListRenew = {
		dayOfMonth:
			slIn.dayOfMonth === undefined
				? renew.automatic
					? Number(expiration.slice(8, 10))
					: null
				: (slIn.dayOfMonth as number | null),
		interval: slIn.interval === undefined ? monthsToInterval(renew.period) : (slIn.interval as string | null),
		mode: slIn.mode === undefined ? mode : asString(slIn.mode, `${f}.serviceListRenew.mode`),
		possibleIntervals:
			slIn.possibleIntervals === undefined ? possibleIntervals : (slIn.possibleIntervals as string[] | null),
		possibleModes:
			slIn.possibleModes === undefined
				? Array.from(new Set([renewalType === 'manual' ? 'automaticV2016' : renewalType, 'manual', 'deleteAtExpiration']))
				: (slIn.possibleModes as string[]),
	};
	return {
		serviceId,
		product,
		serviceName,
		serviceType: asString(raw.serviceType ?? serviceName, `${f}.serviceType`),
		displayName: asString(raw.displayName ?? serviceName, `${f}.displayName`),
		planCode: asOptString(raw.planCode, `${f}.planCode`, null),
		productName: asOptString(raw.productName, `${f}.productName`, product),
		creation: optDate(raw.creation, now, `${f}.creation`, null) ?? resolveDate('-1y', now, `${f}.creation`),
		expiration,
		engagedUpTo: optDate(raw.engagedUpTo, now, `${f}.engagedUpTo`, null),
		status,
		billingState: asEnum(raw.billingState, BILLING_STATES, `${f}.billingState`, defaultBilling),
		resourceState: asEnum(raw.resourceState, RESOURCE_STATES, `${f}.resourceState`, 'ok'),
		renewalType,
		renew,
		possibleRenewPeriod,
		canDeleteAtExpiration: asBool(raw.canDeleteAtExpiration, `${f}.canDeleteAtExpiration`, true),
		contactAdmin: asString(raw.contactAdmin ?? nic, `${f}.contactAdmin`),
		contactBilling: asString(raw.contactBilling ?? nic, `${f}.contactBilling`),
		contactTech: asString(raw.contactTech ?? nic, `${f}.contactTech`),
		domain: asString(raw.domain ?? serviceName, `${f}.domain`),
		quantity: raw.quantity === undefined ? 1 : asPositiveInt(raw.quantity, `${f}.quantity`),
		route: {
			path: routeIn.path === undefined ? defaultPath : asOptString(routeIn.path, `${f}.route.path`, null),
			url: routeIn.url === undefined ? defaultUrl : asOptString(routeIn.url, `${f}.route.url`, null),
			vars,
		},
		serviceListRenew,
		parentServiceId:
			raw.parentServiceId === undefined || raw.parentServiceId === null
				? null
				: asPositiveInt(raw.parentServiceId, `${f}.parentServiceId`),
	};
}
