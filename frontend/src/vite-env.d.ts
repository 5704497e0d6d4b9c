/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API's origin when it is not this site's (Render's static sites); unset: same origin. */
  readonly VITE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

declare module "swagger-ui-dist/swagger-ui-es-bundle.js" {
  /** Swagger UI 5's bundle (the subset of its options the docs page uses). */
  export default function SwaggerUIBundle(options: {
    url: string;
    dom_id: string;
    deepLinking?: boolean;
    withCredentials?: boolean;
    onComplete?: () => void;
    defaultModelsExpandDepth?: number;
  }): unknown;
}
