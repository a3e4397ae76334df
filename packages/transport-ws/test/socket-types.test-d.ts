// Type tests: the sockets of `ws` and the standard WebSocket fit the structural socket types.
import WebSocket from 'ws';

import { type ClientSocket, type WebSocketConstructor } from '../src/client/index.js';
import { type EventSocket, type ServerSocket } from '../src/index.js';

declare const ws: WebSocket;
declare const standard: globalThis.WebSocket;

export const wsServerSide: EventSocket = ws;
export const wsPlain: ServerSocket = ws;
export const wsClientSide: ClientSocket = ws;
export const standardServerSide: EventSocket = standard;
export const standardClientSide: ClientSocket = standard;
export const wsConstructor: WebSocketConstructor = WebSocket;
export const standardConstructor: WebSocketConstructor = globalThis.WebSocket;
