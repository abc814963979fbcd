import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { LaneApp } from './app/App.js';
import { AttendantApp } from './app/AttendantApp.js';
import { KioskApp } from './app/KioskApp.js';
import { type LaneServices, LaneServicesContext } from './app/lane-services.js';
import { ManagerApp } from './app/ManagerApp.js';
import { openLaneDatabase } from './data/lane-database.js';
import { type LaneIdentity, loadIdentity } from './data/lane-identity.js';
import { LaneSync, type LoadProgress } from './data/lane-replication.js';
import { LiveCatalog } from './data/live-catalog.js';
import { PendingWrites } from './data/pending-writes.js';
import {
  describe as describeError,
  ReplicaOpenError,
  replicaDatabaseName,
  startNewReplicaGeneration,
} from './data/replica-generation.js';
import { startDeviceStatusReports } from './devices/device-status-reporter.js';
import { LaneDevices } from './devices/lane-devices.js';
import { pickDeviceBridge } from './devices/pick-device-bridge.js';
import { createLaneI18n } from './i18n/lane-i18n.js';
import { type LaneConfig, loadLaneConfig } from './lane-config.js';
import { CatalogLoadScreen } from './screens/enroll/CatalogLoadScreen.js';
import { EnrollScreen } from './screens/enroll/EnrollScreen.js';
import { StartFailureScreen } from './screens/start-failure/StartFailureScreen.js';
import './lane.css';

type Progress = (p: LoadProgress) => void;
let booting: Promise<LaneServices> | undefined;

/** Opens the replica and starts replication once per page (React's StrictMode runs effects twice). */
function bootLane(config: LaneConfig, identity: LaneIdentity, onProgress: Progress): Promise<LaneServices> {
  booting ??= (async () => {
    const base = config.databaseName ?? 'storefloor-lane';
    const name = config.storage === 'memory' ? base : replicaDatabaseName(base);
    const db = await openLaneDatabase(
      name,
      config.storage === 'memory' ? getRxStorageMemory() : undefined,
      identity.deviceId,
    ).catch((e: unknown) => {
      throw new ReplicaOpenError(name, e);
    });
    const sync = new LaneSync({
      db,
      url: config.upstreamUrl,
      token: identity.token,
      deviceId: identity.deviceId,
    });
    const sub = sync.progress.subscribe((p) => onProgress(p));
    const firstPull = sync.start();
    // Made before the pull lands, the catalog indexes what is pulled as it arrives, once, when it is done.
    const catalog = new LiveCatalog(db, identity.storeId, firstPull);
    await firstPull;
    sub.unsubscribe();
    // The sign-in screen comes only once every product, price and employee is in the in-memory index.
    await catalog.ready;
    const devices = new LaneDevices(
      pickDeviceBridge(config.deviceHostUrl),
      config.mode === 'kiosk' ? { bagging: 'bagging' } : {},
    );
    startDeviceStatusReports(devices, config.upstreamUrl, identity.token);
    return { identity, db, sync, catalog, devices };
  })();
  return booting;
}

/** Enrolls if needed, opens the replica, loads the catalog with a progress bar, then runs the lane. */
function Lane({ config }: { config: LaneConfig }) {
  const { t } = useTranslation();
  const [identity, setIdentity] = useState<LaneIdentity | undefined>(() => loadIdentity());
  const [services, setServices] = useState<LaneServices>();
  const [progress, setProgress] = useState<LoadProgress>({
    collectionsDone: 0,
    collectionsTotal: 0,
    documents: 0,
  });
  const [failure, setFailure] = useState<string | ReplicaOpenError>();
  useEffect(() => {
    if (!identity) return;
    let cancelled = false;
    void (async () => {
      try {
        const lane = await bootLane(config, identity, setProgress);
        if (!cancelled) setServices(lane);
      } catch (e) {
        setFailure(e instanceof ReplicaOpenError ? e : String(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [identity, config]);
  if (failure instanceof ReplicaOpenError)
    return (
      <StartFailureScreen
        detail={describeError(failure.cause)}
        databaseName={failure.databaseName}
        unsent={new PendingWrites(localStorage).count.value}
        onRetry={() => location.reload()}
        onNewDatabase={() => {
          startNewReplicaGeneration();
          location.reload();
        }}
      />
    );
  if (failure)
    return (
      <p role="alert" className="error">
        {failure}
      </p>
    );
  if (!identity) return <EnrollScreen upstreamUrl={config.upstreamUrl} onEnrolled={setIdentity} />;
  if (!services) return <CatalogLoadScreen progress={progress} />;
  if (!services.catalog.snapshot.value.store)
    return (
      <p role="alert" className="error">
        {t('enroll.noStore')}
      </p>
    );
  return (
    <LaneServicesContext.Provider value={services}>
      {config.mode === 'kiosk' ? (
        <KioskApp idleMs={config.kioskIdleMs} />
      ) : config.mode === 'attendant' ? (
        <AttendantApp />
      ) : config.mode === 'manager' ? (
        <ManagerApp upstreamUrl={config.upstreamUrl} />
      ) : (
        <LaneApp />
      )}
    </LaneServicesContext.Provider>
  );
}

async function boot() {
  const [config, i18n] = await Promise.all([loadLaneConfig(), createLaneI18n()]);
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <Lane config={config} />
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();
