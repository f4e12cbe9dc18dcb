import { useEffect, useState } from 'preact/hooks';
import type { Connection } from './socket.js';

/** The connection line: connected, connecting, waiting to reconnect (with a way to retry at once), or waiting for an API key. */
export function Status({ connection, onRetry }: { connection: Connection; onRetry: () => void }) {
  const now = useNow(connection.state === 'waiting');
  const [freshReconnect, setFreshReconnect] = useState(false);
  useEffect(() => {
    if (connection.state !== 'open' || !connection.reconnected) return setFreshReconnect(false);
    setFreshReconnect(true);
    const timer = setTimeout(() => setFreshReconnect(false), 6000);
    return () => clearTimeout(timer);
  }, [connection]);

  let text: string;
  // The seconds tick twice a second; a live region would read every tick aloud, so they are for the eyes only.
  let countdown: string | undefined;
  if (connection.state === 'open') text = freshReconnect ? 'Reconnected' : 'Connected';
  else if (connection.state === 'locked') text = connection.refused ? 'Key refused' : 'Needs an API key';
  else if (connection.state === 'connecting')
    text = connection.attempt === 0 ? 'Connecting…' : `Reconnecting… (attempt ${connection.attempt})`;
  else {
    const seconds = Math.max(0, Math.ceil((connection.retryAt - now) / 1000));
    text = 'Connection lost. Reconnecting';
    countdown = ` in ${seconds} s…`;
  }
  return (
    <div class="status" data-state={connection.state} role="status">
      <span class="status-dot" aria-hidden="true" />
      <span class="status-text">
        {text}
        {countdown && <span aria-hidden="true">{countdown}</span>}
      </span>
      {connection.state === 'waiting' && (
        <button type="button" class="link-button" onClick={onRetry}>
          Retry now
        </button>
      )}
    </div>
  );
}

function useNow(ticking: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
