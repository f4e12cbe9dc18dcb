import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { engineFromIndex } from '../core/assemble.js';
import type { Config } from '../core/config.js';
import { IndexStore } from '../core/index/store.js';
import { answeringFromConfig } from '../core/providers/from-config.js';
import type { EmbedderProvider } from '../core/embed/embedder.js';
import { createApp } from './app.js';
import { EngineHolder } from './engine-holder.js';
import { watchIndex } from './index-watcher.js';
import { docsIndexer, watchDocs } from './watch.js';
import { createServices, type AppServices } from './services.js';
import { shutDown } from './shutdown.js';
import { attachWebSocket } from './ws.js';
import { hostPolicy } from './host-check.js';
import { openConversationStore } from '../core/conversations/open.js';
import { ConversationAnswers } from './conversations/recorder.js';

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  holder: EngineHolder;
  services: AppServices;
  /** Load the live index generation from disk and answer with it from now on. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/** Start HTTP + WebSocket on one port and load the index; resolves once listening. */
export async function startServer(config: Config, provider: EmbedderProvider): Promise<RunningServer> {
  const holder = new EngineHolder();
  const store = new IndexStore(config.indexDir);
  const answering = await answeringFromConfig(config);
  const services = createServices(
    config,
    holder,
    async () => {
      const index = await store.load(provider, { ef: config.HNSW_EF, lazyTexts: true });
      return {
        engine: engineFromIndex(index, config.RETRIEVAL_K, answering, config.READER),
        manifest: index.manifest,
        generation: index.generation,
        chunks: index.chunks,
      };
    },
    () => store.current(),
  );
  const reload = () => services.reloader.reload();
  services.indexer = docsIndexer(config, provider, reload);
  const conversations = await openConversationStore({ dataDir: config.dataDir, databaseUrl: config.DATABASE_URL });
  services.conversations = {
    store: conversations,
    answers: new ConversationAnswers(services.answers, conversations, config.ANSWER_MODE, services.log),
  };
  const server = createServer(createApp(holder, services));
  const wss = attachWebSocket(server, {
    answers: services.conversations.answers,
    metrics: services.metrics,
    limiter: services.limiter,
    apiKey: config.API_KEY,
    corsOrigins: config.CORS_ORIGINS,
    maxQuestions: config.MAX_QUESTIONS_PER_CONNECTION,
    trust: services.trust,
    allowedHost: hostPolicy(config),
    idleTimeoutMs: config.WS_IDLE_TIMEOUT_S * 1000,
  });
  // ws re-emits the HTTP server's errors on itself; unheard, a port in use would crash with a stack
  // trace. Until the server listens, the promise below reports them.
  wss.on('error', (err) => server.listening && services.log.error({ err }, 'server error'));
  // Load before listening: with WORKERS > 1 the primary hands connections to a worker as soon as it
  // listens, and one still loading could only answer 503. A failed first load leaves the holder saying
  // why; the watcher picks up the index once ingest writes one.
  await reload().catch(() => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, config)));
    server.listen(config.PORT, config.HOST, resolve);
  }).catch(async (err: unknown) => {
    await conversations.close();
    throw err;
  });
  const watcher = watchIndex(config.indexDir, () => holder.current?.generation, reload, services.log);
  const docsWatcher = watchDocs(config, services.indexer, services.log);
  await docsWatcher?.ready;
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    holder,
    services,
    reload,
    close: async () => {
      // Refuse new questions at once, before any other shutdown step awaits.
      services.drain.start();
      watcher.close();
      await docsWatcher?.close();
      await services.indexer?.idle();
      await shutDown(server, wss, services);
      await conversations.close();
    },
  };
}

/** Why the server could not listen, in the words of the settings that decide it. */
function listenError(err: NodeJS.ErrnoException, config: Config): Error {
  const where = `${config.HOST}:${config.PORT}`;
  if (err.code === 'EADDRINUSE')
    return new Error(
      `${where} is already in use (another server is running there); stop it or set PORT to a free port.`,
    );
  if (err.code === 'EACCES')
    return new Error(
      `not allowed to listen on ${where}; ports below 1024 need special rights, so set PORT to 1024 or above.`,
    );
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
    return new Error(`HOST ${config.HOST} is not an address of this machine; use 127.0.0.1 or 0.0.0.0.`);
  return err;
}
