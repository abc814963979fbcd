import type { EmployeeDoc } from '@storefloor/core';
import { useEffect, useMemo, useState } from 'react';
import { businessDayAt } from '../sale/pricing-env.js';
import { DashboardScreen } from '../screens/manager/DashboardScreen.js';
import { DayEndScreen } from '../screens/manager/DayEndScreen.js';
import { DevicesScreen } from '../screens/manager/DevicesScreen.js';
import { readDaySales } from '../screens/manager/day-sales-snapshot.js';
import { ManagerBar, type ManagerTab } from '../screens/manager/ManagerBar.js';
import { managersOf } from '../screens/manager/manager-audit.js';
import { StockScreen } from '../screens/manager/StockScreen.js';
import {
  dayEndProgress,
  fetchStoreDay,
  type StoreDayView,
  sellingLanes,
} from '../screens/manager/store-day.js';
import { SignInScreen } from '../screens/sign-in/SignInScreen.js';
import { useLane } from './lane-services.js';
import { useLaneFormat } from './use-format.js';
import '../screens/manager/manager.css';
import { useSubject } from './use-observable.js';

/** How often the manager's screens ask the edge agent for the store's day (lanes, pending sync, HQ's receipt). */
const DAY_POLL_MS = 1000;

/** The store manager's screens on the same renderer: sign in with a manager's PIN, then dashboard and day-end. */
export function ManagerApp({ upstreamUrl }: { upstreamUrl: string }) {
  const lane = useLane();
  const catalog = useSubject(lane.catalog.snapshot);
  const f = useLaneFormat(catalog);
  const [manager, setManager] = useState<EmployeeDoc>();
  const [tab, setTab] = useState<ManagerTab>('dashboard');
  const [day, setDay] = useState<StoreDayView>();
  const [dayProblem, setDayProblem] = useState<string>();
  const businessDay = businessDayAt(catalog, Date.now());
  const managers = useMemo(() => managersOf(catalog.employees), [catalog.employees]);
  // The day's sales are read from the replica while the manager types the PIN: the dashboard paints sooner.
  const [prefetched] = useState(() =>
    readDaySales(lane.db.sales as never, lane.identity.storeId, businessDay),
  );

  useEffect(() => {
    if (!manager) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const answer = await fetchStoreDay(upstreamUrl, lane.identity.token, businessDay);
      if (stopped) return;
      if (answer.ok) {
        setDay(answer.day);
        setDayProblem(undefined);
      } else setDayProblem(answer.reason);
      timer = setTimeout(() => void poll(), DAY_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [manager, upstreamUrl, lane.identity.token, businessDay]);

  const lanes = useMemo(
    () => (day ? sellingLanes(day, lane.identity.deviceId) : []),
    [day, lane.identity.deviceId],
  );
  const progress = useMemo(() => (day ? dayEndProgress(day, lanes) : undefined), [day, lanes]);

  if (!manager)
    return (
      <>
        <ManagerBar />
        <SignInScreen employees={managers} onSignedIn={setManager} />
      </>
    );
  return (
    <>
      <ManagerBar tab={tab} onTab={setTab} managerName={manager.name} />
      {tab === 'dashboard' && (
        <DashboardScreen
          businessDay={businessDay}
          timeZone={catalog.store?.timeZone ?? 'UTC'}
          f={f}
          lanes={day ? lanes : undefined}
          prefetched={prefetched}
        />
      )}
      {tab === 'stock' && <StockScreen manager={manager} />}
      {tab === 'devices' && <DevicesScreen upstreamUrl={upstreamUrl} f={f} />}
      {tab === 'day-end' && (
        <DayEndScreen
          businessDay={businessDay}
          f={f}
          day={day}
          dayProblem={dayProblem}
          lanes={lanes}
          progress={progress}
          employees={catalog.employees}
          manager={manager}
        />
      )}
    </>
  );
}
