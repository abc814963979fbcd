import type { EmployeeDoc, ParsedBarcode, ProductDoc, StockMovementDoc } from '@storefloor/core';
import { createIdGenerator } from '@storefloor/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import { resolveKeyedCode, resolveScan, type ScanAction } from '../../sale/resolve-scan.js';
import { sessionMovements, stockRows } from './stock-figures.js';
import { useLiveDocs } from './use-live-docs.js';

const newSessionId = createIdGenerator();
type Mode = 'count' | 'receipt';
type Notice = { kind: 'ok' | 'error'; key: string; values: Record<string, string | number> };

/**
 * Stock: count a shelf or receive a delivery by scanning (each scan one unit, the quantity can be typed), then
 * save the session as count or receipt lines of the ledger; on hand, safety stock and a suggested order below.
 */
export function StockScreen({ manager }: { manager: EmployeeDoc }) {
  const { t } = useTranslation();
  const lane = useLane();
  const ledger = useLiveDocs<'stock_movements', StockMovementDoc>(lane.db.stock_movements, {
    storeId: lane.identity.storeId,
  });
  const [mode, setMode] = useState<Mode>('count');
  const [session, setSession] = useState<Map<string, number>>(new Map());
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<Notice>();
  const products = lane.catalog.snapshot.value.products;
  const byId = useMemo(() => new Map(products.map((p) => [p.id, p])), [products]);
  const rows = useMemo(() => stockRows(products, ledger, Date.now()), [products, ledger]);

  const take = (action: ScanAction) => {
    if (action.kind !== 'sell' && action.kind !== 'weigh') {
      const code = 'code' in action ? action.code : '';
      setNotice({ kind: 'error', key: 'manager.stock.unknown', values: { code } });
      return;
    }
    const p: ProductDoc = action.product;
    if (p.unit !== 'each') {
      setNotice({ kind: 'error', key: 'manager.stock.byWeight', values: { name: p.name } });
      return;
    }
    setSession((s) => new Map(s).set(p.id, (s.get(p.id) ?? 0) + 1));
    setNotice({ kind: 'ok', key: 'manager.stock.scanned', values: { name: p.name } });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: take only reads state through setters.
  useEffect(
    () =>
      lane.devices.on({
        onScan: (payload) => {
          const barcode = (payload as { barcode?: ParsedBarcode }).barcode;
          if (barcode) take(resolveScan(lane.catalog.snapshot.value, barcode));
        },
        onScanError: (e) =>
          setNotice({ kind: 'error', key: 'manager.stock.unknown', values: { code: e.detail ?? e.reason } }),
      }),
    [lane],
  );
  const save = async () => {
    if (session.size === 0) return;
    const docs = sessionMovements(
      mode,
      session,
      ledger,
      {
        storeId: lane.identity.storeId,
        deviceId: lane.identity.deviceId,
        employeeId: manager.id,
        sourceId: newSessionId(),
      },
      Date.now(),
    );
    await lane.db.stock_movements.bulkInsert(docs);
    for (const d of docs) lane.sync.wrote('stock_movements', d.id);
    setNotice({
      kind: 'ok',
      key: mode === 'count' ? 'manager.stock.countSaved' : 'manager.stock.receiptSaved',
      values: { count: docs.length },
    });
    setSession(new Map());
  };

  return (
    <main className="panel manager" data-testid="stock">
      <h1>{t('manager.stock.title')}</h1>
      <div className="stock-modes">
        {(['count', 'receipt'] as const).map((m) => (
          <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
            {t(`manager.stock.mode.${m}`)}
          </button>
        ))}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim()) take(resolveKeyedCode(lane.catalog.snapshot.value, code.trim()));
          setCode('');
        }}
      >
        <label>
          {t('manager.stock.code')}
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-label={t('manager.stock.code')}
          />
        </label>
        <button type="submit">{t('manager.stock.add')}</button>
      </form>
      {notice && (
        <p
          role={notice.kind === 'error' ? 'alert' : 'status'}
          className={notice.kind === 'error' ? 'error' : ''}
          data-testid="stock-notice"
        >
          {t(notice.key, notice.values)}
        </p>
      )}
      <table className="manager-table" data-testid="stock-session">
        <thead>
          <tr>
            <th>{t('manager.stock.product')}</th>
            <th>{mode === 'count' ? t('manager.stock.counted') : t('manager.stock.received')}</th>
          </tr>
        </thead>
        <tbody>
          {[...session.entries()].map(([id, n]) => (
            <tr key={id}>
              <td>{byId.get(id)?.name ?? id}</td>
              <td>
                <input
                  type="number"
                  min={0}
                  value={n}
                  aria-label={t('manager.stock.quantityOf', { name: byId.get(id)?.name ?? id })}
                  onChange={(e) =>
                    setSession((s) =>
                      new Map(s).set(id, Math.max(0, Math.trunc(Number(e.target.value) || 0))),
                    )
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" disabled={session.size === 0} onClick={() => void save()}>
        {mode === 'count' ? t('manager.stock.saveCount') : t('manager.stock.saveReceipt')}
      </button>
      <h2>{t('manager.stock.onHandTitle')}</h2>
      <table className="manager-table" data-testid="stock-on-hand">
        <thead>
          <tr>
            <th>{t('manager.stock.product')}</th>
            <th>{t('manager.stock.onHand')}</th>
            <th>{t('manager.stock.safety')}</th>
            <th>{t('manager.stock.order')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.productId} data-testid="stock-row" data-product={r.productId}>
              <td>{r.name}</td>
              <td data-testid="on-hand">{r.onHand === null ? t('manager.stock.neverCounted') : r.onHand}</td>
              <td>{r.safetyStock}</td>
              <td data-testid="order">{r.suggestedOrder}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('manager.stock.rule')}</p>
    </main>
  );
}
