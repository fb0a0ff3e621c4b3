/**
 * What a wall shows while it pairs with its one-time code, and why pairing failed. It
 * renders before the app and before any locale choice, so every line is in Indonesian
 * and English at once, as the app's other start-up screens are.
 */
import { retryable, type PairingProblem } from '../../auth/wall-pairing.ts';

const PROBLEMS: Record<PairingProblem, { id: string; en: string }> = {
  unknown: {
    id: 'Kode pemasangan tidak dikenal atau sudah dipakai.',
    en: 'The pairing code is unknown or has already been used.',
  },
  expired: {
    id: 'Kode pemasangan sudah kedaluwarsa.',
    en: 'The pairing code has expired.',
  },
  revoked: {
    id: 'Token layar dinding untuk kode ini sudah dicabut.',
    en: 'The wall display token of this code has been revoked.',
  },
  rateLimited: {
    id: 'Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.',
    en: 'Too many attempts. Wait a moment, then retry.',
  },
  unreachable: {
    id: 'Server tidak dapat dihubungi.',
    en: 'The server cannot be reached.',
  },
};

export function WallPairingScreen({ problem }: { problem: PairingProblem | null }) {
  if (problem === null) {
    return (
      <div className="screen" data-testid="wall-pairing" role="status">
        <span className="screen__product">Nakhoda</span>
        <p>
          Memasangkan layar dinding… <span className="screen__en">Pairing this wall display…</span>
        </p>
      </div>
    );
  }
  const text = PROBLEMS[problem];
  const again = retryable(problem);
  return (
    <div
      className="screen screen--error"
      data-testid="wall-pairing-failed"
      data-problem={problem}
      role="alert"
    >
      <span className="screen__product">Nakhoda</span>
      <p>
        {text.id} <span className="screen__en">{text.en}</span>
      </p>
      {!again && (
        <p className="screen__detail">
          Minta kode baru di /admin (Pasangkan lagi).{' '}
          <span className="screen__en">Ask for a new code in /admin (Pair again).</span>
        </p>
      )}
      <button type="button" className="screen__retry" onClick={() => window.location.reload()}>
        {again ? 'Coba lagi · Retry' : 'Buka tanpa kode · Open without the code'}
      </button>
    </div>
  );
}
