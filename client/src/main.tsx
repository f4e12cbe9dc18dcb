import { render } from 'preact';
import { App } from './App.js';

const root = document.getElementById('app');
if (!root) throw new Error('The page has no #app element.');
render(<App />, root);
