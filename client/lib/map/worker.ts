/// <reference types="vite/client" />
import { setWorkerUrl } from 'maplibre-gl';
// `?url` makes Vite copy the self-contained module worker into dist/assets (hashed), so MapLibre starts
// it from the page's own origin. Its default (a file next to import.meta.url) does not exist once bundled.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);
