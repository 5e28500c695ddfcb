import type {
  ApiError,
  CallRecordJson,
  ChatRequest,
  ClientMessage,
  ServerMessage,
  StreamEvent,
  StreamResult,
} from './types.js';

export interface StreamHandlers {
  onEvent(event: StreamEvent): void;
  onDone(result: StreamResult): void;
  onError(error: ApiError): void;
  onCancelled(): void;
}

type CallListener = (record: CallRecordJson) => void;

/**
 * One WebSocket to the gateway's `/api/ws`, shared by every page: streams are multiplexed by id,
 * and the `calls` subscription feeds the dashboard. Reconnects after a drop; a stream that was
 * running when the socket closed ends with an error rather than hanging.
 */
class GatewaySocket {
  private socket: WebSocket | undefined;
  private opened: Promise<WebSocket> | undefined;
  private readonly streams = new Map<string, StreamHandlers>();
  private readonly callListeners = new Set<CallListener>();
  private counter = 0;

  private connect(): Promise<WebSocket> {
    if (this.opened) return this.opened;
    const url = new URL('/api/ws', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.socket = socket;
    this.opened = new Promise((resolve, reject) => {
      socket.addEventListener('open', () => {
        if (this.callListeners.size > 0)
          this.send(socket, { type: 'subscribe', topics: ['calls'] });
        resolve(socket);
      });
      socket.addEventListener('error', () => reject(new Error('the gateway WebSocket failed')));
    });
    // Handled where the stream starts; this keeps a failed connect from being unhandled.
    this.opened.catch(() => undefined);
    socket.addEventListener('message', (message) => this.receive(String(message.data)));
    socket.addEventListener('close', () => {
      this.socket = undefined;
      this.opened = undefined;
      for (const [id, handlers] of this.streams) {
        handlers.onError({
          status: 0,
          code: 'connection-closed',
          message: 'the connection to the gateway closed',
        });
        this.streams.delete(id);
      }
      if (this.callListeners.size > 0)
        setTimeout(() => void this.connect().catch(() => undefined), 1000);
    });
    return this.opened;
  }

  private send(socket: WebSocket, message: ClientMessage): void {
    socket.send(JSON.stringify(message));
  }

  private receive(data: string): void {
    const message: ServerMessage = JSON.parse(data);
    if (message.type === 'call') {
      for (const listener of this.callListeners) listener(message.record);
      return;
    }
    const handlers = this.streams.get(message.id);
    if (!handlers) return;
    if (message.type === 'event') {
      handlers.onEvent(message.event);
      return;
    }
    this.streams.delete(message.id);
    if (message.type === 'done') handlers.onDone(message.result);
    else if (message.type === 'error') handlers.onError(message.error);
    else handlers.onCancelled();
  }

  /** Starts a streamed call; the returned function cancels it (the gateway aborts upstream). */
  stream(request: ChatRequest, handlers: StreamHandlers): () => void {
    this.counter += 1;
    const id = `s${this.counter}-${Date.now().toString(36)}`;
    this.streams.set(id, handlers);
    let cancelled = false;
    this.connect().then(
      (socket) => {
        if (!cancelled) this.send(socket, { type: 'start', id, request });
      },
      () => {
        this.streams.delete(id);
        handlers.onError({
          status: 0,
          code: 'connection-failed',
          message: 'could not reach the gateway WebSocket',
        });
      },
    );
    return () => {
      if (cancelled || !this.streams.has(id)) return;
      cancelled = true;
      if (this.socket?.readyState === WebSocket.OPEN)
        this.send(this.socket, { type: 'cancel', id });
      else {
        this.streams.delete(id);
        handlers.onCancelled();
      }
    };
  }

  /** Calls `listener` with each tracked call as it finishes; returns the unsubscribe function. */
  onCall(listener: CallListener): () => void {
    this.callListeners.add(listener);
    if (this.callListeners.size > 1) return () => this.callListeners.delete(listener);
    // A socket still connecting subscribes once open (see connect).
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.send(this.socket, { type: 'subscribe', topics: ['calls'] });
    } else {
      this.connect().catch(() => undefined);
    }
    return () => this.callListeners.delete(listener);
  }
}

export const gatewaySocket = new GatewaySocket();
