/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- sandbox-only demo keys and OVH's public test vector, never real credentials */
/**
 * Default sandbox state: the data of OVH's renewal guide ("Renewing your services via the OVH API") plus a few
 * more services so that lists and "expiring within N days" filters are meaningful. Dates are relative to the
 * sandbox start ("+12d" = 12 days from today) and resolved when the state is loaded.
 */
import type { SandboxStateInput } from './types';

/** Application key + secret + consumer key, as a client needs them to sign. */
export type DemoKeys = Readonly<{ applicationKey: string; applicationSecret: string; consumerKey: string }>;

/** Sandbox-only demo credential (validated, rules GET/POST/PUT/DELETE /*). Not a real OVH key. */
export const DEMO_KEYS: DemoKeys = {
	applicationKey: 'sbxDemoAppKey001',
	applicationSecret: 'sbxDemoAppSecretNotForProd000001',
	consumerKey: 'sbxDemoConsumerKeyNotForProd0001',
};

/** Other consumer keys of the demo application, for tests. */
export const SANDBOX_CONSUMER_KEYS = {
	/** validated; GET /service, GET /service/*, GET /auth/currentCredential only */
	narrow: 'sbxNarrowConsumerKeyReadOnly0001',
	/** pendingValidation (validate it with GET /__sandbox/validate?credentialToken=sbxPendingToken0001) */
	pending: 'sbxPendingConsumerKey00000000001',
	/** status expired */
	expired: 'sbxExpiredConsumerKey00000000001',
	/** status validated but its expiration date is in the past */
	dateExpired: 'sbxDateExpiredConsumerKey0000001',
	/** status refused */
	refused: 'sbxRefusedConsumerKey00000000001',
	/** validated, but belongs to the other application (OTHER_APP_KEYS) */
	otherApp: 'sbxOtherAppConsumerKey0000000001',
} as const;

export const PENDING_CREDENTIAL_TOKEN = 'sbxPendingToken0001';

/** A second application, whose consumer key is refused when used with the demo application key. */
export const OTHER_APP_KEYS: DemoKeys = {
	applicationKey: 'sbxOtherAppKey002',
	applicationSecret: 'sbxOtherAppSecretNotForProd00002',
	consumerKey: SANDBOX_CONSUMER_KEYS.otherApp,
};

/** OVH's official signing test vector keys (python/go/php test suites), accepted by the sandbox. */
export const TEST_VECTOR_KEYS: DemoKeys = {
	applicationKey: 'TDPKJdwZwAQPwKX2',
	applicationSecret: '9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk',
	consumerKey: '5mBuy6SUQcRw2ZUxg0cG68BoDKpED4KY',
};

const ALL_RULES = [
	{ method: 'GET', path: '/*' },
	{ method: 'POST', path: '/*' },
	{ method: 'PUT', path: '/*' },
	{ method: 'DELETE', path: '/*' },
] as const;

const NIC = 'xx12345-ovh';

export const DEFAULT_STATE: SandboxStateInput = {
	version: 1,
	currencyCode: 'EUR',
	taxRate: 0.2,
	nichandle: NIC,
	applications: [
		{
			applicationId: 100001,
			applicationKey: DEMO_KEYS.applicationKey,
			applicationSecret: DEMO_KEYS.applicationSecret,
			name: 'sandbox-demo',
		},
		{
			applicationId: 100002,
			applicationKey: OTHER_APP_KEYS.applicationKey,
			applicationSecret: OTHER_APP_KEYS.applicationSecret,
			name: 'sandbox-other-app',
		},
		{
			applicationId: 100003,
			applicationKey: TEST_VECTOR_KEYS.applicationKey,
			applicationSecret: TEST_VECTOR_KEYS.applicationSecret,
			name: 'ovh-official-test-vector',
		},
	],
	credentials: [
		{
			credentialId: 200001,
			applicationKey: DEMO_KEYS.applicationKey,
			consumerKey: DEMO_KEYS.consumerKey,
			status: 'validated',
			rules: [...ALL_RULES],
			creation: '-30d',
			expiration: null,
		},
		{
			credentialId: 200002,
			applicationKey: DEMO_KEYS.applicationKey,
			consumerKey: SANDBOX_CONSUMER_KEYS.narrow,
			status: 'validated',
			rules: [
				{ method: 'GET', path: '/service' },
				{ method: 'GET', path: '/service/*' },
				{ method: 'GET', path: '/auth/currentCredential' },
			],
			creation: '-30d',
			expiration: null,
		},
		{
			credentialId: 200003,
			applicationKey: DEMO_KEYS.applicationKey,
			consumerKey: SANDBOX_CONSUMER_KEYS.pending,
			status: 'pendingValidation',
			rules: [...ALL_RULES],
			creation: '-1d',
			expiration: null,
			credentialToken: PENDING_CREDENTIAL_TOKEN,
		},
		{
			credentialId: 200004,
			applicationKey: DEMO_KEYS.applicationKey,
			consumerKey: SANDBOX_CONSUMER_KEYS.expired,
			status: 'expired',
			rules: [...ALL_RULES],
			creation: '-400d',
			expiration: '-35d',
		},
		{
			credentialId: 200005,
			applicationKey: DEMO_KEYS.applicationKey,
			consumerKey: SANDBOX_CONSUMER_KEYS.dateExpired,
			status: 'validated',
			rules: [...ALL_RULES],
			creation: '-60d',
			expiration: '-1d',
		},
		{
			credentialId: 200006,
			applicationKey: DEMO_KEYS.applicationKey,
			consumerKey: SANDBOX_CONSUMER_KEYS.refused,
			status: 'refused',
			rules: [...ALL_RULES],
			creation: '-2d',
			expiration: null,
		},
		{
			credentialId: 200007,
			applicationKey: OTHER_APP_KEYS.applicationKey,
			consumerKey: OTHER_APP_KEYS.consumerKey,
			status: 'validated',
			rules: [...ALL_RULES],
			creation: '-10d',
			expiration: null,
		},
		{
			credentialId: 200008,
			applicationKey: TEST_VECTOR_KEYS.applicationKey,
			consumerKey: TEST_VECTOR_KEYS.consumerKey,
			status: 'validated',
			rules: [...ALL_RULES],
			creation: '-3650d',
			expiration: null,
		},
	],
	services: [
		{
			serviceId: 12345,
			product: 'domain',
			serviceName: 'example-shop.ovh',
			serviceType: 'Domain .ovh',
			planCode: 'ovh',
			productName: 'domain',
			creation: '-3y',
			expiration: '+12d',
			renewalType: 'manual',
			renew: { automatic: false, deleteAtExpiration: false, forced: false, manualPayment: true, period: 12 },
			possibleRenewPeriod: [12],
		},
		{
			serviceId: 67890,
			product: 'hosting/web',
			serviceName: 'exampleshop.cluster021.hosting.ovh.net',
			displayName: 'example-shop.ovh hosting',
			serviceType: 'Hosting Perso 2014',
			planCode: 'perso2014',
			productName: 'hosting-web',
			creation: '-3y',
			expiration: '+12d',
			renewalType: 'manual',
			renew: { automatic: false, deleteAtExpiration: false, forced: false, manualPayment: true, period: 12 },
			possibleRenewPeriod: [12],
		},
		{
			serviceId: 112233,
			product: 'vps',
			serviceName: 'vps112233.ovh.net',
			serviceType: 'VPS Value 1-2-40',
			planCode: 'vps-value-1-2-40',
			productName: 'vps',
			creation: '-14m',
			expiration: '+25d',
			renewalType: 'automaticV2016',
			renew: { automatic: false, deleteAtExpiration: false, forced: false, manualPayment: true, period: 1 },
			possibleRenewPeriod: [1, 3, 6, 12],
		},
		{
			serviceId: 112234,
			product: null,
			serviceName: 'automatedBackup',
			displayName: 'vps112233.ovh.net automated backup',
			serviceType: 'VPS automated backup option',
			planCode: 'option-automated-backup',
			productName: 'vps-option',
			creation: '-14m',
			expiration: '+25d',
			renewalType: 'option',
			renew: { automatic: false, deleteAtExpiration: false, forced: false, manualPayment: true, period: 1 },
			possibleRenewPeriod: [1],
			parentServiceId: 112233,
			route: {
				path: '/vps/{serviceName}/option/{option}',
				url: '/vps/vps112233.ovh.net/option/automatedBackup',
				vars: [
					{ key: 'serviceName', value: 'vps112233.ovh.net' },
					{ key: 'option', value: 'automatedBackup' },
				],
			},
		},
		{
			serviceId: 445566,
			product: 'dedicated/server',
			serviceName: 'ns3012345.ip-51-91-0.eu',
			serviceType: 'Dedicated server Rise-1',
			planCode: '24rise01',
			productName: 'dedicated-server',
			creation: '-2y',
			expiration: '+75d',
			engagedUpTo: '+75d',
			renewalType: 'automaticV2016',
			renew: { automatic: true, deleteAtExpiration: false, forced: false, manualPayment: false, period: 1 },
			possibleRenewPeriod: [1, 3, 6, 12],
		},
		{
			serviceId: 778899,
			product: 'ip',
			serviceName: '141.94.185.0/28',
			serviceType: 'IP block /28',
			planCode: 'ip-v4-s28-ripe',
			productName: 'ip',
			creation: '-8m',
			expiration: '+5d',
			renewalType: 'automaticV2016',
			renew: { automatic: false, deleteAtExpiration: false, forced: false, manualPayment: true, period: 1 },
			possibleRenewPeriod: [1, 3],
			route: {
				path: '/ip/{ip}',
				url: '/ip/141.94.185.0/28',
				vars: [{ key: 'ip', value: '141.94.185.0/28' }],
			},
		},
		{
			serviceId: 990011,
			product: 'domain',
			serviceName: 'old-project.fr',
			serviceType: 'Domain .fr',
			planCode: 'fr',
			productName: 'domain',
			creation: '-5y',
			expiration: '-10d',
			status: 'expired',
			billingState: 'expired',
			renewalType: 'manual',
			renew: { automatic: false, deleteAtExpiration: false, forced: false, manualPayment: true, period: 12 },
			possibleRenewPeriod: [12],
		},
		{
			// The DNS zone of example-shop.ovh: a third service named example-shop.ovh (order details' `domain` is
			// ambiguous). Renewed automatically and not due within 30 days, so the demo's monthly review is unchanged.
			serviceId: 990022,
			product: 'domain/zone',
			serviceName: 'example-shop.ovh',
			serviceType: 'DNS zone',
			planCode: 'zone',
			productName: 'dns-zone',
			creation: '-3y',
			expiration: '+200d',
			renewalType: 'automaticV2016',
			renew: { automatic: true, deleteAtExpiration: false, forced: false, manualPayment: false, period: 12 },
			possibleRenewPeriod: [12],
		},
		{
			// The free Start 10M hosting that comes with a .ovh domain, named after it (OVH names web hostings after
			// their domain): a third service named example-shop.ovh. Automatic and not due within 30 days.
			serviceId: 990033,
			product: 'hosting/web',
			serviceName: 'example-shop.ovh',
			serviceType: 'Hosting Start 10M',
			planCode: 'start10m',
			productName: 'hosting-web',
			creation: '-3y',
			expiration: '+200d',
			renewalType: 'automaticV2016',
			renew: { automatic: true, deleteAtExpiration: false, forced: false, manualPayment: false, period: 12 },
			possibleRenewPeriod: [12],
		},
	],
	renewOffers: [
		// The guide's domain + hosting example: GET /service/12345/renew lists both strategies.
		{ renewPeriod: 'P1Y', services: [12345], price: 1.99 },
		{
			renewPeriod: 'P1Y',
			services: [67890, 12345],
			price: 37.87,
			breakdown: [
				{ serviceId: 67890, price: 35.88 },
				{ serviceId: 12345, price: 1.99 },
			],
		},
		// VPS alone; the option strategies (VPS + automated backup) only with includeOptions=true.
		{ renewPeriod: 'P1M', services: [112233], price: 6.0 },
		{ renewPeriod: 'P3M', services: [112233], price: 18.0 },
		{ renewPeriod: 'P6M', services: [112233], price: 34.2 },
		{ renewPeriod: 'P1Y', services: [112233], price: 64.8 },
		{
			renewPeriod: 'P1M',
			services: [112233, 112234],
			price: 8.4,
			option: true,
			offeredOn: [112233, 112234],
			breakdown: [
				{ serviceId: 112233, price: 6.0 },
				{ serviceId: 112234, price: 2.4 },
			],
		},
		{
			renewPeriod: 'P3M',
			services: [112233, 112234],
			price: 25.2,
			option: true,
			offeredOn: [112233, 112234],
			breakdown: [
				{ serviceId: 112233, price: 18.0 },
				{ serviceId: 112234, price: 7.2 },
			],
		},
		// Dedicated server.
		{ renewPeriod: 'P1M', services: [445566], price: 64.99 },
		{ renewPeriod: 'P3M', services: [445566], price: 189.99 },
		{ renewPeriod: 'P6M', services: [445566], price: 369.99 },
		{ renewPeriod: 'P1Y', services: [445566], price: 719.99 },
		// IP block.
		{ renewPeriod: 'P1M', services: [778899], price: 16.0 },
		{ renewPeriod: 'P3M', services: [778899], price: 48.0 },
		// Expired domain, still renewable.
		{ renewPeriod: 'P1Y', services: [990011], price: 7.79 },
	],
	paymentMeans: [
		{ paymentMean: 'paypal', paymentMeanId: 1234, description: 'PayPal j***@example.com' },
		{ paymentMean: 'bankAccount', paymentMeanId: 5678, description: 'SEPA FR76 **** **** 1234' },
		{ paymentMean: 'creditCard', paymentMeanId: 9012, description: 'VISA **** 4242' },
		{ paymentMean: 'ovhAccount', paymentMeanId: null, description: 'OVH account (prepaid balance)' },
		{ paymentMean: 'fidelityAccount', paymentMeanId: null, description: 'Fidelity points' },
		{ paymentMean: 'deferredPaymentAccount', paymentMeanId: null, description: 'Deferred payment account' },
	],
	paymentMethods: [
		{
			paymentMethodId: 1111,
			paymentType: 'CREDIT_CARD',
			paymentSubType: 'VISA',
			label: '**** **** **** 4242',
			default: true,
			status: 'VALID',
			paymentMeanId: 9012,
			description: 'Main card',
			creationDate: '-400d',
			expirationDate: '+2y',
		},
		{
			paymentMethodId: 2222,
			paymentType: 'SEPA_DIRECT_DEBIT',
			paymentSubType: null,
			label: 'FR76 **** **** 1234',
			default: false,
			status: 'VALID',
			paymentMeanId: 5678,
			description: 'Company bank account',
			creationDate: '-300d',
		},
		{
			paymentMethodId: 3333,
			paymentType: 'CREDIT_CARD',
			paymentSubType: 'MASTERCARD',
			label: '**** **** **** 0005',
			default: false,
			status: 'EXPIRED',
			paymentMeanId: null,
			description: 'Old card',
			creationDate: '-1000d',
			expirationDate: '-30d',
		},
	],
	orders: [
		{
			// A past renewal, already delivered (so /me/order lists something and date filters matter).
			orderId: 240000001,
			password: 'hstr',
			date: '-200d',
			expirationDate: '-199d',
			serviceId: 112233,
			services: [112233],
			duration: 'P1M',
			priceWithoutTax: 6.0,
			status: 'delivered',
			paidAt: '-200d',
			deliveredAt: '-200d',
			extensionApplied: true,
			payment: { via: 'payWithRegisteredPaymentMean', paymentMean: 'paypal', paymentMeanId: 1234, paymentMethodId: null },
		},
	],
	nextOrderId: 240000101,
};
