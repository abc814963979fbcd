import type { AuditEntryDoc, SaleDoc } from '@storefloor/core';
import type { EChartsOption } from 'echarts';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLane } from '../../app/lane-services.js';
import type { LaneFormat } from '../../format/lane-format.js';
import { dashboardFigures, interventionsByAction } from './dashboard-figures.js';
import { type DaySalesRead, freshDaySales } from './day-sales-snapshot.js';
import { EChart } from './EChart.js';
import type { LaneDayView } from './store-day.js';
import { useLiveDocs, useLiveDocsState } from './use-live-docs.js';

/** The store's trading day at a glance, live from the replica: takings by hour, best sellers, tenders, lanes. */
export function DashboardScreen({
  businessDay,
  timeZone,
  f,
  lanes,
  prefetched,
}: {
  /** The day's sales read while the manager signed in. */
  prefetched?: DaySalesRead | undefined;
  businessDay: string;
  timeZone: string;
  f: LaneFormat;
  lanes: readonly LaneDayView[] | undefined;
}) {
  const { t } = useTranslation();
  const lane = useLane();
  const storeId = lane.identity.storeId;
  // The day's sales in one IndexedDB read for the first paint (prefetched while the manager signed in, if
  // fresh); the live query starts once it is in.
  const [snapshot, setSnapshot] = useState<{ day: string; sales: readonly SaleDoc[] | undefined }>();
  useEffect(() => {
    let stale = false;
    const read = freshDaySales(prefetched, lane.db.sales as never, storeId, businessDay);
    void read.sales.then((sales) => {
      if (!stale) setSnapshot({ day: businessDay, sales });
    });
    return () => {
      stale = true;
    };
  }, [prefetched, lane.db.sales, storeId, businessDay]);
  const live = useLiveDocsState<'sales', SaleDoc>(
    lane.db.sales,
    // storeId first: the query then runs on the sales' [storeId, businessDay] index, not a scan of the table.
    { storeId, businessDay },
    { timing: 'dashboard-sales', enabled: snapshot?.day === businessDay },
  );
  const sales = live.loaded ? live.docs : snapshot?.day === businessDay ? (snapshot.sales ?? []) : [];
  const audits = useLiveDocs<'audit_entries', AuditEntryDoc>(lane.db.audit_entries, {});
  const figures = useMemo(() => {
    const f = dashboardFigures(sales, { timeZone });
    performance.mark('dashboard-figures', { detail: { count: sales.length } });
    return f;
  }, [sales, timeZone]);
  const interventions = useMemo(() => interventionsByAction(audits), [audits]);
  const money = (minor: number) => f.money(minor);
  const byHour = useMemo<EChartsOption>(() => {
    const hours = figures.byHour.filter((h) => h.hour >= 6 && h.hour <= 23);
    return {
      animation: false,
      grid: { left: 70, right: 16, top: 24, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: hours.map((h) => `${h.hour}:00`) },
      yAxis: {
        type: 'value',
        minInterval: 100,
        axisLabel: { formatter: (v: number) => f.money(Math.round(v)) },
      },
      series: [
        { type: 'bar', name: t('manager.takings'), data: hours.map((h) => h.takings), color: '#2f6fb2' },
      ],
    };
  }, [figures, f, t]);
  const top = useMemo<EChartsOption>(
    () => ({
      animation: false,
      grid: { left: 150, right: 24, top: 10, bottom: 24 },
      xAxis: {
        type: 'value',
        minInterval: 100,
        axisLabel: { formatter: (v: number) => f.money(Math.round(v)) },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: figures.topProducts.map((p) => p.description),
        axisLabel: { width: 140, overflow: 'truncate' },
      },
      series: [{ type: 'bar', data: figures.topProducts.map((p) => p.takings), color: '#3b8f5a' }],
    }),
    [figures, f],
  );
  const tenders = useMemo<EChartsOption>(
    () => ({
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          label: { formatter: '{b}: {d}%' },
          data: figures.tenders
            .filter((x) => x.amount > 0)
            .map((x) => ({ name: t(`manager.tender.${x.kind}`), value: x.amount })),
        },
      ],
    }),
    [figures, t],
  );
  return (
    <main className="panel manager" data-testid="dashboard">
      <h1>{t('manager.dashboardTitle', { day: businessDay })}</h1>
      <section className="kpis">
        <div>
          <span>{t('manager.saleCount')}</span>
          <strong data-testid="kpi-sales">{figures.saleCount}</strong>
        </div>
        <div>
          <span>{t('manager.takings')}</span>
          <strong data-testid="kpi-takings">{money(figures.takings)}</strong>
        </div>
        <div>
          <span>{t('manager.averageBasket')}</span>
          <strong data-testid="kpi-average">{money(figures.averageBasket)}</strong>
        </div>
        <div>
          <span>{t('manager.openSales')}</span>
          <strong data-testid="kpi-open">{figures.openSales.length}</strong>
        </div>
      </section>
      <section className="charts">
        <figure>
          <figcaption>{t('manager.salesByHour')}</figcaption>
          <EChart option={byHour} label={t('manager.salesByHour')} />
        </figure>
        <figure>
          <figcaption>{t('manager.topProducts')}</figcaption>
          <EChart option={top} label={t('manager.topProducts')} />
        </figure>
        <figure>
          <figcaption>{t('manager.tenderMix')}</figcaption>
          <EChart option={tenders} label={t('manager.tenderMix')} />
        </figure>
        <figure>
          <figcaption>{t('manager.lanes')}</figcaption>
          <table className="manager-table" data-testid="dashboard-lanes">
            <thead>
              <tr>
                <th>{t('manager.lane')}</th>
                <th>{t('manager.shift')}</th>
                <th>{t('manager.pendingSync')}</th>
              </tr>
            </thead>
            <tbody>
              {(lanes ?? []).map((l) => {
                const pending = Object.values(l.pending).reduce((n, c) => n + c, 0);
                const open = l.shifts.some((s) => s.status === 'open');
                return (
                  <tr key={l.deviceId}>
                    <td>{l.label ?? l.deviceId}</td>
                    <td>
                      {open ? t('manager.shiftOpen') : l.shifts.length ? t('manager.shiftClosed') : '—'}
                    </td>
                    <td>{pending === 0 ? t('status.allSynced') : t('status.pending', { count: pending })}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h2>{t('manager.interventions')}</h2>
          {interventions.length === 0 ? (
            <p data-testid="interventions-none">{t('manager.noInterventions')}</p>
          ) : (
            <ul data-testid="interventions">
              {interventions.map((i) => (
                <li key={i.action}>
                  {t(`manager.action.${i.action}`, { defaultValue: i.action })}: {i.count}
                </li>
              ))}
            </ul>
          )}
        </figure>
      </section>
    </main>
  );
}
