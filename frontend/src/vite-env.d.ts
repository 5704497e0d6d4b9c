/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API's origin when it is not this site's (Render's static sites); unset: same origin. */
  readonly VITE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
