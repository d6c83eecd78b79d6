import { defineConfig } from 'vite';
import { rendererConfig } from './vite.renderer.shared.ts';

export default defineConfig(rendererConfig);
