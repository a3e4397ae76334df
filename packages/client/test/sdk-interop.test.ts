// The client against an agent built with the official A2A JS SDK, in its 1.0 mode (JSON-RPC and
// REST) and its 0.3 compatibility mode (JSON-RPC 0.3), over real HTTP on 127.0.0.1.
import { interopSuite } from './interop-suite.js';
import { startSdkAgent } from './sdk-agent.js';

interopSuite('the @a2a-js/sdk agent', (mode) => startSdkAgent({ legacy: mode.legacy }));
