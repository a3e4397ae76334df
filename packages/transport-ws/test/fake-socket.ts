import { type ServerSocket } from '../src/index.js';

/** A frame the server sent, parsed (loosely typed: tests read into it freely). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = Record<string, any>;

/**
 * A socket double standing in for the runtime's socket: records frames and lets the test set
 * `bufferedAmount` (by default every frame adds its length, as if the peer never read).
 */
export class FakeSocket implements ServerSocket {
  readyState = 1;
  bufferedAmount = 0;
  /** Bytes added to `bufferedAmount` per character sent; 0 = the peer reads at once. */
  growth = 0;
  readonly sent: string[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | undefined;
  terminated = false;

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a closed socket');
    this.sent.push(data);
    this.bufferedAmount += data.length * this.growth;
  }

  close(code?: number, reason?: string): void {
    this.readyState = 3;
    this.closedWith = { code, reason };
  }

  terminate(): void {
    this.readyState = 3;
    this.terminated = true;
  }

  /** Every frame sent, parsed. */
  frames(): Frame[] {
    return this.sent.map((text) => JSON.parse(text) as Frame);
  }

  /** Waits until a sent frame matches. */
  async next(match: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames().find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('timed out waiting for a frame');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
