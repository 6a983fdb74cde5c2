/**
 * Server-sent events over fetch: EventSource cannot send an Authorization header, and the key must
 * never go into a URL (logs, history), so the stream is read with fetch and parsed here (the
 * text/event-stream rules of the HTML standard: blank line ends an event, `:` lines are comments).
 */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Splits complete events off the buffer; what follows the last blank line is kept for the next chunk. */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const text = buffer.replace(/\r\n?/g, '\n');
  const blocks = text.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: SseEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
    if (data.length > 0) events.push({ event, data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
  }
  return { events, rest };
}

export interface StreamHandlers {
  onEvent: (event: SseEvent) => void;
  onState: (state: 'connecting' | 'live' | 'retrying', detail?: string) => void;
  onUnauthorised: () => void;
}

/** Reads the stream until `signal` aborts, reconnecting with a growing pause when it drops. */
export async function followStream(
  url: string,
  key: string,
  signal: AbortSignal,
  h: StreamHandlers,
): Promise<void> {
  let pause = 1000;
  while (!signal.aborted) {
    h.onState('connecting');
    try {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' },
        signal,
      });
      if (response.status === 401) return h.onUnauthorised();
      if (!response.ok || !response.body) throw new Error(`the hub answered ${response.status}`);
      h.onState('live');
      pause = 1000;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseSse(buffer + value);
        buffer = parsed.rest;
        for (const e of parsed.events) h.onEvent(e);
      }
      h.onState('retrying', 'the hub closed the stream');
    } catch (error) {
      if (signal.aborted) return;
      h.onState('retrying', error instanceof Error ? error.message : String(error));
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 30_000);
  }
}
