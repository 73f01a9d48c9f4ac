// Fonts ship with the build (the control room has no internet). The weight files carry each subset
// (latin, latin-ext, vietnamese) with its unicode-range, so the browser fetches only what the text uses;
// the per-subset files (vietnamese-400.css, ...) have no unicode-range and would shadow one another.
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
