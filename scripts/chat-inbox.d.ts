// Types for chat-inbox.js (plain CommonJS), so TypeScript tests can import it.

export interface ChatMessage {
	id: number;
	/** The <channel> of POST /hooks/<channel>. */
	channel: string;
	text: string;
	receivedAt: string;
	/** The whole JSON body that was posted. */
	payload: Record<string, unknown>;
}

export interface ChatInbox {
	port: number;
	/** http://127.0.0.1:<port> (the HTML page is at /, the JSON API at /api/messages). */
	url: string;
	/** The Slack-style incoming-webhook URL of a channel (default "ovh-renewals"). */
	webhookUrl(channel?: string): string;
	/** Oldest first. */
	messages(): ChatMessage[];
	clear(): void;
	waitForMessage(pred?: (m: ChatMessage) => boolean, opts?: { timeoutMs?: number }): Promise<ChatMessage>;
	close(): Promise<void>;
}

export function startChatInbox(options?: {
	/** Default 8790; 0 = a free port. */
	port?: number;
	host?: string;
	/** Load messages from this JSON file and save them to it after each change. */
	storeFile?: string;
	log?: (line: string) => void;
}): Promise<ChatInbox>;
