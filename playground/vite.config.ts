import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'
import { collectorPlugin } from './collector/collectorPlugin.ts'

// Ports: the playground on 5173 (`pnpm dev`) or 4173 (`pnpm preview`, the production build served
// with a strict CSP), the collector on 8787; PLAYGROUND_PORT and COLLECTOR_PORT override them (0 picks
// a free one, as the browser tests do).
const port = (name: string, fallback: number): number => Number(process.env[name] ?? fallback)

export default defineConfig({
  plugins: [react(), collectorPlugin(port('COLLECTOR_PORT', 8787))],
  // Read the packages' sources: no watch build while developing.
  resolve: { conditions: ['@intilery/source', ...defaultClientConditions] },
  // No CSP in dev: the React refresh preamble is an inline script. The collector plugin sets it in preview.
  server: { host: '127.0.0.1', port: port('PLAYGROUND_PORT', 5173), strictPort: true },
  preview: { host: '127.0.0.1', port: port('PLAYGROUND_PORT', 4173), strictPort: true },
})
