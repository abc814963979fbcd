import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ControlPageProduct } from './control-page-products.js';

const PAGE = readFileSync(new URL('./control-page.html', import.meta.url), 'utf8');

/**
 * The simulator's control page: `GET /` is a plain HTML page whose script drives the control API (scan,
 * weigh, printer paper, card declines, carts, any fault) and shows receipts and labels as the PNGs the API
 * renders. `GET /control/products` is the product list it offers to scan.
 */
export function controlPageRoutes(app: FastifyInstance, products: readonly ControlPageProduct[]): void {
  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(PAGE),
  );
  app.get('/control/products', async () => ({ products }));
}
