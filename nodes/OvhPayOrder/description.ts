import type { INodeProperties } from 'n8n-workflow';

import { MEANS_NEEDING_ID } from './payment';

export const properties: INodeProperties[] = [
	{
		displayName:
			'This node charges your OVH account. It pays only up to Max Amount, checks that the order is unpaid just before paying, and never sends a payment twice.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '={{ $json.orderId }}',
		required: true,
		placeholder: 'e.g. 123456789',
		description: 'The ID of the order to pay, as returned by Create Renew Order',
	},
	{
		displayName: 'Max Amount (Incl. Tax)',
		name: 'maxAmount',
		type: 'string',
		default: '',
		required: true,
		placeholder: "e.g. {{ $('Price').item.json.priceWithTax.value }}",
		description:
			"The most this node may pay for the order, tax included, in the order's currency. Bind it with an expression to the price a person approved (see the hint). An order above it is refused and nothing is charged; 0 allows only free orders. Required: the node stops before any request when it is empty.",
		hint: "Bind it to the approved quote, e.g. {{ $('Price').item.json.priceWithTax.value }}",
	},
	{
		displayName: 'Pay With',
		name: 'payWith',
		type: 'options',
		noDataExpression: true,
		default: 'defaultPaymentMethod',
		options: [
			{
				name: 'Default Payment Method',
				value: 'defaultPaymentMethod',
				description:
					"The account's default payment method (GET /me/payment/method?default=true), via POST /me/order/{orderId}/pay, as OVH's Terraform provider does",
			},
			{
				name: 'Payment Method',
				value: 'paymentMethod',
				description: 'A payment method of the newer API (GET /me/payment/method), via POST /me/order/{orderId}/pay',
			},
			{
				name: 'Registered Payment Mean',
				value: 'registeredPaymentMean',
				description: "OVH's renewal guide way: POST /me/order/{orderId}/payWithRegisteredPaymentMean",
			},
		],
	},
	{
		displayName: 'Payment Mean',
		name: 'paymentMean',
		type: 'options',
		default: 'creditCard',
		options: [
			{ name: 'Bank Account (SEPA Direct Debit)', value: 'bankAccount' },
			{ name: 'Credit Card', value: 'creditCard' },
			{ name: 'Deferred Payment Account', value: 'deferredPaymentAccount' },
			{ name: 'Fidelity Account', value: 'fidelityAccount' },
			{ name: 'OVH Account (Prepaid Balance)', value: 'ovhAccount' },
			{ name: 'PayPal', value: 'paypal' },
		],
		description: 'The type of registered payment mean to charge',
		displayOptions: { show: { payWith: ['registeredPaymentMean'] } },
	},
	{
		displayName: 'Payment Mean ID',
		name: 'paymentMeanId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1234',
		description: 'The ID of the registered bank account, credit card or PayPal account (required by OVH for these types)',
		displayOptions: { show: { payWith: ['registeredPaymentMean'], paymentMean: MEANS_NEEDING_ID } },
	},
	{
		displayName: 'Payment Method Name or ID',
		name: 'paymentMethodId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPaymentMethods' },
		default: '',
		required: true,
		description:
			'The payment method to charge. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { payWith: ['paymentMethod'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Delivery Timeout (Seconds)',
				name: 'deliveryTimeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 600,
				description: 'How long Wait for Delivery waits before returning with the last status',
				displayOptions: { show: { waitForDelivery: [true] } },
			},
			{
				displayName: 'Expected Currency',
				name: 'currency',
				type: 'string',
				default: 'EUR',
				placeholder: 'e.g. EUR',
				description:
					"The currency Max Amount is in (order.CurrencyCodeEnum, e.g. EUR, CAD, USD, GBP). An order in another currency is refused before paying.",
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10,
				description: 'How often Wait for Delivery reads the order status',
				displayOptions: { show: { waitForDelivery: [true] } },
			},
			{
				displayName: 'Services to Check',
				name: 'verifyServiceIds',
				type: 'string',
				default: '={{ $json.services ?? $json.serviceId }}',
				placeholder: 'e.g. 67890, 12345',
				description:
					"With Wait for Delivery: the renewed services whose expiration date is read before paying and after delivery, to prove the renewal moved it by the period. Without this option, the input item's services or serviceId (Create Renew Order's output) are used when present.",
				displayOptions: { show: { waitForDelivery: [true] } },
			},
			{
				displayName: 'Wait for Delivery',
				name: 'waitForDelivery',
				type: 'boolean',
				default: false,
				description:
					"Whether to poll the order status after paying until OVH reports it delivered (the renewal is applied), and compare the services' expiration dates before and after",
			},
		],
	},
];
