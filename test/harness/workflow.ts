/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness, never shipped */
/** Workflow building for the harness: the definition type, node/connection builders, loading an exported JSON,
 * the start node and editor-like credential assignment. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import {
	deepCopy,
} from 'n8n-workflow';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeCredentials,
	INodeParameters,
	INodeType,
	IWorkflowSettings,
} from 'n8n-workflow';

import { CredentialStore } from './credential-store';
import {
	HarnessNodeTypes,
	MANUAL_TRIGGER_TYPE,
	PACKAGE_NAME,
} from './node-types';

export interface WorkflowDefinition {
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	staticData?: IDataObject;
	id?: string;
	name?: string;
}

export const MANUAL_TRIGGER_NAME = 'When clicking ‘Execute workflow’';

export function manualTriggerNode(name: string = MANUAL_TRIGGER_NAME): INode {
	return {
		id: randomUUID(),
		name,
		type: MANUAL_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/**
 * A workflow node. `type` may be a bare node name (`ovhGetServiceInfo`, prefixed with the
 * package name) or a full type name. `typeVersion` defaults to 1 (pass it in `extra`).
 */
export function node(
	type: string,
	name: string,
	parameters: INodeParameters = {},
	extra: Partial<INode> = {},
): INode {
	return {
		id: randomUUID(),
		name,
		type: type.includes('.') ? type : `${PACKAGE_NAME}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		...extra,
	};
}

/** `{ [type]: { id, name } }` for `node.credentials`. */
export function credentialRef(type: string, id: string, name: string = id): INodeCredentials {
	return { [type]: { id, name } };
}

/** Connects the nodes' main outputs 0 → main inputs 0, in order. */
export function chain(...nodes: INode[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = {
			main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]],
		};
	}
	return connections;
}

export function loadWorkflow(source: WorkflowDefinition | string): WorkflowDefinition {
	const definition =
		typeof source === 'string'
			? (JSON.parse(readFileSync(source, 'utf8')) as WorkflowDefinition)
			: source;
	// never let the engine mutate the caller's objects
	return deepCopy({
		id: definition.id,
		name: definition.name,
		nodes: definition.nodes,
		connections: definition.connections ?? {},
		settings: definition.settings,
		staticData: definition.staticData,
	}) as WorkflowDefinition;
}

function isTriggerLike(type: INodeType): boolean {
	return (
		type.description.group.includes('trigger') ||
		type.poll !== undefined ||
		type.trigger !== undefined ||
		type.webhook !== undefined
	);
}

function hasMainInput(connections: IConnections, nodeName: string): boolean {
	return Object.values(connections).some((byType) =>
		(byType.main ?? []).some((outputs) => (outputs ?? []).some((c) => c.node === nodeName)),
	);
}

export function assignCredentials(nodes: INode[], nodeTypes: HarnessNodeTypes, store: CredentialStore) {
	for (const workflowNode of nodes) {
		const type = nodeTypes.resolve(workflowNode.type);
		if (!type) continue;
		const description = nodeTypes.getByNameAndVersion(workflowNode.type, workflowNode.typeVersion)
			.description;
		for (const credential of description.credentials ?? []) {
			if (workflowNode.credentials?.[credential.name]) continue;
			const stored = store.findByType(credential.name);
			if (!stored) continue;
			workflowNode.credentials = {
				...(workflowNode.credentials ?? {}),
				[credential.name]: { id: stored.id, name: stored.name },
			};
		}
	}
}

/**
 * The workflow's start node: a trigger-like root node, or else a Manual Trigger added in front of every node that has
 * no main input (mutates `nodes` and `connections`).
 */
export function ensureStartNode(nodes: INode[], connections: IConnections, nodeTypes: HarnessNodeTypes): INode {
	let startNode: INode | undefined = nodes.find((n) => {
		const type = nodeTypes.resolve(n.type);
		return (
			type !== undefined &&
			!n.disabled &&
			isTriggerLike(nodeTypes.getByNameAndVersion(n.type, n.typeVersion)) &&
			!hasMainInput(connections, n.name)
		);
	});
	if (!startNode) {
		startNode = manualTriggerNode(
			nodes.some((n) => n.name === MANUAL_TRIGGER_NAME) ? `${MANUAL_TRIGGER_NAME} (harness)` : undefined,
		);
		const roots = nodes.filter((n) => !hasMainInput(connections, n.name));
		if (roots.length > 0) {
			connections[startNode.name] = {
				main: [roots.map((root) => ({ node: root.name, type: 'main' as const, index: 0 }))],
			};
		}
		nodes.unshift(startNode);
	}
	return startNode;
}
