import { mount } from 'svelte';
import App from './App.svelte';
import { connectBrowserHost } from './lib/host-transport';
import './styles/theme.css';

// In Electron the preload has already installed window.hubdesk; in the browser host the page
// builds it over the host's WebSocket.
if (!('hubdesk' in window)) connectBrowserHost(window);

const target = document.getElementById('app');
if (target) mount(App, { target });
