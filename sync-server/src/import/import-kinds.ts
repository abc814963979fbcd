import { employeesImport } from '../employees/employees-import.js';
import { membersImport } from '../members/members-import.js';
import type { ImportKind } from './import-kind.js';
import { pricesImport } from './kinds/prices-import.js';
import { productsImport } from './kinds/products-import.js';
import { promotionsImport } from './kinds/promotions-import.js';
import { taxRatesImport } from './kinds/tax-rates-import.js';

/** Every kind `POST /api/admin/import/:kind` accepts. */
export const importKinds: ReadonlyMap<string, ImportKind> = new Map(
  [productsImport, pricesImport, promotionsImport, taxRatesImport, membersImport, employeesImport].map(
    (kind) => [kind.name, kind],
  ),
);
