import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { engineFromIndex } from '../core/assemble.js';
import type { Config } from '../core/config.js';
import { IndexStore } from '../core/index/store.js';
import type { EmbedderProvider } from '../core/embed/embedder.js';
import { createApp } from './app.js';
import { EngineHolder } from './engine-holder.js';
import { attachWebSocket } from './ws.js';

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  holder: EngineHolder;
  /** Load the live index generation from disk and answer with it from now on. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/** Start HTTP + WebSocket on one port and load the index; resolves once listening. */
export async function startServer(config: Config, provider: EmbedderProvider): Promise<RunningServer> {
  const holder = new EngineHolder();
  const store = new IndexStore(config.indexDir);
  const reload = async () => {
    const index = await store.load(provider, { ef: config.HNSW_EF });
    holder.set({ engine: engineFromIndex(index, config.RETRIEVAL_K), manifest: index.manifest, generation: index.generation });
  };
  const server = createServer(createApp(holder));
  const wss = attachWebSocket(server, holder);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  try {
    await reload();
  } catch (err) {
    holder.unavailable((err as Error).message);
  }
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    holder,
    reload,
    close: async () => {
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
