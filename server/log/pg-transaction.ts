/**
 * One transaction on one pooled PostgreSQL connection, for the log and the accounts alike.
 *
 * While a client is checked out, pg-pool no longer listens for its errors; a server that
 * shuts down (57P01) or a connection that breaks between two statements would then emit an
 * 'error' nobody hears, and Node ends the process. So a listener is attached for as long
 * as the transaction holds the client, the client is destroyed rather than pooled unless the
 * transaction is known to be over, and the error the work threw is the one the caller sees
 * (a ROLLBACK on a dead connection fails too, and must not hide why).
 */
import type pg from 'pg';

export async function inTransaction<T>(
  pool: pg.Pool,
  begin: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: unknown = null;
  const onError = (error: unknown) => {
    broken = error;
  };
  client.on('error', onError);
  let clean = false;
  try {
    await client.query(begin);
    let value: T;
    try {
      value = await work(client);
    } catch (error) {
      await client.query('ROLLBACK').then(
        () => (clean = broken === null),
        () => undefined,
      );
      throw error;
    }
    await client.query('COMMIT');
    clean = broken === null;
    return value;
  } finally {
    client.off('error', onError);
    client.release(!clean);
  }
}
