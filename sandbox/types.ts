/**
 * Types of the OVH API sandbox (dev-only, never shipped).
 *
 * `SandboxState` is the normalized, fully-populated state the server works on (and what
 * `GET /__sandbox/state` returns / `persistPath` writes). `SandboxStateInput` is what a state
 * file may contain: the same shape, with most fields optional and dates allowed to be relative
 * ("+20d", "-3m", "today"). See sandbox/README.md for the file format.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface AccessRule {
	method: HttpMethod;
	path: string;
}

export interface SandboxApplication {
	applicationId: number;
	applicationKey: string;
	applicationSecret: string;
	name: string;
}

/** auth.CredentialStateEnum */
export type CredentialStatus = 'expired' | 'pendingValidation' | 'refused' | 'validated';

export interface SandboxCredential {
	credentialId: number;
	/** The application (by key) this consumer key belongs to. */
	applicationKey: string;
	consumerKey: string;
	status: CredentialStatus;
	rules: AccessRule[];
	/** ISO datetime */
	creation: string;
	/** ISO datetime, null = unlimited validity */
	expiration: string | null;
	lastUse: string | null;
	/** Token used by `GET /__sandbox/validate?credentialToken=` (the sandbox's "validationUrl"). */
	credentialToken: string | null;
	redirection: string | null;
	/** Returned as-is by /auth/currentCredential; not enforced by the sandbox. */
	allowedIPs: string[] | null;
}

/** service.StateEnum (services.Service.status) */
export type ServiceStatus = 'autorenewInProgress' | 'expired' | 'inCreation' | 'ok' | 'pendingDebt' | 'unPaid';
/** service.BillingStateEnum (serviceList.Service.state) */
export type BillingState = 'expired' | 'ok' | 'pending' | 'unpaid';
/** service.ResourceStateEnum */
export type ResourceState =
	| 'deleted'
	| 'deleting'
	| 'ok'
	| 'opening'
	| 'suspended'
	| 'suspending'
	| 'toDelete'
	| 'toOpen'
	| 'toSuspend';
/** service.RenewalTypeEnum */
export type RenewalType =
	| 'automaticForcedProduct'
	| 'automaticV2012'
	| 'automaticV2014'
	| 'automaticV2016'
	| 'automaticV2024'
	| 'manual'
	| 'oneShot'
	| 'option';

/** service.RenewType (services.Service.renew) */
export interface ServiceRenewType {
	automatic: boolean;
	deleteAtExpiration: boolean;
	forced: boolean;
	manualPayment: boolean | null;
	/** months */
	period: number | null;
}

/** service.Renew (serviceList.Service.renew) */
export interface ServiceListRenew {
	dayOfMonth: number | null;
	interval: string | null;
	mode: string;
	possibleIntervals: string[] | null;
	possibleModes: string[];
}

export interface ServiceRoute {
	path: string | null;
	url: string | null;
	vars: Array<{ key: string; value: string }>;
}

export interface SandboxService {
	serviceId: number;
	/**
	 * API product prefix, may contain slashes (`vps`, `domain`, `dedicated/server`, `hosting/web`, `ip`).
	 * `GET /{product}/{serviceName}/serviceInfos` is served for it. null = no serviceInfos route
	 * (e.g. an option attached to another service).
	 */
	product: string | null;
	/** Raw (decoded) service name, e.g. `141.94.185.0/28`. */
	serviceName: string;
	/** Label used in renew strategies' servicesDetails[].serviceType, e.g. "Domain .ovh". */
	serviceType: string;
	displayName: string;
	planCode: string | null;
	productName: string | null;
	/** YYYY-MM-DD */
	creation: string;
	/** YYYY-MM-DD */
	expiration: string;
	/** YYYY-MM-DD or null */
	engagedUpTo: string | null;
	status: ServiceStatus;
	billingState: BillingState;
	resourceState: ResourceState;
	renewalType: RenewalType;
	renew: ServiceRenewType;
	/** months, e.g. [1, 3, 6, 12] */
	possibleRenewPeriod: number[] | null;
	canDeleteAtExpiration: boolean;
	contactAdmin: string;
	contactBilling: string;
	contactTech: string;
	domain: string;
	quantity: number;
	route: ServiceRoute;
	/** serviceList.Service.renew; derived from `renew`/`renewalType` when absent in the input. */
	serviceListRenew: ServiceListRenew;
	parentServiceId: number | null;
}

/** One renew strategy as offered by `GET /service/{id}/renew`. */
export interface RenewOffer {
	/** ISO-8601 duration exactly as listed (`renewPeriod`) and as it must be posted (`duration`). */
	renewPeriod: string;
	/** The services renewed together, in the order listed in `services`/`servicesDetails`. */
	services: number[];
	/** Price WITHOUT tax, in currency units (e.g. 37.87). */
	price: number;
	/** Service ids whose renew list shows this strategy (default: every service of `services`). */
	offeredOn: number[];
	/** Option strategy: only listed with `includeOptions=true` (still accepted by POST renew). */
	option: boolean;
	/** Optional split of `price` per service for order details (default: even split). */
	breakdown: Array<{ serviceId: number; price: number }> | null;
}

/** billing.ReusablePaymentMeanEnum values usable with payWithRegisteredPaymentMean. */
export type LegacyPaymentMean =
	| 'bankAccount'
	| 'creditCard'
	| 'deferredPaymentAccount'
	| 'fidelityAccount'
	| 'ovhAccount'
	| 'paypal';

export interface RegisteredPaymentMean {
	paymentMean: LegacyPaymentMean;
	/** Required (non-null) for bankAccount, creditCard and paypal. */
	paymentMeanId: number | null;
	description: string;
}

/** me.payment.PaymentMethod (subset of fields the sandbox serves). */
export interface SandboxPaymentMethod {
	paymentMethodId: number;
	paymentType: string;
	paymentSubType: string | null;
	label: string | null;
	default: boolean;
	/** me.payment.method.StatusEnum; only VALID methods can pay. */
	status: string;
	paymentMeanId: number | null;
	description: string | null;
	creationDate: string;
	expirationDate: string | null;
}

/** billing.order.OrderStatusEnum */
export type OrderStatus =
	| 'cancelled'
	| 'cancelling'
	| 'checking'
	| 'delivered'
	| 'delivering'
	| 'documentsRequested'
	| 'notPaid'
	| 'unknown';

export interface OrderPayment {
	via: 'payWithRegisteredPaymentMean' | 'pay';
	paymentMean: string | null;
	paymentMeanId: number | null;
	paymentMethodId: number | null;
}

export interface SandboxOrderDetail {
	orderDetailId: number;
	serviceId: number | null;
	description: string;
	domain: string;
	quantity: string;
	unitPrice: number;
	totalPrice: number;
}

export interface SandboxOrder {
	orderId: number;
	password: string;
	/** ISO datetime */
	date: string;
	/** ISO datetime: the order can no longer be paid after it (creation + 1 day). */
	expirationDate: string;
	url: string;
	pdfUrl: string;
	/** The service whose `/renew` route created the order (null for orders loaded from a file without it). */
	serviceId: number | null;
	services: number[];
	/** ISO-8601 duration paid for; applied to each service of `services` on delivery. */
	duration: string;
	currencyCode: string;
	/** Amounts in currency units. */
	priceWithoutTax: number;
	tax: number;
	priceWithTax: number;
	status: OrderStatus;
	paidAt: string | null;
	payment: OrderPayment | null;
	deliveredAt: string | null;
	/** True once the services' expirations were extended (done exactly once). */
	extensionApplied: boolean;
	details: SandboxOrderDetail[];
	/** Payment method ids that can pay this order (GET …/paymentMethods, POST …/pay); null = every VALID one. */
	paymentMethods: number[] | null;
	/** Status lag: after payment, `GET …/status` answers `notPaid` until this ISO datetime (null = no time lag). */
	statusLagUntil: string | null;
	/** Status lag: that many more `GET …/status` reads answer `notPaid` after payment (0 = none). */
	statusLagReads: number;
}

/** After a payment is accepted, the order's status still reads `notPaid` for `delayMs` and for `reads` status reads. */
export interface OrderStatusLag {
	delayMs: number;
	reads: number;
}

export interface SandboxState {
	version: 1;
	/** order.CurrencyCodeEnum, e.g. EUR */
	currencyCode: string;
	/** e.g. 0.2 = 20 % VAT added on top of strategy prices */
	taxRate: number;
	/** Account id used as contactAdmin/Billing/Tech defaults. */
	nichandle: string;
	applications: SandboxApplication[];
	credentials: SandboxCredential[];
	services: SandboxService[];
	renewOffers: RenewOffer[];
	paymentMeans: RegisteredPaymentMean[];
	paymentMethods: SandboxPaymentMethod[];
	orders: SandboxOrder[];
	/** Next order id to allocate. */
	nextOrderId: number;
	/** Status lag applied to each order paid from now on (default {delayMs: 0, reads: 0}: none). */
	orderStatusLag: OrderStatusLag;
	/** Payment method ids that can pay new orders (copied into each new order's paymentMethods); null = every VALID one. */
	orderPaymentMethods: number[] | null;
	/** An `expired` service more than this many days past its expiration answers 460 on /service/{id}/renew (default 30). */
	expiredServiceGraceDays: number;
	/** Batch GETs (`X-Ovh-Batch`) accepted (default true); false = 400, to test clients' fallback. */
	batchEnabled: boolean;
	/** Requests per second allowed per consumer key, above it 429 with Retry-After; null (default) = no limit. */
	rateLimitPerSecond: number | null;
}

/** What a state file (or the `state` option) may contain. Missing top-level keys take the default state's value. */
export interface SandboxStateInput {
	version?: 1;
	currencyCode?: string;
	taxRate?: number;
	nichandle?: string;
	applications?: SandboxApplication[];
	credentials?: Array<
		Pick<SandboxCredential, 'consumerKey' | 'applicationKey'> & Partial<SandboxCredential>
	>;
	services?: Array<
		Pick<SandboxService, 'serviceId' | 'serviceName' | 'expiration'> &
			Omit<Partial<SandboxService>, 'renew' | 'route' | 'serviceListRenew'> & {
				renew?: Partial<ServiceRenewType>;
				route?: Partial<ServiceRoute>;
				serviceListRenew?: Partial<ServiceListRenew>;
			}
	>;
	renewOffers?: Array<
		Pick<RenewOffer, 'renewPeriod' | 'services' | 'price'> & Partial<RenewOffer>
	>;
	paymentMeans?: Array<Pick<RegisteredPaymentMean, 'paymentMean'> & Partial<RegisteredPaymentMean>>;
	paymentMethods?: Array<
		Pick<SandboxPaymentMethod, 'paymentMethodId' | 'paymentType'> & Partial<SandboxPaymentMethod>
	>;
	orders?: Array<
		Pick<SandboxOrder, 'orderId' | 'services' | 'duration' | 'priceWithoutTax'> & Partial<SandboxOrder>
	>;
	nextOrderId?: number;
	orderStatusLag?: Partial<OrderStatusLag>;
	orderPaymentMethods?: number[] | null;
	expiredServiceGraceDays?: number;
	batchEnabled?: boolean;
	rateLimitPerSecond?: number | null;
}

export type ErrorShape = 'current' | 'legacy';

export interface FaultSpec {
	/** HTTP method to match (any when absent). */
	method?: string;
	/** Glob (`*` spans segments) on the OVH-relative decoded path without query, e.g. `/me/order/*\/pay`. Any when absent. */
	path?: string;
	/** How many matching requests get the fault (default 1; -1 = until cleared). */
	times?: number;
	type: 'latency' | 'status' | 'html' | 'drop';
	/** For 'status' (required) and 'html' (default 502). */
	status?: number;
	/** Seconds; sets a Retry-After header. */
	retryAfter?: number;
	/** For 'latency': delay before processing ('before') or before answering ('after'). */
	delayMs?: number;
	/** For 'status': JSON body to send instead of the default error body. */
	body?: unknown;
	/** 'before' (default): the request is not processed. 'after': the handler runs, then its response is replaced. */
	when?: 'before' | 'after';
}

export interface ActiveFault extends FaultSpec {
	id: number;
	/** Remaining uses (-1 = unlimited). */
	remaining: number;
}

export interface LoggedRequest {
	id: number;
	/** ISO datetime (sandbox clock) */
	time: string;
	method: string;
	/** Path relative to /1.0 (or /v1), no query, as received (not decoded). */
	path: string;
	/** `/1.0` or `/v1` (null for requests outside both). */
	basePath: string | null;
	rawUrl: string;
	query: Record<string, string | string[]>;
	/** Only non-secret headers: X-Ovh-Application and X-Ovh-Timestamp. */
	headers: { 'X-Ovh-Application'?: string; 'X-Ovh-Timestamp'?: string };
	/** True when an X-Ovh-Signature header was present (its value is never logged). */
	signed: boolean;
	/** True when an X-Ovh-Consumer header was present (its value is never logged). */
	hasConsumerKey: boolean;
	/** credentialId of the consumer key when it was known (not secret). */
	credentialId: number | null;
	/** Parsed JSON body, the raw string when not JSON, null when empty. */
	body: unknown;
	/** HTTP status sent (0 when the connection was dropped). */
	status: number;
	queryId: string;
	/** OVH error code / class of an error answer, e.g. INVALID_SIGNATURE or Client::NotFound. */
	error: string | null;
	/** Fault applied, e.g. "status 429 (before)". */
	fault: string | null;
	durationMs: number;
}
