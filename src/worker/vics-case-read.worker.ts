// Reads a VICS case file off the main thread, so a 100,000-record case never freezes the page.
import * as Comlink from 'comlink';

import { readVicsCase } from './vics-case-read';

export type { VicsCaseRead } from './vics-case-read';

async function* fileText(file: Blob): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

const api = {
  readCase(file: Blob) {
    return readVicsCase(fileText(file));
  },
};

export type VicsCaseReadWorkerApi = typeof api;

Comlink.expose(api);
