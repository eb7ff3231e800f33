// The tenant's progress WebSocket, kept open: a lost connection is retried (1 s, 2 s, 5 s, then every 10 s) with a
// new single-use ticket. onState receives 'connecting' | 'open' | 'retrying' | 'closed'; onReopen runs after a
// connection came back, so the caller can reload what it missed.
import { carbonvoiceApi } from './carbonvoiceApi.js';

const RETRY_SECONDS = [1, 2, 5, 10];

export class LiveConnection {
  #socket = null;
  #timer = null;
  #attempt = 0;
  #stopped = false;
  #wasOpen = false;

  constructor({ onMessage, onState, onReopen }) {
    this.onMessage = onMessage;
    this.onState = onState;
    this.onReopen = onReopen;
  }

  start() {
    this.#connect();
    return this;
  }

  /** Closes for good (a tenant switch): no retry, and late messages of this socket are dropped. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    if (this.#socket) {
      this.#socket.onclose = null;
      this.#socket.onmessage = null;
      this.#socket.close();
    }
    this.onState('closed');
  }

  async #connect() {
    if (this.#stopped) return;
    this.onState(this.#attempt === 0 ? 'connecting' : 'retrying');
    let socket;
    try {
      socket = await carbonvoiceApi.watchProgress((message) => { if (!this.#stopped) this.onMessage(message); });
    } catch {
      this.#retry();
      return;
    }

    if (this.#stopped) {
      socket.close();
      return;
    }

    this.#socket = socket;
    socket.onopen = () => {
      const reopened = this.#wasOpen;
      this.#attempt = 0;
      this.#wasOpen = true;
      this.onState('open');
      if (reopened) this.onReopen();
    };
    socket.onclose = () => this.#retry();
  }

  #retry() {
    if (this.#stopped) return;
    const seconds = RETRY_SECONDS[Math.min(this.#attempt, RETRY_SECONDS.length - 1)];
    this.#attempt += 1;
    this.onState('retrying', seconds);
    this.#timer = setTimeout(() => this.#connect(), seconds * 1000);
  }
}
