import type { ProductDoc } from '@storefloor/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import type { LaneFormat } from '../../format/lane-format.js';

const ATTEMPTS = 12;
const PAUSE_MS = 400;

/**
 * Weighing loose produce: only a weight the scale reports stable is taken (`scale.read` refuses motion).
 * Shows the price per kg; tare on demand; a weight that never settles gives a message and no line.
 */
export function WeighDialog({
  product,
  pricePerKg,
  f,
  onWeighed,
  onCancel,
}: {
  product: ProductDoc;
  pricePerKg: number | undefined;
  f: LaneFormat;
  onWeighed(grams: number): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { devices } = useLane();
  const [message, setMessage] = useState<string>(t('weigh.place'));
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const alive = useRef(true);
  // The parent re-renders with a new callback; the weighing loop must not restart because of it.
  const weighed = useRef(onWeighed);
  weighed.current = onWeighed;
  // One weighing gives one line, however many read loops are running (a retry, a remount).
  const finished = useRef(false);
  const translate = useRef(t);
  translate.current = t;
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const weigh = useCallback(async () => {
    const t = translate.current;
    setBusy(true);
    setFailed(false);
    setMessage(t('weigh.waiting'));
    for (let i = 0; i < ATTEMPTS && alive.current && !finished.current; i++) {
      const read = await devices.invoke('scale', 'scale.read', null, 5000);
      if (read.ok) {
        const grams = (read.value as { grams: number }).grams;
        if (grams > 0) {
          if (finished.current || !alive.current) return;
          finished.current = true;
          weighed.current(grams);
          return;
        }
      } else {
        setMessage(t('weigh.reason', { reason: t(`errors.${read.reason}`, { defaultValue: read.reason }) }));
      }
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    if (!alive.current) return;
    setBusy(false);
    setFailed(true);
    setMessage(t('weigh.unstable'));
  }, [devices]);
  useEffect(() => {
    void weigh();
  }, [weigh]);
  return (
    <div className="dialog-backdrop">
      <div role="dialog" aria-label={t('weigh.title', { name: product.name })} className="dialog">
        <h2>{t('weigh.title', { name: product.name })}</h2>
        {pricePerKg !== undefined && (
          <p className="per-kg">{t('sale.perKg', { price: f.money(pricePerKg) })}</p>
        )}
        <p role={failed ? 'alert' : 'status'} className={failed ? 'error' : ''}>
          {message}
        </p>
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void weigh()}>
            {t('weigh.weigh')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => void devices.invoke('scale', 'scale.tare', null, 5000)}
          >
            {t('weigh.tare')}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('weigh.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
