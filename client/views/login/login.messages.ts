/** The login page's words, Indonesian first. */
import { defineMessages } from '../../i18n/locale.tsx';

export const LOGIN_MESSAGES = defineMessages({
  id: {
    tagline: 'Peta operasi langsung',
    title: 'Masuk',
    username: 'Nama pengguna',
    password: 'Kata sandi',
    submit: 'Masuk',
    submitting: 'Memeriksa…',
    required: 'Wajib diisi',
    wrongCredentials: 'Nama pengguna atau kata sandi salah.',
    rateLimited: 'Terlalu banyak percobaan masuk. Tunggu sebentar lalu coba lagi.',
    rateLimitedFor: 'Terlalu banyak percobaan masuk. Coba lagi dalam {s} detik.',
    serverDown: 'Server tidak dapat dihubungi. Periksa jaringan, lalu coba lagi.',
    serverError: 'Server sedang bermasalah (HTTP {status}). Coba lagi sebentar lagi.',
    refused: 'Permintaan ditolak: {message}',
    alreadyIn: 'Anda sudah masuk sebagai {name}.',
    continue: 'Lanjutkan',
    wallHint: 'Layar dinding tidak perlu masuk: buka tautan berkode pasangan dari administrator.',
    afterLogin: 'Setelah masuk: {path}',
  },
  en: {
    tagline: 'Live operations map',
    title: 'Log in',
    username: 'Username',
    password: 'Password',
    submit: 'Log in',
    submitting: 'Checking…',
    required: 'Required',
    wrongCredentials: 'Wrong username or password.',
    rateLimited: 'Too many login attempts. Wait a moment, then try again.',
    rateLimitedFor: 'Too many login attempts. Try again in {s} seconds.',
    serverDown: 'The server cannot be reached. Check the network, then try again.',
    serverError: 'The server has a problem (HTTP {status}). Try again shortly.',
    refused: 'Request refused: {message}',
    alreadyIn: 'You are already logged in as {name}.',
    continue: 'Continue',
    wallHint: 'Wall displays need no login: open the pairing link from your administrator.',
    afterLogin: 'After login: {path}',
  },
});

export type LoginMessage = keyof (typeof LOGIN_MESSAGES)['id'];
